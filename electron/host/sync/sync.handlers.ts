import { AppError } from '#shared/contract/errors';
import type { syncContract } from '#shared/contract/sync.contract';
import type { Handlers } from '#shared/rpc/define';
import { inTransaction } from '../db/open-database';
import type { HostContext } from '../host-context';
import { assertSupervisorStation } from './station-role';

const SUPERVISORS = ['supervisor', 'admin'] as const;

export const syncHandlers: Handlers<typeof syncContract, HostContext> = {
  'sync.status': (_input, ctx) => ctx.sync.service.status(),
  'sync.pair': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.service.pair(input)),
  'sync.unpair': (_input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.service.unpair()),
  'sync.now': (_input, ctx) => ctx.sync.service.syncNow(),
  'flags.list': (input, ctx) => ({ flags: ctx.sync.flags.list(input.open, ctx.sync.nameOf) }),
  'flags.resolve': (input, ctx) => {
    ctx.session.authorize(SUPERVISORS);
    assertSupervisorStation(ctx.sync.meta);
    const flag = ctx.sync.flags.get(input.flagId, ctx.sync.nameOf);
    if (!flag) throw new AppError('NOT_FOUND', `Flag ${input.flagId} not found`);
    if (flag.resolution !== null) throw new AppError('CONFLICT', '此冲突已处理 / this flag is already resolved');
    // Shown resolved here at once; the hub checks the station's role and every station follows.
    inTransaction(ctx.db, () => {
      ctx.sync.flags.resolve(input.flagId, input.resolution, new Date().toISOString());
      ctx.outbox.append('flag.resolved', { flagId: input.flagId, resolution: input.resolution }, undefined, `flag:${input.flagId}`);
    });
    return ctx.sync.flags.get(input.flagId, ctx.sync.nameOf) ?? flag;
  },
  'hub.hosting': (_input, ctx) => ctx.sync.hosting.status(),
  'hub.setHosting': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.set(input.enabled, input.port)),
  'hub.newPairingCode': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.newPairingCode(input.role)),
  'hub.newReplacementCode': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.newReplacementCode(input.stationId, ctx.sync.service.status().stationId)),
  'hub.revokeStation': (input, ctx) => (ctx.session.authorize(['admin']), ctx.sync.hosting.revoke(input.stationId, ctx.sync.service.status().stationId)),
};
