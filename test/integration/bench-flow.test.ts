import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { barcodeOf } from '../host/host-client';
import { shippable, SKUS, stationWithOrders } from '../host/station-with-orders';

describe('the bench, end to end through the host', () => {
  let ctx: Awaited<ReturnType<typeof stationWithOrders>>;
  beforeEach(async () => {
    ctx = await stationWithOrders();
  });

  it('opens an order by id, rejects a wrong item, counts right ones, and ships on the last scan', async () => {
    const { call, generated, host } = ctx;
    const order = generated.orders.find((o) => shippable(o) && o.lines.length >= 1)!;
    const opened = await call('bench.scan', { code: order.externalId, source: 'wedge' });
    expect(opened.outcome).toBe('opened');
    expect(opened.state.order?.buyerMessage).toBe(order.buyerMessage);
    // Expected weight for the scale check: every SKU weighs 200 g here, plus 50 g of packaging.
    expect(opened.state.expectedWeightG).toBe(50 + 200 * order.lines.reduce((n, l) => n + l.qty, 0));

    const foreign = SKUS.find((s) => !order.lines.some((l) => l.skuCode === s))!;
    const wrong = await call('bench.scan', { code: barcodeOf(foreign), source: 'wedge' });
    expect(wrong.outcome).toBe('wrong_item');
    expect(wrong.state.lines.every((l) => l.verified === 0)).toBe(true);

    const unknown = await call('bench.scan', { code: '0000000000000', source: 'wedge' });
    expect(unknown.outcome).toBe('unknown_barcode');

    let last = opened;
    for (const line of order.lines) {
      for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    }
    expect(last.outcome).toBe('completed');
    expect(last.shipment?.trackingNo).toBe('YT7400000000001');
    expect(last.shipment?.carrierCode).toBe('YTO');

    const over = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    expect(over.outcome).toBe('blocked');

    await host.context.labels.idle();
    const shipments = await call('shipments.list', { query: order.externalId });
    expect(shipments.shipments[0]?.printedAt).not.toBeNull();
    expect(existsSync(`${host.dataDir}/labels/YT7400000000001.png`)).toBe(true);

    const sku = order.lines[0]!.skuCode!;
    const shippedUnits = order.lines.filter((l) => l.skuCode === sku).reduce((n, l) => n + l.qty, 0);
    const listed = await call('catalog.list', { query: sku });
    expect(listed.skus.find((s) => s.code === sku)?.onHand).toBe(100 - shippedUnits);

    const scans = host.context.db.prepare('SELECT count(*) FROM scan_events WHERE order_id = ?').pluck().get(`taobao:${order.externalId}`);
    // opened, wrong item, unknown barcode, the scan after shipping, and one per unit.
    expect(scans).toBe(4 + order.lines.reduce((n, l) => n + l.qty, 0));
    const ops = host.context.db.prepare("SELECT type, count(*) AS n FROM outbox GROUP BY type").all() as { type: string; n: number }[];
    expect(ops.map((o) => o.type)).toEqual(expect.arrayContaining(['scan.recorded', 'shipment.created', 'shipment.printed', 'stock.delta', 'order.imported']));
  });

  it('a parcel that ships on the last scan carries the weight and parcel count typed on the bench', async () => {
    const { call, generated } = ctx;
    const [order, other] = generated.orders.filter((o) => shippable(o) && o.lines.every((l) => l.skuCode));
    const opened = await call('bench.scan', { code: order!.externalId, source: 'wedge' });
    // A choice sent for another order (a slow window) is not this order's.
    await call('bench.shipChoice', { orderId: `taobao:${other!.externalId}`, carrierCode: null, weightG: 99, parcelCount: 3 });
    // The expected weight, typed (a weight far from it holds the order: typed-weight.test).
    const weightG = opened.state.expectedWeightG! + 1;
    await call('bench.shipChoice', { orderId: opened.state.order!.id, carrierCode: null, weightG, parcelCount: 2 });
    let last = opened;
    for (const line of order!.lines) {
      for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    }
    expect(last.outcome).toBe('completed');
    const parcels = (await call('shipments.list', { query: order!.externalId })).shipments;
    // The two parcels share the weight (each was recorded at the whole weight: 2 × 1.03 kg).
    expect(parcels.map((p) => [p.parcelNo, p.parcelCount, p.weightG])).toEqual(expect.arrayContaining([[1, 2, Math.ceil(weightG / 2)], [2, 2, Math.floor(weightG / 2)]]));

    // PD:REPRINT prints both labels of the shipment, not only the second.
    const reprint = await call('bench.scan', { code: 'PD:REPRINT', source: 'wedge' });
    expect(reprint.detail['trackingNo']!.split(' · ').sort()).toEqual(parcels.map((p) => p.trackingNo).sort());

    // The next order starts with an empty form: one parcel, no weight.
    const next = await call('bench.scan', { code: other!.externalId, source: 'wedge' });
    expect(next.outcome).toBe('opened');
    for (const line of other!.lines) {
      for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    }
    expect(last.outcome).toBe('completed');
    expect(last.shipment).toMatchObject({ parcelCount: 1, weightG: null });
  });

  it('a mistyped order number while packing says no such order, and offers no binding to a SKU', async () => {
    const { call, generated } = ctx;
    const order = generated.orders.find((o) => shippable(o) && o.lines.length >= 1)!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const typo = order.externalId.slice(0, -1) + ((Number(order.externalId.at(-1)) + 1) % 10);
    const answer = await call('bench.scan', { code: typo, source: 'wedge' });
    expect([answer.outcome, answer.detail]).toEqual(['not_found', { barcode: typo, orderNumber: '1' }]);
    // The order being packed stays open; an unknown short code is still an item the bench may bind.
    expect(answer.state.order?.externalId).toBe(order.externalId);
    expect((await call('bench.scan', { code: '6901234567892', source: 'wedge' })).outcome).toBe('unknown_barcode');
  });

  it('names the carrier a parcel will take when the packer picks none: the rules’ choice for this order', async () => {
    const { call, generated } = ctx;
    const [a, b] = generated.orders.filter((o) => shippable(o) && o.lines.every((l) => l.skuCode));
    expect((await call('bench.scan', { code: a!.externalId, source: 'wedge' })).state.order?.autoCarrier).toBe('YTO');
    await call('bench.cancel', {});
    // A rule for b's province sends it to SF (no numbers here): the ship form says so before the last scan.
    const province = b!.receiver.province;
    await call('carriers.saveRules', { rules: [{ carrierCode: 'SF', provinces: [province], minWeightG: null, maxWeightG: null, skuCodes: [] }], defaultCarrier: 'YTO' });
    expect((await call('bench.scan', { code: b!.externalId, source: 'wedge' })).state.order?.autoCarrier).toBe('SF');
  });

  it('an order already shipped, scanned while another is half packed, says so and leaves the half-packed one open', async () => {
    const { call, generated } = ctx;
    const [done, half] = generated.orders.filter((o) => shippable(o) && o.lines.every((l) => l.skuCode) && o.lines.reduce((n, l) => n + l.qty, 0) >= 2);
    await call('bench.scan', { code: done!.externalId, source: 'wedge' });
    for (const line of done!.lines) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    await call('bench.scan', { code: half!.externalId, source: 'wedge' });
    await call('bench.scan', { code: barcodeOf(half!.lines[0]!.skuCode!), source: 'wedge' });
    const again = await call('bench.scan', { code: done!.externalId, source: 'wedge' });
    expect([again.outcome, again.detail['shippedOrder']]).toEqual(['blocked', done!.externalId]);
    expect(again.state.order?.externalId).toBe(half!.externalId);
    expect(again.state.lines.reduce((n, l) => n + l.verified, 0)).toBe(1);
  });

  it('treats over-scans as not counted, and a case-pack barcode as N units', async () => {
    const { call, generated } = ctx;
    const order = generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    await call('settings.update', { autoCompleteOnLastScan: false });
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const casePack = await call('bench.scan', { code: `${barcodeOf(order.lines[0]!.skuCode!)}C`, source: 'wedge' });
    expect(casePack.outcome).toBe('over_scan');
    const ok = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    expect(ok.outcome).toBe('verified');
    expect(ok.state.complete).toBe(true);
    const again = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    expect(again.outcome).toBe('over_scan');
    expect(again.state.lines[0]!.verified).toBe(1);
  });

  it('blocks cancelled and refund-pending orders at the bench', async () => {
    const { call, generated } = ctx;
    const closed = generated.orders.find((o) => o.platformStatus === 'TRADE_CLOSED' || o.platformStatus === 'TRADE_CLOSED_BY_TAOBAO')!;
    const result = await call('bench.scan', { code: closed.externalId, source: 'wedge' });
    expect(result.outcome).toBe('blocked');
    expect(result.state.order?.blockedReason).toEqual({ key: `blocked.reasons.${closed.platformStatus}` });
    const refund = generated.orders.find((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.some((l) => l.refundStatus));
    if (refund) expect((await call('bench.scan', { code: refund.externalId, source: 'wedge' })).outcome).toBe('blocked');
  });

  it('reprint keeps the number, void retires it, and the next shipment gets a new one', async () => {
    const { call, generated, host } = ctx;
    const order = generated.orders.find(shippable)!;
    // Shipped by hand below: the last forced line would otherwise ship the order by itself.
    await call('settings.update', { autoCompleteOnLastScan: false });
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (const line of order.lines) await call('bench.forceVerify', { lineNo: line.lineNo });
    const shipped = await call('bench.ship', { parcelCount: 1, partial: false });
    const first = shipped.shipments[0]!;
    await host.context.labels.idle();
    const reprinted = await call('shipments.reprint', { id: first.id });
    expect(reprinted.shipment.trackingNo).toBe(first.trackingNo);
    expect(reprinted.shipment.printCount).toBe(2);

    const voided = await call('shipments.void', { id: first.id, reason: '标签卡纸' });
    expect(voided.voidedAt).not.toBeNull();
    const again = await call('bench.ship', { parcelCount: 1, partial: false });
    expect(again.shipments[0]!.trackingNo).not.toBe(first.trackingNo);
    const carriers = await call('carriers.list', {});
    expect(carriers.find((c) => c.code === 'YTO')?.pool).toEqual({ free: 48, used: 1, void: 1 });
    const audit = host.context.db.prepare('SELECT action FROM audit_log').pluck().all();
    expect(audit).toEqual(expect.arrayContaining(['bench.forceVerify', 'shipment.void']));
  });

  it('exports the 批量发货 file in GBK with the order id, carrier full name and tracking number', async () => {
    const { call, generated } = ctx;
    const order = generated.orders.find(shippable)!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    const file = await call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    const text = iconv.decode(Buffer.from(file.base64, 'base64'), 'gbk');
    expect(text.split(/\r\n/)[0]).toBe('订单编号,物流公司,运单号');
    expect(text).toContain(`${order.externalId},圆通速递,YT7400000000001`);
    const second = await call('shipments.exportBatchShip', { encoding: 'utf-8', onlyNotExported: true });
    expect(second.rows).toBe(0);
  });

  it('voiding one parcel of a two-parcel shipment keeps the stock out until the last parcel is void', async () => {
    const { call, generated } = ctx;
    const order = generated.orders.find(shippable)!;
    const sku = order.lines[0]!.skuCode!;
    const onHand = async () => (await call('catalog.list', { query: sku })).skus.find((s) => s.code === sku)!.onHand;
    const before = await onHand();
    // Shipped by hand below: the last forced line would otherwise ship the order by itself.
    await call('settings.update', { autoCompleteOnLastScan: false });
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (const line of order.lines) await call('bench.forceVerify', { lineNo: line.lineNo });
    const shipped = await call('bench.ship', { parcelCount: 2, partial: false });
    const [first, second] = shipped.shipments;
    const out = await onHand();
    expect(out).toBeLessThan(before);
    await call('shipments.void', { id: first!.id, reason: '面单卡纸' });
    expect(await onHand()).toBe(out);
    expect((await call('bench.getState', {})).order?.blockedReason).toEqual({ key: 'blocked.alreadyShipped' });
    await call('shipments.void', { id: second!.id, reason: '客户取消' });
    expect(await onHand()).toBe(before);
    expect((await call('bench.getState', {})).order?.blockedReason).toBeNull();
  });

  it('ships the rest after a partial shipment, and stock moves once per unit', async () => {
    const { call, generated } = ctx;
    await call('settings.update', { autoCompleteOnLastScan: false });
    const order = generated.orders.find((o) => shippable(o) && o.lines.length >= 2)!;
    const first = order.lines[0]!;
    const onHand = async (sku: string) => (await call('catalog.list', { query: sku })).skus.find((s) => s.code === sku)!.onHand;
    const startFirst = await onHand(first.skuCode!);
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (let i = 0; i < first.qty; i++) await call('bench.scan', { code: barcodeOf(first.skuCode!), source: 'wedge' });
    const partial = await call('bench.ship', { parcelCount: 1, partial: true });
    expect(partial.state.order?.blockedReason).toBeNull();
    // The partial parcel's label lists only what it carries.
    const labelText = (trackingNo: string) =>
      ctx.host.context.labels.waybillFor(trackingNo).layout.elements.map((e) => ('text' in e ? e.text : '')).join('\n');
    const partialLabel = labelText(partial.shipments[0]!.trackingNo);
    expect(partialLabel).toContain(first.title.slice(0, 4));
    const other = order.lines.find((l) => l.skuCode !== first.skuCode);
    if (other) expect(partialLabel).not.toContain(`${other.title} `);
    for (const line of order.lines.slice(1)) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    const rest = await call('bench.ship', { parcelCount: 1, partial: false });
    expect(rest.shipments[0]!.trackingNo).not.toBe(partial.shipments[0]!.trackingNo);
    expect(rest.state.order?.blockedReason).toEqual({ key: 'blocked.alreadyShipped' });
    const sameSku = order.lines.filter((l) => l.skuCode === first.skuCode).reduce((n, l) => n + l.qty, 0);
    expect(await onHand(first.skuCode!)).toBe(startFirst - sameSku);
  });

  it('prints the waybill in Chinese for the courier whatever the station language', async () => {
    const { call, generated, host } = ctx;
    await call('settings.update', { language: 'en' });
    const order = generated.orders.find(shippable)!;
    const { layout } = host.context.labels.waybillFor(order.externalId);
    const text = layout.elements.map((e) => ('text' in e ? e.text : '')).join('\n');
    expect(text).toContain(`订单号 ${order.externalId}`);
    expect(text).toContain('内件');
    expect(text).toContain('预览');
    expect(text).not.toMatch(/Order |Contents|Preview/);
  });

  it('re-importing the same export changes nothing', async () => {
    const { call, generated } = ctx;
    const report = await call('orders.import', {
      files: [
        { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
        { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
      ],
    });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: generated.orders.length, rejected: false });
  });

  it('needs a supervisor for force-verify when a packer is logged in', async () => {
    const { call, generated } = ctx;
    await call('users.save', { name: '打包员小王', role: 'packer', pin: '1234' });
    await call('session.login', { pin: '1234' });
    const order = generated.orders.find(shippable)!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    await expect(call('bench.forceVerify', { lineNo: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const forced = await call('bench.forceVerify', { lineNo: 1, authorizerPin: '0000' });
    expect(forced.state.lines[0]!.forced).toBe(true);
  });
});

describe('a fresh station', () => {
  it('prints to PNG files in its data folder until a printer is configured', async () => {
    const { host } = await stationWithOrders(5);
    expect(host.context.devices.getConfig()).toMatchObject({ kind: 'png', labelSize: '100x150', dpi: 203 });
  });
});
