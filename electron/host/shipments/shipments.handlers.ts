import type { shipmentsContract } from '#shared/contract/shipments.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';
import { partialCheck } from './partial-check';

export const shipmentsHandlers: Handlers<typeof shipmentsContract, HostContext> = {
  'shipments.list': (input, ctx) => ctx.shipmentsRepo.list(input),
  'shipments.reprint': ({ id }, ctx) => ctx.labels.reprint(id),
  'shipments.void': ({ id, reason, authorizerPin }, ctx) => {
    const shipment = ctx.shipments.void(id, reason, ctx.session.authorize(['supervisor', 'admin'], authorizerPin));
    ctx.pack.refresh();
    return shipment;
  },
  'shipments.exportBatchShip': ({ encoding, format, ...opts }, ctx) => ctx.shipments.exportBatchShip({ encoding, format }, opts),
  'shipments.exportPreview': (opts, ctx) => ctx.shipments.exportPreview(opts),
  'shipments.partialCheck': (_input, ctx) => partialCheck(ctx),
};
