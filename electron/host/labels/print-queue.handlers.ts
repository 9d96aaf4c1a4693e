import type { printQueueContract } from '#shared/contract/print-queue.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

/** Anyone at the bench may work the queue; a reprint is the logged-in packer's say, and audited. */
const BENCH_USERS = ['packer', 'supervisor', 'admin'] as const;

export const printQueueHandlers: Handlers<typeof printQueueContract, HostContext> = {
  'printQueue.list': ({ limit }, ctx) => ctx.printQueue.list(limit),
  'printQueue.retry': ({ id }, ctx) => (ctx.session.authorize(BENCH_USERS), ctx.printQueue.retry(id)),
  'printQueue.reprint': ({ id }, ctx) => ctx.printQueue.reprint(id, ctx.session.authorize(BENCH_USERS)),
  'printQueue.cancel': ({ id }, ctx) => (ctx.session.authorize(BENCH_USERS), ctx.printQueue.cancel(id)),
};
