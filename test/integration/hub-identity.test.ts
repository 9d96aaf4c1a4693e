import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PAIRING_TRIES } from '../../electron/hub/stations/pairing.service';
import { sourceKey } from '../../electron/hub/stations/source-address';
import { call, hubBackends, hubStorage, hubStation, pullAll, startTestHub, versions, type TestHub } from '../helpers/hub-db';
import { rawJson } from '../helpers/hostile-http';

import { op } from '../helpers/op-fixtures';

/** Any op a packer's bench may send: these tests count sequences, not what the ops say. */
const filler = (n: string) => op('scan.recorded', { id: `scan-${n}` });
const pairBody = (code: string, stationId: string, stationName = stationId) => ({ ...versions, code, stationId, stationName });
const YTO = Array.from({ length: 40 }, (_, i) => `YT9${String(100_000_000_000 + i)}`);

describe.each(hubBackends)('who may pair, and as whom (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  let clock = Date.parse('2026-03-01T08:00:00.000Z');
  const start = async () => (hub = await startTestHub({ ...(await storage.fresh()), now: () => new Date(clock) }));
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  it('a code for a new station cannot take over a paired id, the admin station\'s included', async () => {
    await start();
    const admin = await hub.station('office', 'admin', 'st-admin');
    await admin.push(filler('A1'), filler('A2'));
    // A packer who reads the admin's id off any station tries to become it with its own code.
    const { code } = await hub.hub.newPairingCode('packer');
    const attack = await call(hub.url, null, 'POST', '/pair', pairBody(code, 'st-admin', 'evil'));
    expect(attack.status).toBe(409);
    expect(attack.body).toMatchObject({ error: 'station_taken' });
    expect((await hub.hub.stations()).find((s) => s.stationId === 'st-admin')).toMatchObject({ role: 'admin', name: 'office', lastSeq: 2 });
    // The admin keeps its token and its sequence; the attacker's next op is nobody's.
    expect((await admin.push(filler('A3'))).body.results).toEqual([expect.objectContaining({ stationSeq: 3, outcome: 'accepted' })]);
    // The code was not used up by the refusal: it still pairs a new station.
    expect((await call(hub.url, null, 'POST', '/pair', pairBody(code, 'st-new'))).body).toMatchObject({ stationId: 'st-new', role: 'packer', lastSeq: 0 });
  });

  it('a replacement code hands one named station to a new PC; the old PC is out and its unused numbers are never used again', async () => {
    await start();
    await hub.hub.importPool('YTO', YTO);
    const old = await hub.station('bench-1', 'packer', 'st-old');
    const other = await hub.station('bench-2', 'packer', 'st-other');
    const held = (await old.lease('YTO', 10)).body.numbers;
    await old.push(filler('S1'), op('shipment.created', { id: 'p1', orderId: 'tb:1', trackingNo: held[0]! }));

    const replacement = (await hub.hub.newReplacementCode('st-old'))!;
    // Another paired station cannot use it to become bench-1.
    const hijack = await call(hub.url, null, 'POST', '/pair', pairBody(replacement.code, 'st-other'));
    expect(hijack).toMatchObject({ status: 409, body: { error: 'station_taken', msg: { key: 'hub.pairing.alreadyPaired', params: { name: 'bench-2' } } } });
    const paired = await call(hub.url, null, 'POST', '/pair', pairBody(replacement.code, 'st-fresh-pc', 'bench-1 new'));
    expect(paired.body).toMatchObject({ stationId: 'st-old', role: 'packer', lastSeq: 2 });
    expect((await old.pull()).status).toBe(401);
    expect((await call(hub.url, null, 'POST', '/pair', pairBody(replacement.code, 'st-again'))).status).toBe(401); // once only

    // The nine numbers the old PC held unused are retired: a log entry tells every station, and no lease hands them out again.
    const log = await pullAll(other);
    const retired = log.filter((e) => e.type === 'waybill.retired' && e.stationId === 'hub').flatMap((e) => e.payload['numbers'] as string[]);
    expect(retired.sort()).toEqual(held.slice(1).sort());
    const later = [...(await other.lease('YTO', 40)).body.numbers, ...(await other.lease('YTO', 40)).body.numbers];
    expect(later.filter((n) => held.includes(n))).toEqual([]);
    const newPc = hubStation(hub.url, 'st-old', (paired.body as { token: string }).token);
    expect((await newPc.send([{ stationSeq: 3, opId: 'new-pc-1', ...filler('N1'), version: 1, createdAt: '2026-03-01T08:00:00.000Z', authorizedBy: null }])).body.results)
      .toEqual([expect.objectContaining({ stationSeq: 3, outcome: 'accepted' })]);
  });

  it(`counts pairing tries per address in the database: of 1000 concurrent wrong codes only ${PAIRING_TRIES} are looked at`, async () => {
    await start();
    const { code } = await hub.hub.newPairingCode('packer');
    const wrong = (i: number) => String((Number(code) + 1 + i) % 100_000_000).padStart(8, '0');
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => hub.hub.handle({ method: 'POST', path: '/pair', token: null, body: pairBody(wrong(i), `x${i}`), source: '192.168.1.66' })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PAIRING_TRIES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - PAIRING_TRIES);
    // That address is locked out, even with the right code; every other PC pairs as usual.
    const locked = await hub.hub.handle({ method: 'POST', path: '/pair', token: null, body: pairBody(code, 'st-late'), source: '192.168.1.66' });
    expect(locked).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
    const honest = await hub.hub.handle({ method: 'POST', path: '/pair', token: null, body: pairBody(code, 'st-late'), source: '192.168.1.20' });
    expect(honest.status).toBe(200);
    // Ten minutes later the address may try again.
    clock += 10 * 60_000 + 1;
    const { code: next } = await hub.hub.newPairingCode('packer');
    expect((await hub.hub.handle({ method: 'POST', path: '/pair', token: null, body: pairBody(next, 'st-back'), source: '192.168.1.66' })).status).toBe(200);
  });

  it('over HTTP the address is the connection\'s: one client guessing cannot lock out a station on another address', async () => {
    await start();
    const { code } = await hub.hub.newPairingCode('packer');
    const wrong = code === '00000000' ? '00000001' : '00000000';
    for (let i = 0; i < PAIRING_TRIES + 5; i++) await rawJson(hub.url, '/pair', pairBody(wrong, `g${i}`), '127.0.0.2');
    expect((await rawJson(hub.url, '/pair', pairBody(code, 'st-guesser'), '127.0.0.2')).status).toBe(429);
    const station = await rawJson(hub.url, '/pair', pairBody(code, 'st-honest'), '127.0.0.3');
    expect(station).toMatchObject({ status: 200, body: { stationId: 'st-honest' } });
  });
});

describe('source addresses', () => {
  it('one key per IPv4 address (mapped or not) and per IPv6 /64', () => {
    expect(sourceKey('192.168.1.7')).toBe('192.168.1.7');
    expect(sourceKey('::ffff:192.168.1.7')).toBe('192.168.1.7');
    expect(sourceKey('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(sourceKey('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(sourceKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceKey(undefined)).toBe('in-process');
  });
});
