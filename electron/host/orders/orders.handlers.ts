import { AppError } from '#shared/contract/errors';
import type { ordersContract } from '#shared/contract/orders.contract';
import { pickupListUntil } from '#shared/domain/ship-guard';
import { msg } from '#shared/i18n/message';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const ordersHandlers: Handlers<typeof ordersContract, HostContext> = {
  'orders.import': ({ files, mappingName }, ctx) =>
    ctx.importOrders(files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })), mappingName),
  'orders.list': (input, ctx) => {
    const w = ctx.guard.window();
    const until = input.state === 'at-risk' ? w.riskUntilMs : pickupListUntil(w);
    return ctx.ordersRepo.list({ ...input, now: new Date(w.nowMs).toISOString(), until: new Date(until).toISOString() });
  },
  'orders.get': ({ id }, ctx) => {
    const order = ctx.ordersRepo.get(id);
    if (!order) throw new AppError('NOT_FOUND', msg('orders.notFound', { id }));
    return order;
  },
  'orders.reopen': ({ id, reason }, ctx) => {
    ctx.orders.reopen(id, reason, ctx.session.authorize(['supervisor', 'admin']));
    ctx.pack.refresh();
    return ctx.ordersRepo.get(id) as NonNullable<ReturnType<typeof ctx.ordersRepo.get>>;
  },
  'orders.releaseHold': ({ id, reason, authorizerPin }, ctx) => {
    ctx.orders.releaseHold(id, reason, ctx.session.authorize(['supervisor', 'admin'], authorizerPin));
    ctx.pack.refresh();
    return ctx.ordersRepo.get(id) as NonNullable<ReturnType<typeof ctx.ordersRepo.get>>;
  },
  'orders.saveMapping': (input, ctx) => ctx.orders.saveMapping(input),
  'orders.listMappings': (_input, ctx) => ctx.orders.listMappings(),
};
