import { msg } from '#shared/i18n/message';
import { claimSettledOp } from '#shared/ops/claim-settled.op';
import type { Rule } from './rule-context';

/**
 * A settlement records the carrier's answer to a claim; the one in force is the last by hub_seq.
 * Two supervisors who settled one claim differently without seeing each other's settlement (it
 * came after the position they had seen) get a flag, as conflicting damage decisions do. A claim
 * the hub does not know is still accepted: it is the supervisor's fact, and the bench had the claim.
 */
export const claimSettled: Rule<'claim.settled'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const seen = await trx.selectFrom('hub_claim_settlements').select('settlement_id').where('settlement_id', '=', p.id).executeTakeFirst();
  if (seen) return;
  const blind = await trx
    .selectFrom('hub_claim_settlements')
    .select(['station_id', 'outcome'])
    .where('claim_id', '=', p.claimId)
    .where('outcome', '!=', p.outcome)
    .where('hub_seq', '>', p.seenHubSeq)
    .orderBy('hub_seq')
    .execute();
  await trx
    .insertInto('hub_claim_settlements')
    .values({ settlement_id: p.id, claim_id: p.claimId, outcome: p.outcome, seen_hub_seq: p.seenHubSeq, hub_seq: ctx.op.hubSeq, station_id: ctx.op.stationId })
    .execute();
  if (blind.length === 0) return;
  const report = await trx.selectFrom('hub_damage').select('payload').where('report_id', '=', p.claimId).executeTakeFirst();
  const orderId = report ? ((JSON.parse(report.payload) as { orderId?: string | null }).orderId ?? null) : null;
  await ctx.raise('damage.conflicting-decisions', {
    orderId,
    stationIds: [...blind.map((s) => s.station_id), ctx.op.stationId],
    opIds: [ctx.op.opId],
    message: msg(claimSettledOp.messages.conflicting, { claim: p.claimId, outcomes: [...new Set([...blind.map((s) => s.outcome), p.outcome])].join(' / ') }),
  });
};
