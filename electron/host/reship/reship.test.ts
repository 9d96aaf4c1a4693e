import { beforeEach, describe, expect, it } from 'vitest';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';

type Ctx = Awaited<ReturnType<typeof stationWithOrders>>;

describe('reship (补发) through the normal ship path', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await stationWithOrders(20);
  });
  const onHand = async (sku: string) => (await ctx.call('catalog.list', { query: sku })).skus.find((s) => s.code === sku)!.onHand;

  async function shipped() {
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    const sku = order.lines[0]!.skuCode!;
    await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    const done = await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    expect(done.outcome).toBe('completed');
    await ctx.call('bench.cancel', {});
    return { order, sku, parcel: done.shipment! };
  }

  it('a reship decision opens the shipped order at the bench for the damaged SKU; it ships as a second parcel with a new number, linked, stock out once', async () => {
    const { order, sku, parcel } = await shipped();
    const stockBefore = await onHand(sku);
    // Shipped and no reship: the bench refuses it as before.
    expect((await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' })).outcome).toBe('blocked');
    await ctx.call('bench.cancel', {});

    const r = await ctx.call('damage.report', { orderRef: parcel.trackingNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '买家说碎了' });
    await ctx.call('damage.decide', { reportId: r.id, decision: 'reship', note: '补发一个' });
    expect((await ctx.call('damage.get', { id: r.id })).effects.reship).toEqual({ state: 'open', trackingNo: null });

    const opened = await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    expect(opened.outcome).toBe('opened');
    expect(opened.state.order?.blockedReason).toBeNull();
    expect(opened.state.order?.reship).toEqual({ reportId: r.id, skuCode: sku, qty: 1, reason: 'broken', ofTrackingNo: parcel.trackingNo });
    expect(opened.state.lines).toMatchObject([{ lineNo: 1, skuCode: sku, qty: 1, verified: 0 }]);
    // Verified by scan as usual: a wrong item is refused.
    const other = ctx.generated.orders.flatMap((o) => o.lines).find((l) => l.skuCode && l.skuCode !== sku)!.skuCode!;
    expect((await ctx.call('bench.scan', { code: barcodeOf(other), source: 'wedge' })).outcome).toBe('wrong_item');
    const done = await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    expect(done.outcome).toBe('completed');
    expect(done.shipment?.trackingNo).not.toBe(parcel.trackingNo);
    expect(done.shipment?.reship).toEqual({ reportId: r.id, reason: 'broken', ofTrackingNo: parcel.trackingNo });
    expect(await onHand(sku)).toBe(stockBefore - 1);

    const parcels = (await ctx.call('shipments.list', { query: order.externalId })).shipments;
    expect(parcels.map((s) => s.trackingNo).sort()).toEqual([parcel.trackingNo, done.shipment!.trackingNo].sort());
    expect((await ctx.call('damage.get', { id: r.id })).effects.reship).toEqual({ state: 'shipped', trackingNo: done.shipment!.trackingNo });
    // The reship is done: the order is shipped again, nothing more leaves.
    await ctx.call('bench.cancel', {});
    expect((await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' })).outcome).toBe('blocked');
    expect(await onHand(sku)).toBe(stockBefore - 1);
    const outcomes = ctx.host.context.db.prepare("SELECT outcome, line_no AS lineNo FROM scan_events WHERE order_id = ? AND outcome = 'verified' ORDER BY rowid").all(`taobao:${order.externalId}`);
    expect(outcomes).toHaveLength(2);
  });

  it('voiding the reship parcel reopens the reship; a supervisor deciding otherwise cancels it before it is packed', async () => {
    const { order, sku, parcel } = await shipped();
    const r = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'missing-parts', source: 'delivered', note: '' });
    await ctx.call('damage.decide', { reportId: r.id, decision: 'reship' });
    await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    const done = await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    await ctx.call('shipments.void', { id: done.shipment!.id, reason: '打印机卡纸' });
    expect((await ctx.call('damage.get', { id: r.id })).effects.reship?.state).toBe('open');

    await ctx.call('damage.decide', { reportId: r.id, decision: 'refund', amountFen: 990 });
    expect((await ctx.call('damage.get', { id: r.id })).effects.reship?.state).toBe('cancelled');
    await ctx.call('bench.cancel', {});
    const scanned = await ctx.call('bench.scan', { code: parcel.trackingNo, source: 'wedge' });
    expect(scanned.outcome).toBe('blocked');
    expect(scanned.state.order?.reship).toBeNull();
  });

  it('a decision changed while its reship is open at a bench: the bench may no longer ship it', async () => {
    const { order, sku } = await shipped();
    const r = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '' });
    await ctx.call('damage.decide', { reportId: r.id, decision: 'reship' });
    await ctx.call('settings.update', { autoCompleteOnLastScan: false });
    await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    // Meanwhile the supervisor changes the decision: the bench may not ship it.
    await ctx.call('damage.decide', { reportId: r.id, decision: 'reject' });
    await expect(ctx.call('bench.ship', { parcelCount: 1, partial: false })).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'pack.reshipNotOpen' } });
  });
});
