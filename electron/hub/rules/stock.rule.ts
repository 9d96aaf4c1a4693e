import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import { chunks } from '../store/chunks';
import type { Rule, RuleContext } from './rule-context';

/** A count that moves stock by this much or more is worth a supervisor's look. */
export const COUNT_ADJUST_FLAG_AT = 10;

type Delta = { id: string; skuCode: string; delta: number; hubSeq: number; stationId: string };

/**
 * Stock is a ledger of signed deltas: addition commutes and the ledger dedupes by delta id, so
 * arrival order and re-delivery cannot change a balance. Going negative is allowed (the goods
 * left the building) and flagged once per crossing.
 */
async function applyDelta(ctx: RuleContext, d: Delta): Promise<void> {
  const { trx } = ctx.w;
  const inserted = await trx
    .insertInto('hub_stock')
    .values({ delta_id: d.id, sku_code: d.skuCode, delta: d.delta, hub_seq: d.hubSeq, station_id: d.stationId })
    .onConflict((oc) => oc.column('delta_id').doNothing())
    .returning('delta_id')
    .execute();
  if (inserted.length === 0) return;
  // One round trip: add to the balance and read it back (the old balance is the new one less the delta).
  const row = await trx
    .insertInto('hub_sku_balance')
    .values({ sku_code: d.skuCode, balance: d.delta })
    .onConflict((oc) => oc.column('sku_code').doUpdateSet((eb) => ({ balance: eb('hub_sku_balance.balance', '+', eb.ref('excluded.balance')) })))
    .returning('balance')
    .executeTakeFirstOrThrow();
  const after = Number(row.balance);
  const before = after - d.delta;
  if (before >= 0 && after < 0) {
    await ctx.raise('stock.negative', {
      orderId: null,
      stationIds: [ctx.op.stationId],
      opIds: [ctx.op.opId],
      detail: `${d.skuCode} 库存变为 ${after} / Stock of ${d.skuCode} went negative (${after})`,
    });
  }
}

export const stockDelta: Rule<'stock.delta'> = async (ctx, p) => {
  await applyDelta(ctx, { id: p.id, skuCode: p.skuCode, delta: p.delta, hubSeq: ctx.op.hubSeq, stationId: ctx.op.stationId });
};

/**
 * A count is an observation of what the counter could see: the log up to their pull cursor plus
 * their own deltas not yet pulled back. The difference is booked as a new delta, so picks at
 * other stations the counter had not seen stay on the ledger.
 */
/** What a counter knew, rebuilt from the log (counts recorded before knownQty existed). */
async function knownAtBasis(ctx: RuleContext, skuCode: string, basis: { cursor: number; pendingDeltaIds: string[] }): Promise<number> {
  const { trx } = ctx.w;
  const seen = await trx
    .selectFrom('hub_stock')
    .select((eb) => eb.fn.sum<number | null>('delta').as('total'))
    .where('sku_code', '=', skuCode)
    .where('hub_seq', '<=', basis.cursor)
    .executeTakeFirst();
  let known = Number(seen?.total ?? 0);
  for (const ids of chunks(basis.pendingDeltaIds)) {
    const own = await trx
      .selectFrom('hub_stock')
      .select((eb) => eb.fn.sum<number | null>('delta').as('total'))
      .where('sku_code', '=', skuCode)
      .where('hub_seq', '>', basis.cursor)
      .where('delta_id', 'in', ids)
      .executeTakeFirst();
    known += Number(own?.total ?? 0);
  }
  return known;
}

export const stockCounted: Rule<'stock.counted'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const adjustId = `${p.id}:adjust`;
  const done = await trx.selectFrom('hub_stock').select('delta_id').where('delta_id', '=', adjustId).executeTakeFirst();
  if (done) return;
  const known = p.knownQty ?? (await knownAtBasis(ctx, p.skuCode, p.basis));
  const adjust = p.countedQty - known;
  if (adjust === 0) return;
  const hubSeq = ctx.w.appendHubEntry('stock.delta', { id: adjustId, skuCode: p.skuCode, delta: adjust, reason: 'count', ref: p.id });
  await applyDelta(ctx, { id: adjustId, skuCode: p.skuCode, delta: adjust, hubSeq, stationId: HUB_AUTHOR });
  if (Math.abs(adjust) >= COUNT_ADJUST_FLAG_AT) {
    await ctx.raise('stock.count-adjusted', {
      orderId: null,
      stationIds: [ctx.op.stationId],
      opIds: [ctx.op.opId],
      detail: `盘点 ${p.skuCode} 调整 ${adjust > 0 ? '+' : ''}${adjust} / Count of ${p.skuCode} adjusted stock by ${adjust > 0 ? '+' : ''}${adjust}`,
    });
  }
};
