import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { syncContract } from '#shared/contract/sync.contract';
import type { Handlers } from '#shared/rpc/define';
import { inTransaction } from '../db/open-database';
import type { HostContext } from '../host-context';
import { isLocalFlag } from './flags.repo';

const SUPERVISORS = ['supervisor', 'admin'] as const;

export const syncHandlers: Handlers<typeof syncContract, HostContext> = {
  'sync.status': (_input, ctx) => ctx.sync.service.status(),
  'sync.pair': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.service.pair(input)),
  'sync.unpair': (_input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.service.unpair()),
  'sync.now': (_input, ctx) => ctx.sync.service.syncNow(),
  'flags.list': (input, ctx) => ({ flags: ctx.sync.flags.list(input.open, ctx.sync.nameOf) }),
  'flags.resolve': (input, ctx) => {
    const actor = ctx.session.authorize(SUPERVISORS);
    const flag = ctx.sync.flags.get(input.flagId, ctx.sync.nameOf);
    if (!flag) throw new AppError('NOT_FOUND', msg('flags.notFound', { id: input.flagId }));
    if (flag.resolution !== null) throw new AppError('CONFLICT', msg('flags.alreadyResolved'));
    // Shown resolved here at once; the hub checks the authority and every station follows. A flag
    // only this bench raised (an entry it could not apply) is closed here alone.
    inTransaction(ctx.db, () => {
      if (isLocalFlag(input.flagId)) ctx.sync.resolveLocalFlag(input.flagId, input.resolution);
      else ctx.recorder.record('flag.resolved', { flagId: input.flagId, resolution: input.resolution }, { actor });
    });
    return ctx.sync.flags.get(input.flagId, ctx.sync.nameOf) ?? flag;
  },
  'hub.hosting': (_input, ctx) => ctx.sync.hosting.status(),
  'hub.setHosting': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.set(input.enabled, input.port)),
  'hub.newPairingCode': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.newPairingCode(input.role)),
  'hub.newReplacementCode': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.newReplacementCode(input.stationId, ctx.sync.service.status().stationId)),
  'hub.revokeStation': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.revoke(input.stationId, ctx.sync.service.status().stationId)),
};
