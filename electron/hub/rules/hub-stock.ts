import { msg } from '#shared/i18n/message';
import { stockDeltaOp } from '#shared/ops/stock-delta.op';
import type { RuleContext } from './rule-context';

type Delta = { id: string; skuCode: string; delta: number; hubSeq: number; stationId: string };

/**
 * Stock is a ledger of signed deltas: addition commutes and the ledger dedupes by delta id, so
 * arrival order and re-delivery cannot change a balance. Going negative is allowed (the goods
 * left the building) and flagged once per crossing.
 */
export async function bookDelta(ctx: RuleContext, d: Delta): Promise<void> {
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
      orderId: null, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId],
      message: msg(stockDeltaOp.messages.negative, { sku: d.skuCode, qty: after }),
    });
  }
}
