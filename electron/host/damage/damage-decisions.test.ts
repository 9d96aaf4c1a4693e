import { beforeEach, describe, expect, it } from 'vitest';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';

type Ctx = Awaited<ReturnType<typeof stationWithOrders>>;

/** What a user sees of one SKU in the catalog: on the shelf, and kept apart as damaged. */
async function stockOf(ctx: Ctx, sku: string) {
  const k = (await ctx.call('catalog.list', { query: sku })).skus.find((s) => s.code === sku)!;
  return { onHand: k.onHand, damaged: k.damaged };
}

/** Packs and ships one shippable order at the bench; returns the order and its parcel. */
async function shipOne(ctx: Ctx) {
  const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1)!;
  await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
  let last;
  for (let i = 0; i < order.lines[0]!.qty; i++) last = await ctx.call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
  expect(last?.outcome).toBe('completed');
  await ctx.call('bench.cancel', {});
  return { order, sku: order.lines[0]!.skuCode!, parcel: last!.shipment! };
}

describe('damage decisions act', () => {
  let ctx: Ctx;
  const SKU = 'SKU-0001';
  beforeEach(async () => {
    ctx = await stationWithOrders(20);
  });
  const report = (over: { qty?: number; source?: 'bench' | 'shelf' | 'delivered'; orderRef?: string | null } = {}) =>
    ctx.call('damage.report', { orderRef: over.orderRef ?? null, skuCode: SKU, qty: over.qty ?? 2, reason: 'broken', note: 'crushed corner', ...(over.source ? { source: over.source } : {}) });
  const decide = (reportId: string, decision: 'write-off' | 'restock' | 'reship' | 'claim' | 'refund' | 'reject', more: Record<string, unknown> = {}) =>
    ctx.call('damage.decide', { reportId, decision, ...more });

  it('a write-off takes shelf units into the damaged bucket; a restock that replaces it puts them back, so stock is as it was', async () => {
    const before = await stockOf(ctx, SKU);
    const r = await report({ qty: 2 });
    expect(r.source).toBe('shelf');
    await decide(r.id, 'write-off');
    expect(await stockOf(ctx, SKU)).toEqual({ onHand: before.onHand - 2, damaged: before.damaged + 2 });
    const { effects } = await ctx.call('damage.get', { id: r.id });
    expect(effects.booked).toEqual({ sellable: -2, damaged: 2 });

    const again = await decide(r.id, 'restock');
    expect(again.decision?.decision).toBe('restock');
    expect(await stockOf(ctx, SKU)).toEqual(before);
    // Writing off a second time books it again (not a no-op from a stale movement id).
    await decide(r.id, 'write-off');
    expect(await stockOf(ctx, SKU)).toEqual({ onHand: before.onHand - 2, damaged: before.damaged + 2 });
    await decide(r.id, 'reject');
    expect(await stockOf(ctx, SKU)).toEqual(before);
    const ledger = ctx.host.context.db.prepare("SELECT reason, bucket, delta FROM stock_ledger WHERE ref = ? ORDER BY rowid").all(r.id);
    expect(ledger).toEqual([
      { reason: 'write-off', bucket: 'sellable', delta: -2 }, { reason: 'write-off', bucket: 'damaged', delta: 2 },
      { reason: 'restock', bucket: 'sellable', delta: 2 }, { reason: 'restock', bucket: 'damaged', delta: -2 },
      { reason: 'write-off', bucket: 'sellable', delta: -2 }, { reason: 'write-off', bucket: 'damaged', delta: 2 },
      { reason: 'restock', bucket: 'sellable', delta: 2 }, { reason: 'restock', bucket: 'damaged', delta: -2 },
    ]);
  });

  it('a write-off that would take the shelf below zero is refused with the figures, as the stock-adjust dialog warns, and booked once confirmed', async () => {
    const before = await stockOf(ctx, SKU);
    const r = await report({ qty: before.onHand + 3 });
    await expect(decide(r.id, 'write-off')).rejects.toMatchObject({
      code: 'CONFLICT', msg: { key: 'damage.belowZero', params: { sku: SKU, onHand: before.onHand, after: -3 } },
    });
    // Nothing booked, nothing decided: the report still waits.
    expect(await stockOf(ctx, SKU)).toEqual(before);
    expect((await ctx.call('damage.get', { id: r.id })).decisions).toEqual([]);
    expect((await ctx.call('damage.list', { filter: 'open' })).reports.map((x) => x.id)).toContain(r.id);
    const decided = await decide(r.id, 'write-off', { confirmed: true });
    expect(decided.decision?.decision).toBe('write-off');
    expect(await stockOf(ctx, SKU)).toEqual({ onHand: -3, damaged: before.damaged + before.onHand + 3 });
    // Undoing it puts units back on the shelf: no question asked.
    await decide(r.id, 'reject');
    expect(await stockOf(ctx, SKU)).toEqual(before);
  });

  it('a unit returned defective is restocked from the damaged bucket; writing it off moves nothing (it is already apart)', async () => {
    // The returns desk puts the unit in the damaged bucket and files the report (退货中发现) linked to the return.
    const { sku, parcel } = await shipOne(ctx);
    const before = await stockOf(ctx, sku);
    const received = await ctx.call('returns.receive', { ref: parcel.trackingNo, items: [{ skuCode: sku, qty: 1, condition: 'defective', reason: 'broken' }] });
    const returned = await stockOf(ctx, sku);
    expect(returned).toEqual({ onHand: before.onHand, damaged: before.damaged + 1 });
    const { report: r } = await ctx.call('damage.get', { id: received.damageReportIds[0]! });
    expect(r.source).toBe('return');
    await decide(r.id, 'write-off');
    expect(await stockOf(ctx, sku)).toEqual(returned);
    await decide(r.id, 'restock');
    expect(await stockOf(ctx, sku)).toEqual({ onHand: returned.onHand + 1, damaged: returned.damaged - 1 });
    await decide(r.id, 'write-off');
    expect(await stockOf(ctx, sku)).toEqual(returned);
  });

  it('refuses 退货中发现 from a person: only a return files a report found in a return', async () => {
    await expect(ctx.call('damage.report', { orderRef: null, skuCode: SKU, qty: 1, reason: 'broken', source: 'return' as 'shelf' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a unit already delivered is gone: neither a write-off nor a restock moves stock', async () => {
    const { order, sku } = await shipOne(ctx);
    const before = await stockOf(ctx, sku);
    const r = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'leaking', source: 'delivered', note: '' });
    await decide(r.id, 'write-off');
    await decide(r.id, 'restock');
    expect(await stockOf(ctx, sku)).toEqual(before);
  });

  it('a refund is recorded with its amount and moves nothing; a reject moves nothing', async () => {
    const before = await stockOf(ctx, SKU);
    const r = await report();
    await expect(decide(r.id, 'refund')).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'damage.amountRequired' } });
    const refunded = await decide(r.id, 'refund', { amountFen: 1990, note: '退 19.90' });
    expect(refunded.decision).toMatchObject({ decision: 'refund', amountFen: 1990, note: '退 19.90' });
    await decide(r.id, 'reject');
    expect(await stockOf(ctx, SKU)).toEqual(before);
    const { decisions } = await ctx.call('damage.get', { id: r.id });
    expect(decisions.map((d) => [d.decision, d.amountFen])).toEqual([['refund', 1990], ['reject', null]]);
  });

  it('a claim is filed against the report’s parcel by default and settled paid; a claim decided away is withdrawn', async () => {
    const { order, sku, parcel } = await shipOne(ctx);
    const r = await ctx.call('damage.report', { orderRef: parcel.trackingNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '' });
    expect(r.orderId).toBe(`taobao:${order.externalId}`);
    await decide(r.id, 'claim', { amountFen: 2500 });
    let { claims } = await ctx.call('claims.list', { status: 'filed' });
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ id: r.id, carrierCode: 'YTO', trackingNo: parcel.trackingNo, amountFen: 2500, status: 'filed', paidFen: null });
    await expect(ctx.call('claims.settle', { claimId: r.id, outcome: 'paid' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const paid = await ctx.call('claims.settle', { claimId: r.id, outcome: 'paid', paidFen: 2000, note: '部分赔付' });
    expect(paid).toMatchObject({ status: 'paid', paidFen: 2000, settleNote: '部分赔付' });
    ({ claims } = await ctx.call('claims.list', { status: 'paid' }));
    expect(claims.map((c) => c.id)).toEqual([r.id]);

    // Another report's claim, then decided otherwise: withdrawn, and it cannot be settled.
    const r2 = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'outer-box', source: 'delivered', note: '' });
    await decide(r2.id, 'claim', { amountFen: 800, carrierCode: 'yto', trackingNo: parcel.trackingNo });
    await decide(r2.id, 'refund', { amountFen: 800 });
    expect((await ctx.call('claims.list', { status: 'withdrawn' })).claims.map((c) => c.id)).toEqual([r2.id]);
    await expect(ctx.call('claims.settle', { claimId: r2.id, outcome: 'rejected' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a claim on a report without a parcel needs the carrier and tracking number typed in', async () => {
    const r = await report();
    await expect(decide(r.id, 'claim', { amountFen: 100 })).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'damage.claimNeedsParcel' } });
    await expect(decide(r.id, 'reship')).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'damage.reshipNeedsOrder' } });
  });

  it('a claim names a carrier there is: an unknown code is refused in words and not stored; a carrier’s name is its code', async () => {
    const r = await report();
    const claim = (carrierCode: string, trackingNo = 'YT7400000000049') => decide(r.id, 'claim', { amountFen: 1250, carrierCode, trackingNo });
    await expect(claim('ABC')).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'damage.unknownCarrier', params: { carrier: 'ABC' } } });
    await expect(claim('YTO', 'YT 7400')).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'damage.badTrackingNo' } });
    expect((await ctx.call('damage.get', { id: r.id })).decisions).toEqual([]);
    expect((await ctx.call('claims.list', {})).claims).toEqual([]);
    // What a supervisor types (圆通) or a script passes (YTO) files the claim against 圆通速递.
    expect((await claim('圆通')).decision).toMatchObject({ decision: 'claim', carrierCode: 'YTO' });
    expect((await ctx.call('claims.list', {})).claims).toMatchObject([{ id: r.id, carrierCode: 'YTO', carrierName: '圆通速递' }]);
  });

  it('a packer decides only with a supervisor’s PIN, and cannot settle a claim without one', async () => {
    await ctx.call('users.save', { name: '王主管', role: 'supervisor', pin: '4321' });
    await ctx.call('users.save', { name: '小李', role: 'packer', pin: '1111' });
    const r = await report();
    await ctx.call('session.login', { pin: '1111' });
    await expect(decide(r.id, 'write-off')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const decided = await ctx.call('damage.decide', { reportId: r.id, decision: 'claim', amountFen: 500, carrierCode: 'YTO', trackingNo: 'YT7400000000049', authorizerPin: '4321' });
    expect(decided.decision?.decidedBy).toBe('小李');
    await expect(ctx.call('claims.settle', { claimId: r.id, outcome: 'rejected' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await ctx.call('claims.settle', { claimId: r.id, outcome: 'rejected', authorizerPin: '4321' })).status).toBe('rejected');
  });
});
