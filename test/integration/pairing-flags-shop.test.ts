import { describe, expect, it } from 'vitest';
import type { InboxRow } from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import { buildModel, type SyntheticOrder } from '../fixtures/synthetic-orders';
import { barcodeOf } from '../host/host-client';
import { flagsIn, hubBackends, pullAll, startTestHub, type TestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';
import { exportFiles } from '../helpers/order-files';
import { pairedStation, shopHarness, SKUS, station, type Station } from '../helpers/sync-shop';

/**
 * A bench that worked alone, then joins a hub: what it settled alone stays settled. A parcel it
 * voided after its order was closed asks no bench to stop it (the hub's ship.after-cancel flag is
 * listed only while the order has a parcel not voided, whatever order the void and the flag came
 * in); the sample shelf it counted is the SKUs' opening stock, not ~40 "盘点差异大" conflicts.
 */
const HOUR = 3_600_000;

describe.each(hubBackends)('pairing a bench that worked alone (%s)', (backend) => {
  const { storage, open } = shopHarness(backend);
  const start = async () => {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    return hub;
  };
  const syncAll = async (...stations: Station[]) => {
    for (let i = 0; i < 2; i++) for (const s of stations) await s.sync();
  };
  const inbox = async (s: Station) => (await s.call('inbox.list', {})).rows;
  const stops = (rows: InboxRow[]) => rows.filter((r) => r.kind === 'parcel-stop').map((r) => [r.orderExternalId, r.closes]);
  /** Pairs a bench that has been working alone, as Settings → 门店同步 does. */
  const pair = async (hub: TestHub, s: Station) => {
    const { code } = await hub.hub.newPairingCode('supervisor');
    expect(await s.call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.fingerprint, stationName: s.name })).toMatchObject({ paired: true });
  };

  it('a parcel voided after its order was closed raises no "stop the parcel" row at any bench, before or after the hub flags the order', async () => {
    const hub = await start();
    const a = station('打包台 A');
    open.push(a.host);
    await a.call('session.login', { pin: '0000' });
    for (const code of SKUS) {
      await a.call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
      await a.call('stock.adjust', { skuCode: code, delta: 100, kind: 'other', note: '期初' });
    }
    await a.call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
    await a.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000900' });
    const model = waiting(4);
    await a.call('orders.import', { files: exportFiles(model) });

    // Alone: ship, the platform closes the order, the 拦截包裹 row comes; the parcel is voided, the row goes.
    const [closedAlone, voidedLater, stillLive] = [model[0]!, model[1]!, model[2]!];
    const parcel = await packAndShip(a, closedAlone);
    close(closedAlone);
    await a.call('orders.import', { files: exportFiles(model) });
    expect(stops(await inbox(a))).toEqual([[closedAlone.id, 'note']]);
    await a.call('shipments.void', { id: parcel.id, reason: '订单取消/退款', reasonCode: 'cancelled' });
    expect(stops(await inbox(a))).toEqual([]);

    // Paired: the hub replays shipment, closed import and void; no bench is asked to stop that parcel.
    await pair(hub, a);
    const b = await pairedStation(hub, '打包台 B', 'supervisor');
    open.push(b.host);
    await syncAll(a, b);
    for (const s of [a, b]) {
      const rows = await inbox(s);
      expect(stops(rows), s.name).toEqual([]);
      expect(rows.filter((r) => r.severity === 'alarm').map((r) => r.flagKind), s.name).toEqual([]);
    }

    // Paired: a parcel voided before its order is closed, and one still live when it is.
    const early = await packAndShip(a, voidedLater);
    const live = await packAndShip(a, stillLive);
    await a.call('shipments.void', { id: early.id, reason: '订单取消/退款', reasonCode: 'cancelled' });
    await syncAll(a, b);
    close(voidedLater);
    close(stillLive);
    await a.call('orders.import', { files: exportFiles(model) });
    await syncAll(a, b);
    for (const s of [a, b]) expect(stops(await inbox(s)), s.name).toEqual([[stillLive.id, 'flag']]);
    // The live one is voided at the other bench, after the hub's flag: its row leaves every bench.
    await b.call('shipments.void', { id: live.id, reason: '订单取消/退款', reasonCode: 'cancelled' });
    await syncAll(b, a);
    for (const s of [a, b]) expect(stops(await inbox(s)), s.name).toEqual([]);
  });

  it('the sample shelf counted at a bench alone is opening stock at the hub; a later count far off is still flagged', async () => {
    const hub = await start();
    const a = station('打包台 A');
    open.push(a.host);
    await a.call('session.login', { pin: '0000' });
    const samples = await a.call('system.loadSamples', {});
    expect(samples.skus).toBeGreaterThan(10);
    await pair(hub, a);
    const b = await pairedStation(hub, '打包台 B', 'supervisor');
    open.push(b.host);
    await syncAll(a, b);
    const counted = async (s: Station) => (await inbox(s)).filter((r) => r.flagKind === 'stock.count-adjusted').map((r) => r.evidence);
    for (const s of [a, b]) expect(await counted(s), s.name).toEqual([]);
    const sku = (await b.call('catalog.list', { query: '', limit: 100, offset: 0 })).skus.find((k) => k.onHand === 100)!.code;

    // The shelf holds 40 where the hub knows 100: that is a discrepancy.
    await b.call('stock.count', { skuCode: sku, countedQty: 40 });
    await syncAll(b, a);
    for (const s of [a, b]) expect(await counted(s), s.name).toEqual([msg('flagText.countAdjusted', { sku, adjust: '-60' })]);
  });

  it('the hub flags a large count only for a SKU it has known stock of, in one push or across pushes', async () => {
    const hub = await start();
    const s = await hub.station('office', 'supervisor');
    const count = (id: string, skuCode: string, countedQty: number, knownQty: number) => op('stock.counted', { id, skuCode, countedQty, knownQty });
    const move = (id: string, skuCode: string, delta: number, bucket: 'sellable' | 'damaged' = 'sellable') =>
      op('stock.delta', { id, skuCode, delta, cause: 'adjust', ref: null, note: '', bucket });
    const first = await s.push(count('c1', 'NEW', 100, 0), count('c2', 'NEW', 20, 100), move('d1', 'OLD', 5), count('c3', 'OLD', 100, 5));
    expect(first.body.results.map((r) => r.outcome)).toEqual(['accepted', 'conflict', 'accepted', 'conflict']);
    // A SKU moved only as damaged goods is known too; one never seen is opened by its first count, once.
    const second = await s.push(move('d2', 'BROKEN', 1, 'damaged'), count('c4', 'BROKEN', 30, 0), count('c5', 'LATE', 30, 0), count('c6', 'NEW', 60, 20));
    expect(second.body.results.map((r) => r.outcome)).toEqual(['accepted', 'conflict', 'accepted', 'conflict']);
    expect(flagsIn(await pullAll(s)).map((f) => f.message)).toEqual([
      msg('flagText.countAdjusted', { sku: 'NEW', adjust: '-80' }),
      msg('flagText.countAdjusted', { sku: 'OLD', adjust: '+95' }),
      msg('flagText.countAdjusted', { sku: 'BROKEN', adjust: '+30' }),
      msg('flagText.countAdjusted', { sku: 'NEW', adjust: '+40' }),
    ]);
  });
});

/** Orders awaiting shipment, due in two days, on the shop's SKUs. */
function waiting(n: number): SyntheticOrder[] {
  const model = buildModel({ orders: n, seed: 74, skus: SKUS, quirks: false, startMs: Date.now() - 2 * HOUR });
  for (const o of model) {
    Object.assign(o, { kind: 'wait', paidMs: o.createdMs, trackingNo: '', carrierName: '', refundFen: 0 });
    for (const l of o.lines) Object.assign(l, { codeIn: 'outer', refundText: '没有申请退款' });
  }
  return model;
}

/** The platform closes the order (交易关闭, refunded). */
const close = (o: SyntheticOrder) => Object.assign(o, { kind: 'closedRefunded', refundFen: 100 });

async function packAndShip(s: Station, o: SyntheticOrder) {
  expect((await s.call('bench.scan', { code: o.id, source: 'wedge' })).outcome).toBe('opened');
  let last;
  for (const l of o.lines) for (let i = 0; i < l.qty; i++) last = await s.call('bench.scan', { code: barcodeOf(l.sku), source: 'wedge' });
  expect(last?.outcome).toBe('completed');
  return last!.shipment!;
}
