import type { auditContract } from '#shared/contract/audit.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const SUPERVISORS = ['supervisor', 'admin'] as const;

export const auditHandlers: Handlers<typeof auditContract, HostContext> = {
  'audit.list': (input, ctx) => (ctx.session.authorize(SUPERVISORS), ctx.auditView.list(input)),
  'audit.facets': (_input, ctx) => (ctx.session.authorize(SUPERVISORS), ctx.auditView.facets()),
  'audit.export': (input, ctx) => (ctx.session.authorize(SUPERVISORS), ctx.auditView.export(input)),
};
