import { afterAll, afterEach, expect } from 'vitest';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import type { StationRole } from '#shared/contract/hub.contract';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { hubStorage, type HubBackend, type TestHub } from './hub-db';

export const SKUS = defaultSkus(6);
export const YTO = Array.from({ length: 1200 }, (_, i) => `YT74${String(10_000_000_000 + i)}`);

/** The station's clock, when a test moves time (the inbox's thresholds); the real clock otherwise. */
export type StationClock = { now?: () => number };

/** A real station (its own SQLite) with the admin logged in; it syncs only when told, like a bench on a timer. */
export function station(name: string, clock: StationClock = {}) {
  const host = createTempHost({ sync: { autoSync: false, ...clock } });
  const call = hostCaller(host);
  return { host, call, name, sync: () => call('sync.now', {}) };
}
export type Station = ReturnType<typeof station>;

/** A station paired with the hub over HTTPS, with the fingerprint the admin read off the hub. */
export async function pairedStation(hub: TestHub, name: string, role: StationRole, clock: StationClock = {}) {
  const s = station(name, clock);
  await s.call('session.login', { pin: '0000' });
  const { code } = await hub.hub.newPairingCode(role);
  const paired = await s.call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.fingerprint, stationName: name });
  expect(paired).toMatchObject({ paired: true, state: 'online', role, stationName: name, hubFingerprint: hub.fingerprint });
  return s;
}

/**
 * Two paired stations: A (supervisor) sets up the catalog, stock and the shop's orders; B (packer)
 * gets all of it through the hub. Both pull waybill numbers from the hub's pool.
 */
export async function twoStationShop(hub: TestHub, clock: StationClock = {}) {
  await hub.hub.importPool('YTO', YTO);
  const a = await pairedStation(hub, '打包台 A', 'supervisor', clock);
  const b = await pairedStation(hub, '打包台 B', 'packer', clock);
  for (const code of SKUS) {
    await a.call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
    await a.call('stock.adjust', { skuCode: code, delta: 100, kind: 'other', note: '期初' });
  }
  // Carrier rules are the shop's: B gets them from A through the hub, and may not change them itself.
  await a.call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  await expect(b.call('carriers.saveRules', { rules: [], defaultCarrier: 'ZTO' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const generated = generateTaobaoClassic({ orders: 30, seed: 11, skus: SKUS, quirks: false });
  const report = await a.call('orders.import', {
    files: [
      { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
      { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
    ],
  });
  expect(report.rejected).toBe(false);
  await a.sync();
  await b.sync();
  return { a, b, orders: generated.orders };
}

export const shippable = (o: ImportedOrder) =>
  o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length > 0 && o.lines.every((l) => l.skuCode && !l.refundStatus);

export async function packAndShip(s: Station, order: ImportedOrder) {
  let opened = await s.call('bench.scan', { code: order.externalId, source: 'wedge' });
  // Leaving an order packed but not shipped (its label voided) is asked first; the packer scans again to go on.
  if (opened.outcome === 'confirm_switch') opened = await s.call('bench.scan', { code: order.externalId, source: 'wedge' });
  expect(opened.outcome).toBe('opened');
  let last = opened;
  for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await s.call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
  expect(last.outcome).toBe('completed');
  return last.shipment!;
}

export const onHand = async (s: Station) =>
  Object.fromEntries((await s.call('catalog.list', { query: '', limit: 100, offset: 0 })).skus.map((k) => [k.code, k.onHand]));

/**
 * Inside a describe: the hub storage for `backend`, what a test opened (closed after it, last
 * first), and a sync of every station twice, so each has heard what the others pushed.
 */
export function shopHarness(backend: HubBackend) {
  const storage = hubStorage(backend);
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(() => storage.dispose());
  const syncAll = async (...stations: Station[]) => {
    for (const s of stations) await s.sync();
    for (const s of stations) await s.sync();
  };
  return { storage, open, syncAll };
}
