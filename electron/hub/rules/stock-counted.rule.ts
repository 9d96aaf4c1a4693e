import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import { stockCountedOp } from '#shared/ops/stock-counted.op';
import { bookDelta, countAdjustId, deltaBooked, stockKnown } from './hub-stock';
import type { Rule } from './rule-context';
import { signed } from '#shared/domain/signed';

/** A count that moves stock by this much or more is worth a supervisor's look (not a SKU's first: its opening stock). */
export const COUNT_ADJUST_FLAG_AT = 10;

/**
 * A count is an observation of what the counter could see (knownQty). The difference is booked as
 * a new delta, so picks at other stations the counter had not seen stay on the ledger.
 */
export const stockCounted: Rule<'stock.counted'> = async (ctx, p) => {
  const adjustId = countAdjustId(p.id);
  if (await deltaBooked(ctx.w, adjustId)) return;
  const adjust = p.countedQty - p.knownQty;
  if (adjust === 0) return;
  // The first count of a SKU the hub never had a balance or a movement of is its opening stock, not a discrepancy.
  const large = Math.abs(adjust) >= COUNT_ADJUST_FLAG_AT && (await stockKnown(ctx.w, p.skuCode));
  const hubSeq = ctx.w.appendHubEntry('stock.delta', { id: adjustId, skuCode: p.skuCode, delta: adjust, cause: 'count', ref: p.id, note: '', bucket: 'sellable', kind: null });
  await bookDelta(ctx, { id: adjustId, skuCode: p.skuCode, delta: adjust, hubSeq, stationId: HUB_AUTHOR, bucket: 'sellable' });
  if (large) {
    await ctx.raise('stock.count-adjusted', {
      orderId: null, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId],
      message: msg(stockCountedOp.messages.adjusted, { sku: p.skuCode, adjust: signed(adjust) }),
    });
  }
};
