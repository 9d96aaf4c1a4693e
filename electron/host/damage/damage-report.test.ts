import { beforeEach, describe, expect, it } from 'vitest';
import { barcodeOf } from '../../../test/host/host-client';
import { SKUS, shippable, stationWithOrders } from '../../../test/host/station-with-orders';

type Ctx = Awaited<ReturnType<typeof stationWithOrders>>;

describe('filing a damage report against an order', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await stationWithOrders(20);
  });
  const oneLine = () => ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1)!;
  const notOn = (order: ReturnType<typeof oneLine>) => SKUS.find((s) => !order.lines.some((l) => l.skuCode === s))!;

  it('refuses a SKU the order does not have, naming the order and the SKU; files nothing', async () => {
    const order = oneLine();
    const other = notOn(order);
    await expect(ctx.call('damage.report', { orderRef: order.externalId, skuCode: other, qty: 1, reason: 'broken' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', msg: { key: 'damage.skuNotOnOrder', params: { order: order.externalId, sku: other } }, details: { field: 'skuCode' },
    });
    expect((await ctx.call('damage.list', {})).reports).toEqual([]);
    // The order's own item is filed; so is any SKU with no order (found on the shelf).
    const own = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: order.lines[0]!.skuCode!, qty: 1, reason: 'broken' });
    expect(own).toMatchObject({ orderExternalId: order.externalId, source: 'bench' });
    expect(await ctx.call('damage.report', { orderRef: null, skuCode: other, qty: 1, reason: 'broken' })).toMatchObject({ orderId: null, source: 'shelf' });
  });

  it('a report filed before its order shipped names no parcel, and offers the parcel the order left in since', async () => {
    const order = oneLine();
    const sku = order.lines[0]!.skuCode!;
    const early = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'broken' });
    expect(early).toMatchObject({ shipmentId: null, trackingNo: null, orderParcel: null });
    await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    let last;
    for (let i = 0; i < order.lines[0]!.qty; i++) last = await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    expect(last?.outcome).toBe('completed');
    const { report } = await ctx.call('damage.get', { id: early.id });
    expect(report).toMatchObject({ trackingNo: null, orderParcel: { carrierCode: last!.shipment!.carrierCode, trackingNo: last!.shipment!.trackingNo } });
  });

  it('named by its parcel, a shipped order also refuses another SKU; its own item defaults to reported after delivery, not found while packing', async () => {
    const order = oneLine();
    const sku = order.lines[0]!.skuCode!;
    await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    let last;
    for (let i = 0; i < order.lines[0]!.qty; i++) last = await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    expect(last?.outcome).toBe('completed');
    await ctx.call('bench.cancel', {});
    const parcel = last!.shipment!;
    await expect(ctx.call('damage.report', { orderRef: parcel.trackingNo, skuCode: notOn(order), qty: 1, reason: 'broken' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', msg: { key: 'damage.skuNotOnOrder', params: { order: order.externalId, sku: notOn(order) } },
    });
    // As `packdesk damage report --order …` files it, with no --source: the goods left with the parcel.
    const byParcel = await ctx.call('damage.report', { orderRef: parcel.trackingNo, skuCode: sku, qty: 1, reason: 'broken' });
    expect(byParcel).toMatchObject({ trackingNo: parcel.trackingNo, source: 'delivered' });
    const byOrder = await ctx.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'broken' });
    expect(byOrder.source).toBe('delivered');
    // …so a write-off takes nothing more off the shelf than the parcel did.
    const onHand = async () => (await ctx.call('catalog.list', { query: sku })).skus.find((s) => s.code === sku)!.onHand;
    const before = await onHand();
    await ctx.call('damage.decide', { reportId: byOrder.id, decision: 'write-off' });
    expect(await onHand()).toBe(before);
  });
});
