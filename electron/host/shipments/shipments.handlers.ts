import { AppError } from '#shared/contract/errors';
import { EXPORTER_ROLES, type shipmentsContract } from '#shared/contract/shipments.contract';
import { msg } from '#shared/i18n/message';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';
import { partialCheck } from './partial-check';

/**
 * 批量发货 tells the platform the parcels shipped and stamps them exported at every bench: the owner's
 * job (DESIGN §1), not a packer's. Nobody logged in is whoever runs this machine (`packdesk export`).
 */
function requireExporter(ctx: HostContext): void {
  const user = ctx.session.user();
  if (user && !(EXPORTER_ROLES as readonly string[]).includes(user.role)) {
    throw new AppError('FORBIDDEN', msg('export.managersOnly'), { roles: EXPORTER_ROLES });
  }
}

export const shipmentsHandlers: Handlers<typeof shipmentsContract, HostContext> = {
  'shipments.list': (input, ctx) => ctx.shipmentsRepo.list(input),
  // Audited as the queue's Reprint is: who printed which number again, at which bench.
  'shipments.reprint': ({ id }, ctx) => ctx.labels.reprint(id, ctx.session.authorize(['packer', 'supervisor', 'admin'])),
  'shipments.void': ({ id, reason, reasonCode, authorizerPin }, ctx) => {
    const shipment = ctx.shipments.void(id, { reason, reasonCode }, ctx.session.authorize(['supervisor', 'admin'], authorizerPin));
    ctx.pack.refresh();
    return shipment;
  },
  'shipments.exportBatchShip': ({ encoding, format, ...opts }, ctx) => {
    requireExporter(ctx);
    return ctx.shipments.exportBatchShip({ encoding, format }, opts);
  },
  'shipments.exportPreview': (opts, ctx) => ctx.shipments.exportPreview(opts),
  'shipments.partialCheck': (_input, ctx) => partialCheck(ctx),
};
