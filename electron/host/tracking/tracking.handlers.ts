import type { trackingContract } from '#shared/contract/tracking.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const SUPERVISORS = ['supervisor', 'admin'] as const;

export const trackingHandlers: Handlers<typeof trackingContract, HostContext> = {
  'tracking.import': ({ file, encoding, authorizerPin }, ctx) => ctx.tracking.importCsv(file, encoding, ctx.session.authorize(SUPERVISORS, authorizerPin)),
  'tracking.status': ({ ref }, ctx) => (ctx.session.requireUser(), { parcels: ctx.tracking.status(ref) }),
};
