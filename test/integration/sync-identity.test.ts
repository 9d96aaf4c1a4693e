import { describe, expect, it } from 'vitest';
import { FINGERPRINT_MIN_HEX, formatFingerprint } from '#shared/domain/fingerprint';
import { createHub, type Hub, type HubOptions } from '../../electron/hub/create-hub';
import { startHubServer, type HubServer } from '../../electron/hub/hub-server';
import { hubBackends, startTestHub, type TestHub } from '../helpers/hub-db';
import { onHand, packAndShip, shippable, shopHarness, station, twoStationShop } from '../helpers/sync-shop';

/** A hub on a given port whose every request is counted: an impostor must never see one. */
async function countedHub(options: HubOptions, port: number) {
  const hub = await createHub(options);
  const requests: string[] = [];
  const counted: Hub = { ...hub, handle: (req) => (requests.push(`${req.method} ${req.path}`), hub.handle(req)) };
  const server = await startHubServer(counted, { port });
  return { hub, server, requests, close: async () => (await server.close(), await hub.close()) };
}

describe.each(hubBackends)('the hub\'s identity, as a station checks it (%s)', (backend) => {
  const { storage, open } = shopHarness(backend);
  it('an impostor (another key, the same address) is refused at pairing and after pairing; nothing reaches it', async () => {
    const realOptions = await storage.fresh();
    let real: { server: HubServer; hub: Hub; close(): Promise<void> } = await countedHub(realOptions, 0);
    const port = real.server.port;
    const fingerprint = real.hub.tls.fingerprint;
    const bench = station('打包台 1');
    open.push(bench.host);
    await bench.call('session.login', { pin: '0000' });

    // At pairing: the admin typed the real hub's fingerprint, an impostor answers on the hub's address.
    await real.close();
    const impostor = await countedHub(await storage.fresh(), port);
    expect(impostor.hub.tls.fingerprint).not.toBe(fingerprint);
    const { code } = await impostor.hub.newPairingCode('packer');
    const refused = await bench.call('sync.pair', { hubUrl: impostor.server.url, code, fingerprint, stationName: '打包台 1' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', msg: { key: 'sync.pair.fingerprintMismatch', params: { presented: formatFingerprint(impostor.hub.tls.fingerprint) } } });
    expect(impostor.requests).toEqual([]);
    expect((await bench.call('sync.status', {})).paired).toBe(false);
    await impostor.close();

    // The honest path: the first 20 characters typed with spaces, in lower case; the whole fingerprint is pinned.
    real = await countedHub(realOptions, port);
    const typed = formatFingerprint(fingerprint.slice(0, FINGERPRINT_MIN_HEX)).toLowerCase();
    const { code: realCode } = await real.hub.newPairingCode('packer');
    const paired = await bench.call('sync.pair', { hubUrl: real.server.url, code: realCode, fingerprint: typed, stationName: '打包台 1' });
    expect(paired).toMatchObject({ paired: true, state: 'online', hubFingerprint: fingerprint });
    await bench.call('stock.adjust', { skuCode: 'NONE', delta: 1, kind: 'other', note: '盘盈' }).catch(() => {});

    // After pairing: the hub is swapped for an impostor on the same address. Sync stops, loudly; the token stays home.
    await real.close();
    const later = await countedHub(await storage.fresh(), port);
    open.push(later);
    const status = await bench.call('sync.now', {});
    expect(status).toMatchObject({ state: 'offline', lastError: { key: 'sync.error.hubIdentityChanged', params: { pinned: formatFingerprint(fingerprint) } } });
    expect(later.requests).toEqual([]);
    await later.close();
    open.pop();

    // The real hub back (same data, same key): sync resumes.
    real = await countedHub(realOptions, port);
    open.push(real);
    expect(await bench.call('sync.now', {})).toMatchObject({ state: 'online', lastError: null });
  });

  it('a replacement PC takes over a lost station: same id, its sequence continued, the old PC\'s work applied, its unused numbers never printed', async () => {
    const hub: TestHub = await startTestHub(await storage.fresh());
    open.push(hub);
    const { a, b, orders } = await twoStationShop(hub);
    open.push(a.host, b.host);
    const [first, second] = orders.filter(shippable);
    const shippedByA = await packAndShip(a, first!);
    await a.sync();
    const lostId = (await a.call('sync.status', {})).stationId;
    const lostNumbers = (await a.host.context.db.prepare("SELECT number FROM waybill_numbers WHERE state = 'free'").pluck().all()) as string[];
    expect(lostNumbers.length).toBeGreaterThan(0);
    a.host.close(); // the PC is stolen
    open.splice(open.indexOf(a.host), 1);

    // A fresh PC, used standalone for a moment, then paired with the admin's replacement code.
    const { code } = (await hub.hub.newReplacementCode(lostId))!;
    const fresh = station('打包台 A（新）');
    open.push(fresh.host);
    await fresh.call('session.login', { pin: '0000' });
    await fresh.call('catalog.saveSku', { code: 'LOCAL-1', name: '本机商品', weightG: 100, location: '', barcodes: [] });
    // A parcel no order matches comes back while it is alone: the return stays this bench's after the takeover.
    const unknownReturn = await fresh.call('returns.receive', { ref: 'SF1234567890', allowUnknown: true, items: [{ skuCode: 'LOCAL-1', qty: 1, condition: 'good' }] });
    // Only the SKU, the return and the unit it put back wait for the hub: a bench's own users are not the shop's until an admin station publishes them.
    expect((await fresh.call('sync.status', {})).pendingOps).toBe(3);
    const status = await fresh.call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.fingerprint, stationName: '打包台 A（新）' });
    expect(status).toMatchObject({ stationId: lostId, role: 'supervisor', state: 'online', pendingOps: 0 });
    expect((await fresh.sync()).cursor).toBe(await hub.hub.head()); // the whole log, the old PC's part included

    // It has the old PC's parcel and the shop's stock, and its own op went out in the old PC's sequence.
    const returnsHere = (await fresh.call('returns.list', {})).returns;
    expect(returnsHere.map((r) => [r.id, r.bench])).toEqual([[unknownReturn.id, { name: '打包台 A（新）', thisBench: true }]]);
    const parcels = await fresh.call('shipments.list', { query: first!.externalId, state: 'all', limit: 10, offset: 0 });
    expect(parcels.shipments.map((s) => s.trackingNo)).toEqual([shippedByA.trackingNo]);
    await b.sync();
    const freshStock = await onHand(fresh);
    expect(freshStock).toEqual(await onHand(b)); // LOCAL-1 included: what the new PC did alone reached the shop
    expect(Object.values(freshStock).some((n) => n < 100)).toBe(true); // the old PC's parcel took stock
    const seqs = (await hub.hub.backup()).tables.hub_log.filter((r) => r['station_id'] === lostId).map((r) => Number(r['station_seq']));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

    // It packs on: never with a number the lost PC held, and the other bench sees its parcel.
    await fresh.call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
    await fresh.sync();
    const freeNow = (await fresh.host.context.db.prepare("SELECT number FROM waybill_numbers WHERE state = 'free'").pluck().all()) as string[];
    expect(freeNow.filter((n) => lostNumbers.includes(n))).toEqual([]);
    const shippedByNew = await packAndShip(fresh, second!);
    expect(lostNumbers).not.toContain(shippedByNew.trackingNo);
    await fresh.sync();
    await b.sync();
    const atB = await b.call('shipments.list', { query: second!.externalId, state: 'all', limit: 10, offset: 0 });
    expect(atB.shipments.map((s) => s.trackingNo)).toEqual([shippedByNew.trackingNo]);
    expect((await b.call('returns.list', {})).returns.map((r) => r.bench)).toEqual([{ name: '打包台 A（新）', thisBench: false }]);
    expect((await hub.hub.stations()).find((s) => s.stationId === lostId)).toMatchObject({ name: '打包台 A（新）' });
    expect((await b.call('flags.list', { open: true })).flags).toEqual([]);
  });
});
