import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBarcodes } from '../helpers/barcode-decode';
import { startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { startCuttableProxy, type CuttableProxy } from '../fakes/tcp-proxy.fake';
import { barcodeOf } from '../host/host-client';
import { handoverStation } from '../helpers/handover-shop';
import { exportFiles } from '../helpers/order-files';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/**
 * 取号 at a bench that holds its own 快递100 account (no hub): numbers fetched in a batch while
 * online, then the network cut and orders packed with them; a void's cancel queued until the
 * provider can be reached again. The provider is the 快递100 fake behind a cable that can be cut.
 */
describe('e-waybills at a bench on its own', () => {
  let fake: Kuaidi100LabelFake | null = null;
  let cable: CuttableProxy | null = null;
  afterEach(async () => {
    await cable?.close();
    await fake?.close();
  });

  async function setUp(orders: number) {
    fake = await startKuaidi100LabelFake({ key: 'K100KEY', secret: 'K100SECRET', partners: { yuantong: 'YT-0001' } });
    const url = new URL(fake.url);
    cable = await startCuttableProxy({ host: url.hostname, port: Number(url.port) });
    const ctx = await stationWithOrders(orders, { providerTimeoutMs: 2_000 });
    await ctx.call('settings.update', { sender: { name: '王店长', phone: '13800000000', address: '广东省 东莞市 长安镇 振安路1号' } });
    await ctx.call('waybills.saveKeys', { provider: 'kuaidi100', keys: { key: 'K100KEY', secret: 'K100SECRET', accounts: { YTO: { partnerId: 'YT-0001' } }, endpoint: cable.url } });
    await ctx.call('devices.setPrinter', { kind: 'png', labelSize: '76x130' });
    return ctx;
  }

  it('fetches numbers for 200 orders online, then packs 50 offline with them (routing on the standard label)', async () => {
    const { call, host, generated } = await setUp(200);
    const providers = await call('waybills.providers', {});
    expect(providers.providers.find((p) => p.name === 'kuaidi100')).toMatchObject({ where: 'station', carriers: ['YTO'] });
    // The keys are on disk, readable by this user only, and never in an op.
    expect(statSync(join(host.dataDir, 'waybill-keys.json')).mode & 0o777).toBe(0o600);
    // Who entered the account is in the audit view; the account itself is nowhere in it.
    const audit = await call('audit.list', { kind: 'waybills', limit: 20 });
    expect(JSON.stringify(audit)).not.toContain('K100SECRET');
    expect(audit.entries.some((e) => e.target === 'kuaidi100')).toBe(true);
    const awaiting = (await call('waybills.status', {})).awaitingWithout;
    expect(awaiting).toBeGreaterThan(100);

    const report = await call('waybills.fetch', { provider: 'kuaidi100', awaiting: true });
    expect(report).toMatchObject({ issued: awaiting, failed: [] });
    expect(fake!.live()).toHaveLength(awaiting);
    const opsText = host.context.db.prepare("SELECT group_concat(payload, '') FROM outbox").pluck().get() as string;
    expect(opsText).not.toContain('K100SECRET');
    expect(opsText).not.toContain('K100KEY');
    // Asking again asks nothing: every order already holds its number.
    const again = await call('waybills.fetch', { provider: 'kuaidi100', awaiting: true }).catch((e: unknown) => e);
    expect(again).toMatchObject({ msg: { key: 'waybills.nothingToFetch' } });

    await cable!.cut();
    const packed = generated.orders.filter(shippable).slice(0, 50);
    for (const order of packed) {
      const [fetched] = await call('waybills.ofOrder', { ref: order.externalId });
      expect(fetched?.state).toBe('ready');
      // 打单拣货: the waybill printed before picking opens its order at the bench.
      const opened = await call('bench.scan', { code: fetched!.trackingNo, source: 'wedge' });
      expect(opened.outcome).toBe('opened');
      expect(opened.state.order?.externalId).toBe(order.externalId);
      let last = opened;
      for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
      expect(last.outcome).toBe('completed');
      expect(last.shipment?.trackingNo).toBe(fetched!.trackingNo);
    }
    await host.context.labels.idle();
    const status = await call('waybills.status', {});
    expect(status.used).toBe(50);
    expect(status.ready).toBe(awaiting - 50);
    // No pool number was used: the YTO pool still holds all 50.
    expect((await call('carriers.list', {})).find((c) => c.code === 'YTO')?.pool.free).toBe(50);

    // The label is the standard 一联单 with the number and the 集包地 code as barcodes.
    const first = (await call('waybills.ofOrder', { ref: packed[0]!.externalId }))[0]!;
    const png = readFileSync(join(host.dataDir, 'labels', `${first.trackingNo}.png`));
    const texts = (await decodeBarcodes(png)).map((d) => d.text);
    expect(texts).toContain(first.trackingNo);
    expect(texts).toContain(first.routing.hubCode);
  });

  it('a voided parcel\'s number is cancelled at the provider: queued while offline, sent on reconnect', async () => {
    const { call, host, generated } = await setUp(20);
    const order = generated.orders.find(shippable)!;
    await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [`taobao:${order.externalId}`] });
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    let last;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    const shipment = last!.shipment!;
    await host.context.labels.idle();

    await cable!.cut();
    await call('shipments.void', { id: shipment.id, reason: '包装破损重打' });
    // The void tried at once and failed (and so does 立即发送 while still offline): the cancel waits, nothing is lost.
    const queued = await call('waybills.sendCancels', {});
    expect(queued).toMatchObject({ sent: 0, left: 1 });
    const [waiting] = (await call('waybills.status', {})).cancels;
    expect(waiting).toMatchObject({ trackingNo: shipment.trackingNo, state: 'cancel-queued', cancelAttempts: 2 });
    expect(waiting!.cancelError).not.toBeNull();
    expect(fake!.live()).toContain(shipment.trackingNo);
    // An hour on and still not taken: the inbox says so.
    host.context.db.prepare("UPDATE provider_waybills SET cancel_requested_at = '2026-01-01T00:00:00.000Z' WHERE tracking_no = ?").run(shipment.trackingNo);
    const stuck = await call('inbox.list', { kind: 'waybill-cancel-stuck', bench: null, limit: 50 });
    expect(stuck.rows[0]).toMatchObject({ trackingNo: shipment.trackingNo, evidence: { key: 'inbox.evidence.waybillCancelStuck' } });

    await cable!.heal();
    // Back online, the seller presses 立即发送: sent now, not after the backoff the timer keeps.
    expect(await call('waybills.sendCancels', {})).toMatchObject({ sent: 1, failed: 0, left: 0 });
    expect(fake!.live()).not.toContain(shipment.trackingNo);
    expect((await call('waybills.ofOrder', { ref: shipment.trackingNo }))[0]?.state).toBe('cancelled');
    expect((await call('inbox.list', { kind: 'waybill-cancel-stuck', bench: null, limit: 50 })).rows).toHaveLength(0);
    const ops = host.context.db.prepare("SELECT type FROM outbox WHERE type IN ('waybill.issued', 'waybill.cancel-requested', 'waybill.cancelled') ORDER BY station_seq").pluck().all();
    expect(ops).toEqual(['waybill.issued', 'waybill.cancel-requested', 'waybill.cancelled']);

    // The order ships again with a new number, asked with a new request key.
    const next = await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [`taobao:${order.externalId}`] });
    expect(next.issued).toBe(1);
    const numbers = await call('waybills.ofOrder', { ref: order.externalId });
    expect(numbers.map((n) => n.state)).toEqual(['cancelled', 'ready']);
    expect(numbers[1]!.trackingNo).not.toBe(shipment.trackingNo);
  });

  it('a provider refusal is kept per order with its reason and retried', async () => {
    const { call, generated } = await setUp(10);
    const [a, b] = generated.orders.filter(shippable);
    fake!.state.failNext.push('30004');
    const report = await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [`taobao:${a!.externalId}`] });
    expect(report.issued).toBe(0);
    expect(report.failed[0]).toMatchObject({ externalId: a!.externalId, kind: 'quota' });
    expect((await call('waybills.status', {})).failures).toHaveLength(1);
    // The supervisor hears of it in the inbox, with the provider's reason.
    const inbox = await call('inbox.list', { kind: 'waybill-fetch-failed', bench: null, limit: 50 });
    expect(inbox.rows).toHaveLength(1);
    expect(inbox.rows[0]).toMatchObject({ orderExternalId: a!.externalId, target: 'shipments', evidence: { key: 'inbox.evidence.waybillFetchFailed' } });
    const retried = await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [`taobao:${a!.externalId}`, `taobao:${b!.externalId}`] });
    expect(retried).toMatchObject({ issued: 2, failed: [] });
    expect((await call('waybills.status', {})).failures).toHaveLength(0);
    expect((await call('inbox.list', { kind: 'waybill-fetch-failed', bench: null, limit: 50 })).rows).toHaveLength(0);
  });

  it('a number no parcel will use is cancelled by itself: the order closed on the platform, or shipped with another carrier', async () => {
    fake = await startKuaidi100LabelFake({ key: 'K100KEY', secret: 'K100SECRET', partners: { yuantong: 'YT-0001', zhongtong: 'ZT-0001' } });
    const { call, model } = await handoverStation();
    await call('settings.update', { sender: { name: '王店长', phone: '13800000000', address: '广东省 东莞市 长安镇 振安路1号' } });
    await call('waybills.saveKeys', { provider: 'kuaidi100', keys: { key: 'K100KEY', secret: 'K100SECRET', accounts: { YTO: { partnerId: 'YT-0001' }, ZTO: { partnerId: 'ZT-0001' } }, endpoint: fake.url } });
    const [closing, other] = model.filter((o) => o.kind === 'wait' && o.lines.length > 0);
    await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [closing!.id, other!.id] });
    const numberOf = async (id: string) => (await call('waybills.ofOrder', { ref: id }))[0]!.trackingNo;
    const closingNo = await numberOf(closing!.id);
    const otherNo = await numberOf(other!.id);

    // The buyer cancels; the next import says so, and the next cancel round cancels its number.
    Object.assign(closing!, { kind: 'closedRefunded' as const, refundFen: 100 });
    expect((await call('orders.import', { files: exportFiles(model) })).rejected).toBe(false);
    expect(await call('waybills.sendCancels', {})).toMatchObject({ sent: 1, left: 0 });
    expect(fake!.live()).not.toContain(closingNo);

    // The packer ships the other order with ZTO although its number is YTO's: that number is cancelled.
    await call('settings.update', { autoCompleteOnLastScan: false });
    await call('bench.scan', { code: other!.id, source: 'wedge' });
    for (const line of other!.lines) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.sku), source: 'wedge' });
    const shipped = await call('bench.ship', { carrierCode: 'ZTO', parcelCount: 1 });
    expect(shipped.shipments[0]).toMatchObject({ carrierCode: 'ZTO', trackingNo: '75300000000001' });
    expect(shipped.warnings).toContainEqual({ key: 'ship.unusedCancelled', params: { count: 1 } });
    // The ship sends it at once, not at the next half-minute round.
    await expect.poll(() => fake!.live(), { timeout: 5_000 }).not.toContain(otherNo);
    expect(await call('waybills.sendCancels', {})).toMatchObject({ sent: 0, left: 0 });
    expect(fake!.live()).toHaveLength(0);
  });

  it('打单拣货: the fetched waybills are printed first; the parcel that takes one ships without printing it again', async () => {
    const { call, host, generated } = await setUp(12);
    const [a, b] = generated.orders.filter(shippable);
    await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [`taobao:${a!.externalId}`, `taobao:${b!.externalId}`] });
    expect((await call('waybills.status', {})).readyUnprinted).toBe(2);
    expect(await call('waybills.print', {})).toMatchObject({ queued: 2, inQueue: 0, printedBefore: [] });
    await host.context.labels.idle();
    const labelsDir = join(host.dataDir, 'labels');
    const [fetched] = await call('waybills.ofOrder', { ref: a!.externalId });
    const first = readFileSync(join(labelsDir, `${fetched!.trackingNo}.png`));
    expect((await decodeBarcodes(first)).map((d) => d.text)).toContain(fetched!.trackingNo);
    expect((await call('waybills.status', {})).readyUnprinted).toBe(0);
    await expect(call('waybills.print', {})).rejects.toMatchObject({ msg: { key: 'waybills.nothingToPrint' } });

    // The picker brings the goods and the label; the bench verifies by scanning it and prints nothing.
    const labelsBefore = readdirSync(labelsDir).length;
    const mtime = statSync(join(labelsDir, `${fetched!.trackingNo}.png`)).mtimeMs;
    await call('bench.scan', { code: fetched!.trackingNo, source: 'wedge' });
    let last;
    for (const line of a!.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    expect(last!.shipment?.trackingNo).toBe(fetched!.trackingNo);
    // The answer itself says the label is on paper: the bench reads it to say 贴上预打印的面单,
    // not 面单已打印 (which sends the packer to wait at the printer for nothing).
    expect(last!.shipment?.printedAt).not.toBeNull();
    await host.context.labels.idle();
    expect(readdirSync(labelsDir)).toHaveLength(labelsBefore);
    expect(statSync(join(labelsDir, `${fetched!.trackingNo}.png`)).mtimeMs).toBe(mtime);
    expect((await call('shipments.list', { query: a!.externalId })).shipments[0]?.printedAt).not.toBeNull();
    // PD:REPRINT over the shipped order is the packer's say (a torn label): it prints again, audited.
    await call('bench.scan', { code: 'PD:REPRINT', source: 'wedge' });
    await host.context.labels.idle();
    expect(statSync(join(labelsDir, `${fetched!.trackingNo}.png`)).mtimeMs).toBeGreaterThan(mtime);
    expect((await call('audit.list', {})).entries.filter((e) => e.what.key === 'audit.actions.labelReprint').map((e) => e.target)).toEqual([fetched!.trackingNo]);
    // A lost label is printed again on purpose, for that order only.
    expect(await call('waybills.print', { orderIds: [b!.externalId], again: true })).toMatchObject({ queued: 1, printedBefore: [] });
  });

  it('子母件: a big order fetched for 3 parcels gets one number with two children, and its 3 parcels take them in order', async () => {
    const { call, host, generated } = await setUp(12);
    const order = generated.orders.find(shippable)!;
    expect(await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [order.externalId], parcelCount: 3 })).toMatchObject({ issued: 1, failed: [] });
    const numbers = await call('waybills.ofOrder', { ref: order.externalId });
    expect(numbers.map((n) => n.parentNo === null)).toEqual([true, false, false]);
    expect(fake!.live()).toEqual([numbers[0]!.trackingNo]);
    // Printed for the picker: three labels, one per parcel.
    expect(await call('waybills.print', { orderIds: [order.externalId] })).toMatchObject({ queued: 3, printedBefore: [] });
    await host.context.labels.idle();
    for (const n of numbers) expect(existsSync(join(host.dataDir, 'labels', `${n.trackingNo}.png`))).toBe(true);

    await call('settings.update', { autoCompleteOnLastScan: false });
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    const shipped = await call('bench.ship', { parcelCount: 3 });
    expect(shipped.shipments.map((s) => s.trackingNo)).toEqual(numbers.map((n) => n.trackingNo));
    await host.context.labels.idle();
    // No pool number was touched.
    expect((await call('carriers.list', {})).find((c) => c.code === 'YTO')?.pool.free).toBe(50);
    // Every number is on a parcel: nothing is cancelled, and the bench does not say it was.
    expect(shipped.warnings.map((w) => w.key)).not.toContain('ship.unusedCancelled');
    expect(await call('waybills.sendCancels', {})).toMatchObject({ sent: 0, failed: 0, left: 0 });
    expect(fake!.calls.filter((c) => c.method === 'cancel')).toEqual([]);
    expect(fake!.liveChildren()).toEqual(numbers.slice(1).map((n) => n.trackingNo));
  });

  it('子母件: fetched for 3 parcels, shipped in 2: the third number is cancelled at 快递100 and offered to no order', async () => {
    const { call, host, generated } = await setUp(12);
    const [order, other] = generated.orders.filter(shippable);
    await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [order!.externalId], parcelCount: 3 });
    const numbers = (await call('waybills.ofOrder', { ref: order!.externalId })).map((n) => n.trackingNo);
    const third = numbers[2]!;

    await call('settings.update', { autoCompleteOnLastScan: false });
    await call('bench.scan', { code: order!.externalId, source: 'wedge' });
    for (const line of order!.lines) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    // It fitted in two boxes.
    const shipped = await call('bench.ship', { parcelCount: 2 });
    expect(shipped.shipments.map((s) => s.trackingNo)).toEqual(numbers.slice(0, 2));
    expect(shipped.warnings).toContainEqual({ key: 'ship.unusedCancelled', params: { count: 1 } });

    // The ship kicked the cancel round: the third number's cancel reaches 快递100 with its parent's order number.
    await expect.poll(() => fake!.liveChildren(), { timeout: 5_000 }).toEqual([numbers[1]]);
    const cancels = fake!.calls.filter((c) => c.method === 'cancel');
    expect(cancels.map((c) => [(JSON.parse(c.param) as { kuaidinum: string }).kuaidinum, c.code])).toEqual([[third, '200']]);
    expect(fake!.live()).toEqual([numbers[0]]);
    expect(await call('waybills.sendCancels', {})).toMatchObject({ sent: 0, left: 0 });
    const states = await call('waybills.ofOrder', { ref: order!.externalId });
    expect(states.map((n) => [n.trackingNo, n.state])).toEqual([[numbers[0], 'used'], [numbers[1], 'used'], [third, 'cancelled']]);
    const ops = host.context.db.prepare("SELECT payload FROM outbox WHERE type = 'waybill.cancel-requested'").pluck().all() as string[];
    expect(ops.map((p) => JSON.parse(p) as unknown)).toEqual([expect.objectContaining({ trackingNo: third, reason: 'unused' })]);

    // No order is offered the number: its label opens nothing, and another order still ships from the pool.
    expect((await call('waybills.status', {})).ready).toBe(0);
    const scanned = await call('bench.scan', { code: third, source: 'wedge' });
    expect(scanned.outcome).not.toBe('opened');
    await call('bench.scan', { code: other!.externalId, source: 'wedge' });
    for (const line of other!.lines) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    const next = await call('bench.ship', { parcelCount: 1 });
    expect(next.shipments.map((s) => s.trackingNo)).not.toContain(third);
  });

  it('子母件: the last scan ships as many parcels as numbers were fetched, not one (the children would be left over)', async () => {
    const { call, generated } = await setUp(12);
    const order = generated.orders.find(shippable)!;
    await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [order.externalId], parcelCount: 3 });
    const numbers = await call('waybills.ofOrder', { ref: order.externalId });
    // The packer opens it by a child's label and verifies; the last scan ships with no count typed.
    await call('bench.scan', { code: numbers[1]!.trackingNo, source: 'wedge' });
    let last;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    expect(last!.outcome).toBe('completed');
    const parcels = (await call('shipments.list', { query: order.externalId })).shipments;
    expect(parcels.map((s) => s.trackingNo).sort()).toEqual(numbers.map((n) => n.trackingNo).sort());
    expect((await call('waybills.status', {})).ready).toBe(0);
  });
});
