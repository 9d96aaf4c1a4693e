import type { waybillsContract } from '#shared/contract/waybills.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const ADMINS = ['admin'] as const;
const BENCH_USERS = ['packer', 'supervisor', 'admin'] as const;

export const waybillsHandlers: Handlers<typeof waybillsContract, HostContext> = {
  'waybills.providers': (_input, ctx) => (ctx.session.requireUser(), ctx.waybills.providers()),
  // Accounts are money: only an admin enters or removes them, and they are never read back.
  'waybills.saveKeys': ({ provider, keys }, ctx) => (ctx.waybills.saveKeys(provider, keys, ctx.session.authorize(ADMINS)), ctx.waybills.providers()),
  'waybills.removeKeys': ({ provider }, ctx) => (ctx.waybills.removeKeys(provider, ctx.session.authorize(ADMINS)), ctx.waybills.providers()),
  'waybills.test': ({ provider }, ctx) => (ctx.session.authorize(SUPERVISORS), ctx.waybills.test(provider)),
  'waybills.fetch': ({ authorizerPin, ...input }, ctx) => ctx.waybills.fetch(input, ctx.session.authorize(SUPERVISORS, authorizerPin)),
  'waybills.status': (_input, ctx) => (ctx.session.requireUser(), ctx.waybills.status()),
  // Printing labels is a packer's work, like printing at the bench; a reprint is the packer's say, and audited.
  'waybills.print': (input, ctx) => ctx.waybills.print(input, ctx.session.authorize(BENCH_USERS)),
  'waybills.ofOrder': ({ ref }, ctx) => (ctx.session.requireUser(), ctx.waybills.ofOrder(ref)),
  'waybills.cancel': ({ trackingNo, authorizerPin }, ctx) => ctx.waybills.cancel(trackingNo, ctx.session.authorize(SUPERVISORS, authorizerPin)),
  'waybills.sendCancels': (_input, ctx) => (ctx.session.authorize(SUPERVISORS), ctx.waybills.sendCancels()),
};
