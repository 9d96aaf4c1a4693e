import type { Rule } from './rule-context';

/** JSON with sorted keys, so two encodings of one report compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A damage report is evidence: written once, never changed. Corrections are new ops. */
export const damageReported: Rule<'damage.reported'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const payload = canonical(p);
  const stored = await trx.selectFrom('hub_damage').select('payload').where('report_id', '=', p.id).executeTakeFirst();
  if (stored) return stored.payload === payload ? undefined : { rejected: 'report is immutable' };
  await trx.insertInto('hub_damage').values({ report_id: p.id, payload, hub_seq: ctx.op.hubSeq }).execute();
};

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
      detail: `破损报告 ${p.reportId} 有互相矛盾的处理决定（${[...blind.map((d) => d.decision), p.decision].join(' / ')}）/ Conflicting decisions on damage report ${p.reportId}`,
    });
  }
};

export const flagResolved: Rule<'flag.resolved'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const flag = await trx.selectFrom('hub_flags').select('resolved_seq').where('flag_id', '=', p.flagId).executeTakeFirst();
  if (!flag) return { rejected: 'unknown flag' };
  // The first resolution stands; a second supervisor closing the same flag changes nothing.
  if (flag.resolved_seq !== null) return;
  await trx.updateTable('hub_flags').set({ resolved_seq: ctx.op.hubSeq, resolution: p.resolution }).where('flag_id', '=', p.flagId).execute();
};
