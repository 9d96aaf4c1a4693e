import { msg } from '#shared/i18n/message';
import { damageDecidedOp } from '#shared/ops/damage-decided.op';
import type { Rule } from './rule-context';

/**
 * The effective decision is the last by hub_seq. Two supervisors who decided differently without
 * seeing each other's decision (it came after the position they had seen) get a flag.
 */
export const damageDecided: Rule<'damage.decided'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const seen = await trx.selectFrom('hub_decisions').select('decision_id').where('decision_id', '=', p.id).executeTakeFirst();
  if (seen) return;
  const blind = await trx
    .selectFrom('hub_decisions')
    .select(['station_id', 'decision_id', 'decision'])
    .where('report_id', '=', p.reportId)
    .where('decision', '!=', p.decision)
    .where('hub_seq', '>', p.seenHubSeq)
    .orderBy('hub_seq')
    .execute();
  await trx
    .insertInto('hub_decisions')
    .values({
      decision_id: p.id, report_id: p.reportId, decision: p.decision, seen_hub_seq: p.seenHubSeq, hub_seq: ctx.op.hubSeq,
      station_id: ctx.op.stationId,
    })
    .execute();
  if (blind.length > 0) {
    const report = await trx.selectFrom('hub_damage').select('payload').where('report_id', '=', p.reportId).executeTakeFirst();
    const orderId = report ? ((JSON.parse(report.payload) as { orderId?: string | null }).orderId ?? null) : null;
    await ctx.raise('damage.conflicting-decisions', {
      orderId,
      stationIds: [...blind.map((d) => d.station_id), ctx.op.stationId],
      opIds: [ctx.op.opId],
      // Each decision once: a list of every blind one outgrew the flag's own schema (a 500 on every retry).
      message: msg(damageDecidedOp.messages.conflicting, { report: p.reportId, decisions: [...new Set([...blind.map((d) => d.decision), p.decision])].join(' / ') }),
    });
  }
};
