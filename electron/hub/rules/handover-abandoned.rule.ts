import type { Rule } from './rule-context';
import { closeOf, flagClosedAbandoned, noteAbandon } from './handover-close-abandon';

/**
 * An abandon (作废) is applied by every bench, and a close outweighs it in either order (the
 * appliers). The hub remembers the first abandon of each handover; one that meets a close — here, or
 * when the close arrives later — is flagged for a supervisor, naming both benches and users.
 */
export const handoverAbandoned: Rule<'handover.abandoned'> = async (ctx, p) => {
  const abandon = { stationId: ctx.op.stationId, opId: ctx.op.opId, userId: ctx.op.userId, reason: p.reason, note: p.note };
  await noteAbandon(ctx, p.handoverId, abandon);
  const close = await closeOf(ctx, p.handoverId);
  if (close) await flagClosedAbandoned(ctx, p.handoverId, close, abandon);
};
