import type { shipmentsContract } from '#shared/contract/shipments.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const shipmentsHandlers: Handlers<typeof shipmentsContract, HostContext> = {
  'shipments.list': (input, ctx) => ctx.shipmentsRepo.list(input),
  'shipments.reprint': ({ id }, ctx) => ctx.labels.reprint(id),
  'shipments.void': ({ id, reason, authorizerPin }, ctx) => {
    const shipment = ctx.shipments.void(id, reason, ctx.session.authorize(['supervisor', 'admin'], authorizerPin));
    ctx.pack.refresh();
    return shipment;
  },
  'shipments.exportBatchShip': ({ encoding, onlyNotExported }, ctx) => ctx.shipments.exportBatchShip(encoding, onlyNotExported),
};
