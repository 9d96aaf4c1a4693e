import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  HUB_PROTOCOL,
  PULL_BYTES_MAX,
  PUSH_BATCH_MAX,
  healthResponseSchema,
  hubErrorSchema,
  leaseResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
} from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import { openHubDb } from '../../electron/hub/store/open-hub-db';
import { call, flagsIn, hubBackends, hubStation, hubStorage, pullAll, startTestHub, versions, withStorageOutage, type TestHub } from '../helpers/hub-db';
import { op, orderPayload } from '../helpers/op-fixtures';
import { opLabel } from '#shared/ops/index';

// Fillers any station (a packer's too) may send.
const claim = (orderId: string) => op('order.claimed', { orderId, claimId: `c-${orderId.replace(':', '-')}` });
const scan = (code: string) => op('scan.recorded', { code });
const packerRefusal = (type: string) => msg('opRefusal.role', { type: opLabel(type), role: msg('sync.stationRoles.packer') });

describe.each(hubBackends)('hub protocol over HTTP (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  const start = async () => (hub = await startTestHub(await storage.fresh()));
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  it('pairs with a one-time code: wrong or reused codes and missing tokens get 401', async () => {
    await start();
    const health = await call(hub.url, null, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, protocol: HUB_PROTOCOL, storage: backend, head: 0 });

    const { code } = await hub.hub.newPairingCode('packer');
    expect(code).toMatch(/^\d{8}$/);
    const pair = (c: string, stationId = 'st-a') => call(hub.url, null, 'POST', '/pair', { ...versions, code: c, stationId, stationName: '一号台' });
    const wrong = code === '00000000' ? '00000001' : '00000000';
    expect((await pair(wrong)).status).toBe(401);
    const first = await pair(code);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ role: 'packer', stationName: '一号台', hubEpoch: await hub.hub.epoch() });
    expect((await pair(code, 'st-b')).status).toBe(401);

    const pullPath = `/sync/pull?after=0&protocol=1&appVersion=x&schemaVersion=1`;
    expect((await call(hub.url, null, 'GET', pullPath)).status).toBe(401);
    expect((await call(hub.url, 'not-a-token', 'GET', pullPath)).status).toBe(401);
    expect((await call(hub.url, (first.body as { token: string }).token, 'GET', pullPath)).status).toBe(200);
    expect((await hub.hub.stations()).map((s) => s.name)).toEqual(['一号台']);
  });

  it('answers in the shapes of the contract, errors and refusals included', async () => {
    await start();
    await hub.hub.importPool('ZTO', ['ZT0000000001']);
    const a = await hub.station('a');
    expect(healthResponseSchema.safeParse((await call(hub.url, null, 'GET', '/health')).body).success).toBe(true);
    expect(pushResponseSchema.safeParse((await a.push(claim('tb:1'))).body).error).toBeUndefined();
    expect(pushResponseSchema.safeParse((await a.push(op('sku.saved'))).body).error).toBeUndefined();
    expect(pullResponseSchema.safeParse((await a.pull()).body).error).toBeUndefined();
    expect(leaseResponseSchema.safeParse((await a.lease('ZTO', 5)).body).error).toBeUndefined();
    expect(leaseResponseSchema.safeParse((await a.lease('ZTO', 5)).body).error).toBeUndefined();
    for (const failure of [await a.pull(0, 0), await call(hub.url, null, 'GET', '/sync/pull'), await call(hub.url, a.token, 'GET', '/nope')]) {
      expect(hubErrorSchema.safeParse(failure.body).error).toBeUndefined();
    }
  });

  it('a code for a new station never takes over a paired id; a replacement code gives a new PC that station and its sequence', async () => {
    await start();
    const a = await hub.station('a', 'packer', 'st-repair');
    expect((await a.push(scan('A1'), scan('A2'), scan('A3'))).body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    const { code } = await hub.hub.newPairingCode('supervisor');
    const takeover = await call(hub.url, null, 'POST', '/pair', { ...versions, code, stationId: 'st-repair', stationName: 'a2' });
    expect(takeover.status).toBe(409);
    expect(takeover.body).toMatchObject({ error: 'station_taken', msg: { key: 'hub.pairing.stationTaken' } });
    expect((await a.pull()).status).toBe(200); // the station is untouched
    expect((await hub.hub.stations())[0]).toMatchObject({ stationId: 'st-repair', role: 'packer', lastSeq: 3 });

    const replacement = (await hub.hub.newReplacementCode('st-repair'))!;
    expect(replacement).toMatchObject({ role: 'packer', replaces: 'st-repair', fingerprint: hub.fingerprint });
    const again = await call(hub.url, null, 'POST', '/pair', { ...versions, code: replacement.code, stationId: 'st-new-pc', stationName: 'a2' });
    expect(again.body).toMatchObject({ role: 'packer', stationName: 'a2', stationId: 'st-repair', lastSeq: 3 });
    expect((await a.pull()).status).toBe(401); // the old token is gone
    const [station] = await hub.hub.stations();
    expect(station).toMatchObject({ stationId: 'st-repair', name: 'a2', lastSeq: 3 });
    const renewed = hubStation(hub.url, 'st-repair', (again.body as { token: string }).token);
    const [next] = renewed.record(scan('A4')).map((o) => ({ ...o, stationSeq: 4 }));
    // The new PC is the same packer station: it continues that sequence.
    expect((await renewed.send([next])).body.results).toEqual([expect.objectContaining({ stationSeq: 4, hubSeq: 4, outcome: 'accepted' })]);
  });

  it('a revoked station (a lost PC) is refused at once; its ops stay, and a replacement continues its sequence', async () => {
    await start();
    const lost = await hub.station('lost', 'packer', 'st-lost');
    await lost.push(scan('L1'));
    expect(await hub.hub.revokeStation('st-lost')).toBe(true);
    expect(await hub.hub.revokeStation('st-nobody')).toBe(false);
    expect((await lost.push(scan('L2'))).status).toBe(401);
    expect((await lost.pull()).status).toBe(401);
    const { code } = (await hub.hub.newReplacementCode('st-lost'))!;
    expect(await hub.hub.newReplacementCode('st-nobody')).toBeNull();
    const replaced = await call(hub.url, null, 'POST', '/pair', { ...versions, code, stationId: 'st-lost', stationName: 'replacement' });
    const renewed = hubStation(hub.url, 'st-lost', (replaced.body as { token: string }).token);
    const next = await renewed.send(renewed.record(scan('L2')).map((o) => ({ ...o, stationSeq: 2 })));
    expect(next.body.results).toEqual([expect.objectContaining({ stationSeq: 2, outcome: 'accepted' })]);
    expect((await pullAll(renewed)).map((e) => e.payload['code'])).toEqual(['L1', 'L2']);
  });

  it('refuses /pair after 20 wrong codes in 10 minutes from one address, even with a right one', async () => {
    await start();
    const { code } = await hub.hub.newPairingCode('packer');
    const wrong = code === '12345678' ? '87654321' : '12345678';
    for (let i = 0; i < 20; i++) {
      expect((await call(hub.url, null, 'POST', '/pair', { ...versions, code: wrong, stationId: 'x', stationName: 'x' })).status).toBe(401);
    }
    const right = await call(hub.url, null, 'POST', '/pair', { ...versions, code, stationId: 'x', stationName: 'x' });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ error: 'rate_limited', msg: { key: 'hub.pairing.tooManyTries' }, retryAfterSeconds: 600 });
  });

  it('answers a re-sent batch alike, refusals included, and keeps hub_seq gap-free', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    // The third op is a supervisor's: refused, it keeps its stationSeq but gets no hub_seq, and the fourth goes on.
    const batch = a.record(claim('tb:1'), scan('S1'), op('sku.saved'), claim('tb:2'));
    const first = await a.send(batch);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.stationSeq, r.hubSeq, r.outcome])).toEqual([
      [1, 1, 'accepted'], [2, 2, 'accepted'], [3, null, 'rejected'], [4, 3, 'accepted'],
    ]);
    expect(first.body.results[2]!.reason).toEqual(packerRefusal('sku.saved'));
    const again = await a.send(batch);
    expect(again.body.results).toEqual(first.body.results);
    // One op.rejected flag for the push, none for the re-send.
    expect(flagsIn(await pullAll(a)).map((f) => f.kind)).toEqual(['op.rejected']);
    expect(await hub.hub.head()).toBe(4);

    // Stations pushing at the same time still make one contiguous log with each station in order.
    const c = await hub.station('c');
    const busy = async (s: typeof a, n: number) => {
      for (let i = 0; i < n; i++) expect((await s.push(scan(`${s.stationId}-${i}`), scan('y'))).status).toBe(200);
    };
    await Promise.all([busy(a, 3), busy(b, 2), busy(c, 2)]);
    const log = await pullAll(a);
    expect(log.map((e) => e.hubSeq)).toEqual(Array.from({ length: 4 + 14 }, (_, i) => i + 1));
    for (const station of [a, b, c]) {
      const seqs = log.filter((e) => e.stationId === station.stationId).map((e) => e.stationSeq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x! - y!));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    expect(log.filter((e) => e.stationId === a.stationId).map((e) => e.stationSeq)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(await hub.hub.head()).toBe(18);
  });

  it('refuses a gap with 409 and the expected seq; a batch with a hole stops at the hole', async () => {
    await start();
    const a = await hub.station('a');
    const [one, , three] = a.record(scan('G1'), scan('G2'), scan('G3'));
    const refused = await a.send([three]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'gap', expected: 1 });
    const partial = await a.send([one, three]);
    expect(partial.status).toBe(200);
    expect(partial.body.results.map((r) => r.stationSeq)).toEqual([1]);
    expect((await hub.hub.stations())[0]!.lastSeq).toBe(1);
  });

  it('pages the log by cursor: upto, head and limit', async () => {
    await start();
    const a = await hub.station('a');
    await a.push(...Array.from({ length: 7 }, (_, i) => scan(`P${i}`)));
    const page1 = await a.pull(0, 3);
    expect(page1.body.entries.map((e) => e.hubSeq)).toEqual([1, 2, 3]);
    expect(page1.body).toMatchObject({ upto: 3, head: 7 });
    const page3 = await a.pull(6, 3);
    expect(page3.body.entries.map((e) => e.hubSeq)).toEqual([7]);
    const empty = await a.pull(7, 3);
    expect(empty.body).toMatchObject({ entries: [], upto: 7, head: 7 });
    expect(page1.body.entries[0]).toMatchObject({ stationId: a.stationId, stationSeq: 1, type: 'scan.recorded', payload: { code: 'P0' }, outcome: 'accepted' });
    expect((await pullAll(a, 2)).length).toBe(7);
  });

  it('ends a page early when its entries reach the byte budget, and catch-up still gets everything', async () => {
    await start();
    const office = await hub.station('office', 'supervisor');
    // Orders of ~220 KB each (500 lines): 30 of them are well over one page's budget.
    const lines = Array.from({ length: 500 }, (_, i) => ({
      lineNo: i + 1, subOrderId: null, skuCode: `SKU-${i}`, title: 'T'.repeat(300), props: null, qty: 1, priceFen: 100, refundStatus: null,
    }));
    for (let batch = 0; batch < 3; batch++) {
      const orders = Array.from({ length: 10 }, (_, i) => ({ type: 'order.imported', payload: orderPayload(`${batch * 10 + i + 1}`, { lines }) }));
      expect((await office.push(...orders)).body.results.map((r) => r.outcome)).toEqual(Array(10).fill('accepted'));
    }
    const page = await office.pull(0);
    const bytes = page.body.entries.reduce((sum, e) => sum + JSON.stringify(e.payload).length, 0);
    expect(page.body.entries.length).toBeGreaterThan(1);
    expect(page.body.entries.length).toBeLessThan(30);
    expect(bytes).toBeLessThanOrEqual(PULL_BYTES_MAX);
    expect(page.body).toMatchObject({ upto: page.body.entries.length, head: 30 });
    expect((await pullAll(office)).map((e) => e.payload['externalId'])).toEqual(Array.from({ length: 30 }, (_, i) => `${i + 1}`));
  });

  it('after a restore the epoch rotates, old-epoch pushes and pulls get 409, lastSeq is reseeded and re-pushes are answered from the log', async () => {
    await start();
    const a = await hub.station('a');
    const old = await hub.hub.epoch();
    // R3 is refused: the backup keeps its refusal, so the re-push after the restore is answered alike.
    const ops = a.record(scan('R1'), scan('R2'), op('barcode.bound'), scan('R4'), scan('R5'));
    const before = await a.send(ops.slice(0, 3), old);
    const dump = JSON.parse(JSON.stringify(await hub.hub.backup()));
    await a.send(ops.slice(3), old);
    expect((await hub.hub.stations())[0]!.lastSeq).toBe(5);

    await hub.hub.restore(dump);
    const epoch = await hub.hub.epoch();
    expect(epoch).not.toBe(old);
    expect(await hub.hub.head()).toBe(3); // R1, R2 and the op.rejected flag
    expect((await hub.hub.stations())[0]!.lastSeq).toBe(3);
    const stale = await a.send(ops.slice(3), old);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'epoch_changed', hubEpoch: epoch });
    expect((await a.pull(0, 10, old)).body).toMatchObject({ error: 'epoch_changed', hubEpoch: epoch });

    // The station resets and pushes everything it holds again, from seq 1.
    const repush = await a.send(ops, epoch);
    expect(repush.status).toBe(200);
    expect(repush.body.results.slice(0, 3)).toEqual(before.body.results);
    expect(repush.body.results.map((r) => [r.hubSeq, r.outcome])).toEqual([[1, 'accepted'], [2, 'accepted'], [null, 'rejected'], [4, 'accepted'], [5, 'accepted']]);
    const log = await pullAll(a);
    expect(log.map((e) => e.payload['code'] ?? e.payload['kind'])).toEqual(['R1', 'R2', 'op.rejected', 'R4', 'R5']);
  });

  it('a storage outage is a 503 that applies nothing; the retry is answered as a first try would be', async () => {
    const options = await storage.fresh();
    hub = await startTestHub(options);
    const a = await hub.station('a');
    await a.push(scan('before'));
    const batch = a.record(claim('tb:1'), op('stock.counted'), scan('S'));
    const failed = await withStorageOutage(backend, options, () => a.send(batch));
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ error: 'unavailable' });
    expect(await hub.hub.head()).toBe(1);
    expect((await hub.hub.stations())[0]!.lastSeq).toBe(1);
    const retried = await a.send(batch);
    expect(retried.status).toBe(200);
    expect(retried.body.results.map((r) => [r.hubSeq, r.outcome])).toEqual([[2, 'accepted'], [null, 'rejected'], [3, 'accepted']]);
    expect(flagsIn(await pullAll(a)).map((f) => f.kind)).toEqual(['op.rejected']);
  });

  it('says 426 to a newer protocol, 400 to missing versions and to a batch over the limit', async () => {
    await start();
    const a = await hub.station('a');
    const newer = await call(hub.url, a.token, 'POST', '/sync/push', { ...versions, protocol: 99, hubEpoch: null, ops: [] });
    expect(newer.status).toBe(426);
    expect(newer.body).toMatchObject({ error: 'upgrade_required' });
    const newerPull = await call(hub.url, a.token, 'GET', '/sync/pull?after=0&protocol=99&appVersion=9&schemaVersion=9');
    expect(newerPull.status).toBe(426);
    expect((await call(hub.url, a.token, 'GET', '/sync/pull?after=0')).status).toBe(400);
    expect((await call(hub.url, a.token, 'POST', '/sync/push', { hubEpoch: null, ops: [] })).status).toBe(400);
    const big = a.record(...Array.from({ length: PUSH_BATCH_MAX + 1 }, (_, i) => scan(`B${i}`)));
    const tooMany = await a.send(big);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'invalid' });
    expect(await hub.hub.head()).toBe(0);
  });

  it('parks an op type or version it does not know, keeps it in the log, and reads an old waybill.pooled v1', async () => {
    await start();
    const a = await hub.station('a', 'supervisor');
    const res = await a.push(
      { type: 'pallet.wrapped', version: 1, payload: { id: 'p1' } },
      { type: 'sku.saved', version: 7, payload: { code: 'future' } },
      { type: 'waybill.pooled', version: 1, payload: { carrierCode: 'YTO', count: 100, first: 'YT1000000000001', last: 'YT1000000000100' } },
    );
    expect(res.body.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['parked', msg('opRefusal.needsUpgrade', { type: opLabel('pallet.wrapped'), version: 1 })],
      ['parked', msg('opRefusal.needsUpgrade', { type: opLabel('sku.saved'), version: 7 })],
      ['accepted', null],
    ]);
    const log = await pullAll(a);
    expect(log.map((e) => [e.type, e.version, e.outcome])).toEqual([
      ['pallet.wrapped', 1, 'parked'],
      ['sku.saved', 7, 'parked'],
      ['waybill.pooled', 1, 'accepted'],
    ]);
    expect(log[2]!.payload).toMatchObject({ first: 'YT1000000000001' }); // as the station sent it
    // The v1 numbers became this station's: another station reporting them is an overlap.
    const b = await hub.station('b', 'supervisor');
    const overlap = await b.push({ type: 'waybill.pooled', version: 2, payload: { carrierCode: 'YTO', numbers: ['YT1000000000100', 'YT1000000000200'] } });
    expect(overlap.body.results[0]).toMatchObject({ outcome: 'conflict', reason: msg('sync.conflictKinds', { kinds: 'waybill.overlap' }) });
    expect(flagsIn(await pullAll(b))).toEqual([
      expect.objectContaining({
        kind: 'waybill.overlap', stationIds: [a.stationId, b.stationId],
        message: msg('flagText.waybillOverlap', { count: 1, carrier: 'YTO', numbers: 'YT1000000000100' }),
      }),
    ]);
    // An old import is a supervisor's act whatever its version: a packer's is refused.
    const packer = await hub.station('p');
    const refused = await packer.push({ type: 'waybill.pooled', version: 1, payload: { carrierCode: 'YTO', count: 1, first: 'YT1000000000300', last: 'YT1000000000300' } });
    expect(refused.body.results[0]).toMatchObject({ outcome: 'rejected', hubSeq: null, reason: packerRefusal('waybill.pooled') });
  });

  it('evaluates parked ops when a hub that can read them starts; unknown ones stay parked, refused ones are marked', async () => {
    const options = await storage.fresh();
    hub = await startTestHub(options);
    const a = await hub.station('a');
    const b = await hub.station('b');
    await a.push(claim('tb:1'));
    await b.push({ type: 'pallet.wrapped', payload: {} }, { type: 'crate.sealed', payload: {} }, { type: 'box.taped', payload: {} });
    expect((await pullAll(a)).map((e) => e.outcome)).toEqual(['accepted', 'parked', 'parked', 'parked']);
    await hub.close();
    // Stand-in for an upgrade: entries 2 and 4 become ops this build can read (a claim an older hub
    // had parked, and a SKU b's packer role may not send).
    const { db } = await openHubDb(options);
    await db.updateTable('hub_log').set({ type: 'order.claimed', payload: JSON.stringify({ orderId: 'tb:1', claimId: 'late' }) }).where('hub_seq', '=', 2).execute();
    await db.updateTable('hub_log').set({ type: 'sku.saved', payload: JSON.stringify(op('sku.saved').payload) }).where('hub_seq', '=', 4).execute();
    await db.destroy();

    hub = await startTestHub(options);
    const log = await pullAll(hubStation(hub.url, a.stationId, a.token));
    expect(log.map((e) => [e.hubSeq, e.type, e.outcome])).toEqual([
      [1, 'order.claimed', 'accepted'],
      [2, 'order.claimed', 'conflict'],
      [3, 'crate.sealed', 'parked'],
      [4, 'sku.saved', 'rejected'],
      [5, 'flag.raised', 'accepted'],
    ]);
    expect(log[3]!.reason).toEqual(packerRefusal('sku.saved'));
    expect(log[4]!.payload).toMatchObject({ kind: 'claim.conflict', stationIds: [a.stationId, b.stationId] });
    // The next start finds nothing new to do.
    await hub.close();
    hub = await startTestHub(options);
    expect(await hub.hub.head()).toBe(5);
  });

  it('admin endpoints need an admin station', async () => {
    await start();
    const packer = await hub.station('p', 'packer');
    const admin = await hub.station('adm', 'admin');
    const ask = (token: string) => call(hub.url, token, 'POST', '/admin/pairing-codes', { ...versions, role: 'supervisor' });
    expect((await ask(packer.token)).status).toBe(403);
    const made = await ask(admin.token);
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ role: 'supervisor', code: expect.stringMatching(/^\d{8}$/) });
    expect(made.body).toMatchObject({ fingerprint: hub.fingerprint, replaces: null });
    const replace = (token: string, stationId: string) => call(hub.url, token, 'POST', '/admin/replacement-codes', { ...versions, stationId });
    expect((await replace(packer.token, packer.stationId)).status).toBe(403);
    expect((await replace(admin.token, packer.stationId)).body).toMatchObject({ role: 'packer', replaces: packer.stationId, fingerprint: hub.fingerprint });
    expect((await replace(admin.token, 'st-nobody')).body).toMatchObject({ error: 'invalid', msg: { key: 'hub.pairing.unknownStation' } });
    const list = await call(hub.url, admin.token, 'GET', `/admin/stations?protocol=1&appVersion=x&schemaVersion=1`);
    expect(list.body as unknown[]).toHaveLength(2);
  });
});

describe('hub backups', () => {
  const sqlite = hubStorage('sqlite');
  const postgres = hubStorage('postgres');
  afterAll(async () => {
    await sqlite.dispose();
    await postgres.dispose();
  });

  it('move between SQLite and PostgreSQL unchanged, refusals and users included, and stations keep their tokens', async () => {
    const from = await startTestHub(await sqlite.fresh());
    const to = await startTestHub(await postgres.fresh());
    try {
      const a = await from.station('a');
      const b = await from.station('b');
      await from.hub.importPool('YTO', ['YT0000000000001', 'YT0000000000002', 'YT0000000000003']);
      const { body: lease } = await a.lease('YTO', 2);
      const admin = await from.station('office', 'admin');
      await admin.push(op('user.saved', { id: 'u-sup', role: 'supervisor' }), op('sku.saved', { code: 'S1' }));
      await a.push(
        claim('tb:1'),
        op('shipment.created', { id: 'sh-a', orderId: 'tb:1', trackingNo: lease.numbers[0]! }),
        op('stock.delta', { id: 'd1', skuCode: 'S1', delta: -1, cause: 'ship', ref: 'sh-a' }),
        op('stock.delta', { id: 'd2', skuCode: 'S1', delta: 9 }), // refused: an adjustment is a supervisor's
      );
      await b.push(claim('tb:1'));
      const dump = JSON.parse(JSON.stringify(await from.hub.backup()));
      expect(dump.tables.hub_rejected).toHaveLength(1);
      expect(dump.tables.hub_users).toHaveLength(1);

      await to.hub.restore(dump);
      const again = await to.hub.backup();
      for (const table of Object.keys(dump.tables).filter((t) => t !== 'hub_meta' && t !== 'hub_waybills')) {
        expect([table, again.tables[table as keyof typeof again.tables]]).toEqual([table, dump.tables[table]]);
      }
      expect(again.hubId).toBe(dump.hubId);
      expect(again.epoch).not.toBe(dump.epoch);
      // Numbers free in the backup may have been leased after it was taken: a restore sets them aside.
      const setAside = (rows: Record<string, unknown>[]) =>
        rows.map((r) => (r['lease_id'] === null && r['station_id'] === null ? { ...r, lease_id: `quarantine:${again.epoch}` } : r));
      expect(again.tables.hub_waybills).toEqual(setAside(dump.tables.hub_waybills));
      expect(again.tables.hub_waybills.filter((r) => String(r['lease_id']).startsWith('quarantine:'))).toHaveLength(1);
      const moved = hubStation(to.url, a.stationId, a.token);
      expect(await pullAll(moved)).toEqual(await pullAll(a));
    } finally {
      await from.close();
      await to.close();
    }
  });
});
