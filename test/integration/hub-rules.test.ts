import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { flagsIn, hubBackends, hubStorage, pullAll, startTestHub, type TestHub } from '../helpers/hub-db';

const now = '2025-03-01T10:00:00.000Z';
const claim = (orderId: string) => ({ type: 'order.claimed', payload: { orderId, claimId: `c-${Math.random()}` } });
const ship = (id: string, orderId: string, trackingNo: string, extra: Record<string, unknown> = {}) => ({
  type: 'shipment.created',
  payload: { id, orderId, carrierCode: 'YTO', trackingNo, parcelNo: 1, parcelCount: 1, partial: false, at: now, ...extra },
});
const delta = (id: string, skuCode: string, d: number) => ({ type: 'stock.delta', payload: { id, skuCode, delta: d, reason: 'pick' } });
const report = (id: string, description = '外箱压坏') => ({
  type: 'damage.reported',
  payload: { id, orderId: 'tb:7', skuCode: 'MUG', qty: 1, description, photoHashes: [] },
});
const decide = (id: string, reportId: string, decision: string, seenHubSeq: number) => ({
  type: 'damage.decided',
  payload: { id, reportId, decision, note: '', seenHubSeq },
});

describe.each(hubBackends)('hub domain rules (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());
  const start = async () => (hub = await startTestHub(await storage.fresh()));

  it('first claim wins; the second station gets conflict and every station pulls the flag', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    expect((await a.push(claim('tb:1'))).body.results[0]).toMatchObject({ outcome: 'accepted', hubSeq: 1 });
    expect((await a.push(claim('tb:1'))).body.results[0]!.outcome).toBe('accepted'); // the holder again
    const lost = await b.push(claim('tb:1'));
    expect(lost.body.results[0]).toMatchObject({ outcome: 'conflict', hubSeq: 3, reason: 'claim.conflict' });
    const log = await pullAll(a);
    expect(log[3]).toMatchObject({ hubSeq: 4, type: 'flag.raised', stationId: 'hub', stationSeq: null, outcome: 'accepted' });
    expect(flagsIn(log)).toEqual([
      expect.objectContaining({ kind: 'claim.conflict', orderId: 'tb:1', stationIds: [a.stationId, b.stationId], opIds: [log[0]!.opId, log[2]!.opId] }),
    ]);
    expect(flagsIn(log)[0]!.message).toEqual({ key: 'flagText.claimConflict', params: { order: '1' } });
  });

  it('a packer station cannot decide damage; a supervisor can, and blind conflicting decisions are flagged', async () => {
    await start();
    const packer = await hub.station('p', 'packer');
    const sup1 = await hub.station('s1', 'supervisor');
    const sup2 = await hub.station('s2', 'supervisor');
    await packer.push(report('r1'));
    const refused = await packer.push(decide('d0', 'r1', 'write-off', 1));
    expect(refused.body.results[0]).toMatchObject({ outcome: 'rejected', reason: "A packer's station cannot decide a damage report" });
    let flags = flagsIn(await pullAll(packer));
    expect(flags).toEqual([expect.objectContaining({ kind: 'op.rejected', stationIds: [packer.stationId] })]);

    const head = await hub.hub.head();
    expect((await sup1.push(decide('d1', 'r1', 'write-off', head))).body.results[0]!.outcome).toBe('accepted');
    // Supervisor 2 decided differently without having seen d1: a flag.
    expect((await sup2.push(decide('d2', 'r1', 'return-to-stock', head))).body.results[0]).toMatchObject({ outcome: 'conflict' });
    // Supervisor 1, having seen d2, overrules: that is a decision, not a conflict.
    expect((await sup1.push(decide('d3', 'r1', 'reject', await hub.hub.head()))).body.results[0]!.outcome).toBe('accepted');
    flags = flagsIn(await pullAll(packer));
    expect(flags.map((f) => f.kind)).toEqual(['op.rejected', 'damage.conflicting-decisions']);
    expect(flags[1]).toMatchObject({ orderId: 'tb:7', stationIds: [sup1.stationId, sup2.stationId] });
  });

  it('a damage report is immutable; sending it again unchanged is fine', async () => {
    await start();
    const a = await hub.station('a');
    await a.push(report('r1'));
    expect((await a.push(report('r1'))).body.results[0]!.outcome).toBe('accepted');
    expect((await a.push(report('r1', '改过的描述'))).body.results[0]).toMatchObject({ outcome: 'rejected', reason: 'report is immutable' });
  });

  it('a second live shipment for one order is a double ship; parcels of one group and re-ships after a void are not', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const two = await a.push(
      ship('s1', 'tb:1', 'YT0000000000001', { groupId: 'g1', parcelNo: 1, parcelCount: 2 }),
      ship('s2', 'tb:1', 'YT0000000000002', { groupId: 'g1', parcelNo: 2, parcelCount: 2 }),
    );
    expect(two.body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    const second = await b.push(ship('s3', 'tb:1', 'YT0000000000003'));
    expect(second.body.results[0]).toMatchObject({ outcome: 'conflict', reason: 'ship.double' });
    const flag = flagsIn(await pullAll(a)).find((f) => f.kind === 'ship.double');
    expect(flag).toMatchObject({ orderId: 'tb:1', stationIds: [a.stationId, b.stationId] });

    await a.push(ship('s4', 'tb:2', 'YT0000000000004'), { type: 'shipment.voided', payload: { id: 's4', reason: '打印失败', at: now } });
    expect((await a.push(ship('s5', 'tb:2', 'YT0000000000005'))).body.results[0]!.outcome).toBe('accepted');
  });

  it('one waybill number on two shipments is flagged and stored once', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    await a.push(ship('s1', 'tb:1', 'YT0000000000009'));
    const reused = await b.push(ship('s2', 'tb:2', 'YT0000000000009'));
    expect(reused.body.results[0]!.outcome).toBe('conflict');
    const kinds = flagsIn(await pullAll(a)).map((f) => f.kind);
    // b also used a number the hub knew as a's.
    expect(kinds).toEqual(['waybill.not-leased', 'waybill.reused']);
  });

  it('leases never re-issue a number: two stations get disjoint fair shares, then the pool runs dry', async () => {
    await start();
    const numbers = Array.from({ length: 10 }, (_, i) => `YT10000000000${String(i).padStart(2, '0')}`);
    expect(await hub.hub.importPool('YTO', numbers)).toEqual({ added: 10, known: 0 });
    expect(await hub.hub.importPool('YTO', numbers.slice(0, 3))).toEqual({ added: 0, known: 3 });
    const a = await hub.station('a');
    const b = await hub.station('b');
    const la = await a.lease('YTO', 4);
    // A fair share per station: with two stations each may hold at most ⌈10 / 2⌉ = 5 unused numbers.
    const lb = await b.lease('YTO', 4);
    expect(la.body.numbers).toEqual(numbers.slice(0, 4));
    expect(lb.body.numbers).toEqual(numbers.slice(4, 8));
    expect(lb.body.poolLeft).toBe(2);
    const lc = await a.lease('YTO', 5);
    expect(lc.body.numbers).toEqual(numbers.slice(8, 9));
    const ld = await b.lease('YTO', 5);
    expect(ld.body.numbers).toEqual(numbers.slice(9));
    expect(await a.lease('YTO', 5)).toMatchObject({ status: 200, body: { numbers: [], leaseId: null, hubSeq: null, poolLeft: 0 } });

    // The leases are in the log too, so a lost response loses nothing.
    const leased = (await pullAll(b)).filter((e) => e.type === 'waybill.leased');
    expect(leased.map((e) => e.payload)).toEqual([
      { leaseId: la.body.leaseId, stationId: a.stationId, carrierCode: 'YTO', numbers: numbers.slice(0, 4) },
      { leaseId: lb.body.leaseId, stationId: b.stationId, carrierCode: 'YTO', numbers: numbers.slice(4, 8) },
      { leaseId: lc.body.leaseId, stationId: a.stationId, carrierCode: 'YTO', numbers: numbers.slice(8, 9) },
      { leaseId: ld.body.leaseId, stationId: b.stationId, carrierCode: 'YTO', numbers: numbers.slice(9) },
    ]);
    // Re-importing the same roll does not free anything.
    expect(await hub.hub.importPool('YTO', numbers)).toEqual({ added: 0, known: 10 });
    expect((await b.lease('YTO', 1)).body.numbers).toEqual([]);

    // b printing one of a's numbers is flagged.
    expect((await b.push(ship('s1', 'tb:1', numbers[0]!))).body.results[0]).toMatchObject({ outcome: 'conflict', reason: 'waybill.not-leased' });
  });

  it('a count books counted − known as a delta, and picks the counter had not seen stay on the ledger', async () => {
    await start();
    const counter = await hub.station('counter');
    const picker = await hub.station('picker');
    await counter.push(delta('in-1', 'MUG', 20)); // hub_seq 1
    const cursor = 1; // what the counter has pulled
    await picker.push(delta('pick-1', 'MUG', -3)); // hub_seq 2: the counter has not seen it
    await counter.push(delta('pick-2', 'MUG', -2)); // hub_seq 3: the counter's own, not pulled back yet
    // The counter sees 18 on the shelf: 20 - 2 from its view, so 18 - 18 = 0... it counts 16 (2 broken).
    const counted = await counter.push({
      type: 'stock.counted',
      payload: { id: 'cnt-1', skuCode: 'MUG', countedQty: 16, basis: { cursor, pendingDeltaIds: ['pick-2'] } },
    });
    expect(counted.body.results[0]).toMatchObject({ hubSeq: 4, outcome: 'accepted' });
    const log = await pullAll(picker);
    expect(log[4]).toMatchObject({ hubSeq: 5, type: 'stock.delta', stationId: 'hub', payload: { id: 'cnt-1:adjust', skuCode: 'MUG', delta: -2, reason: 'count', ref: 'cnt-1' } });
    // Balance: 20 - 3 - 2 - 2 = 13: the picker's -3 was not erased by the count.
    const sum = log.filter((e) => e.type === 'stock.delta').reduce((s, e) => s + (e.payload['delta'] as number), 0);
    expect(sum).toBe(13);

    const big = await counter.push({
      type: 'stock.counted',
      payload: { id: 'cnt-2', skuCode: 'MUG', countedQty: 40, basis: { cursor: 5, pendingDeltaIds: [] } },
    });
    expect(big.body.results[0]).toMatchObject({ outcome: 'conflict', reason: 'stock.count-adjusted' });
  });

  it('stock going negative is flagged once per crossing', async () => {
    await start();
    const a = await hub.station('a');
    const res = await a.push(delta('d1', 'CUP', 1), delta('d2', 'CUP', -2), delta('d3', 'CUP', -1), delta('d4', 'CUP', 5), delta('d5', 'CUP', -9));
    expect(res.body.results.map((r) => r.outcome)).toEqual(['accepted', 'conflict', 'accepted', 'accepted', 'conflict']);
    // A re-sent delta (same id, new op) does not count twice.
    expect((await a.push(delta('d4', 'CUP', 5))).body.results[0]!.outcome).toBe('accepted');
    const count = await a.push({ type: 'stock.counted', payload: { id: 'c', skuCode: 'CUP', countedQty: 0, basis: { cursor: await hub.hub.head(), pendingDeltaIds: [] } } });
    const adjust = (await pullAll(a)).find((e) => e.type === 'stock.delta' && e.stationId === 'hub');
    expect(adjust?.payload['delta']).toBe(6); // 1 - 2 - 1 + 5 - 9 = -6 on the books, 0 on the shelf
    expect(count.body.results[0]!.outcome).toBe('accepted');
  });

  it('a cancelled order that already has a label, or gets one, is flagged', async () => {
    await start();
    const importer = await hub.station('office', 'admin');
    const packer = await hub.station('p');
    const order = (status: string) => ({ type: 'order.imported', payload: { id: 'tb:5', platform: 'taobao', externalId: '5', platformStatus: status, lines: [] } });
    await importer.push(order('WAIT_SELLER_SEND_GOODS'));
    await packer.push(ship('s1', 'tb:5', 'YT0000000000051'));
    const cancelled = await importer.push(order('TRADE_CLOSED'));
    expect(cancelled.body.results[0]).toMatchObject({ outcome: 'conflict', reason: 'ship.after-cancel' });
    // An order already closed when its label is made; its second parcel is not flagged again.
    await importer.push({ ...order('TRADE_CLOSED'), payload: { ...order('TRADE_CLOSED').payload, id: 'tb:6', externalId: '6' } });
    const late = await packer.push(
      ship('s2', 'tb:6', 'YT0000000000061', { groupId: 'g6', parcelCount: 2 }),
      ship('s3', 'tb:6', 'YT0000000000062', { groupId: 'g6', parcelNo: 2, parcelCount: 2 }),
    );
    expect(late.body.results.map((r) => r.reason)).toEqual(['ship.after-cancel', null]);
  });

  it('refuses what a station may never send, records it, and goes on with the next op', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const forged = await a.push(
      { type: 'flag.raised', payload: { flagId: 'f', kind: 'claim.conflict', orderId: null, stationIds: [], opIds: [], detail: '' } },
      { type: 'order.claimed', payload: { orderId: 'tb:1' } },
      claim('tb:1'),
    );
    expect(forged.body.results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(forged.body.results[1]!.reason).toMatch(/claimId/);

    const dup = await b.push({ ...claim('tb:2'), opId: forged.body.results[2]!.opId });
    expect(dup.body.results[0]).toMatchObject({ outcome: 'rejected', reason: 'duplicate op id' });
    // The forged flag stays in the log as a rejected station op; it is not a flag.
    const log = await pullAll(a);
    expect(log[0]).toMatchObject({ type: 'flag.raised', stationId: a.stationId, outcome: 'rejected' });
    expect(flagsIn(log).map((f) => f.kind)).toEqual(['op.rejected', 'op.rejected']);
  });

  it('a supervisor resolves a flag; an unknown flag cannot be resolved; reopening starts a new generation', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const sup = await hub.station('s', 'supervisor');
    await a.push(claim('tb:1'));
    await b.push(claim('tb:1'));
    const [flag] = flagsIn(await pullAll(sup));
    const res = await sup.push(
      { type: 'flag.resolved', payload: { flagId: flag!.flagId, resolution: '交给 a 打包' } },
      { type: 'flag.resolved', payload: { flagId: 'no-such-flag', resolution: 'x' } },
      { type: 'order.reopened', payload: { orderId: 'tb:1', reason: '买家改地址' } },
    );
    expect(res.body.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['accepted', null],
      ['rejected', 'unknown flag'],
      ['accepted', null],
    ]);
  });
});
