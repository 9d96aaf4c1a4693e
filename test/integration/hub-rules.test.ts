import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { flagsIn, hubBackends, hubStorage, pullAll, startTestHub, type TestHub } from '../helpers/hub-db';
import { op, orderPayload } from '../helpers/op-fixtures';
import { opLabel } from '#shared/ops/index';

const claim = (orderId: string) => op('order.claimed', { orderId });
const ship = (id: string, orderId: string, trackingNo: string, extra: Partial<Parameters<typeof op<'shipment.created'>>[1]> = {}) =>
  op('shipment.created', { id, groupId: id, orderId, orderExternalId: orderId.split(':')[1]!, trackingNo, ...extra });
/** A supervisor's adjustment (goods received, a correction). */
const adjust = (id: string, skuCode: string, delta: number) => op('stock.delta', { id, skuCode, delta, cause: 'adjust', ref: null, note: '' });
const report = (id: string, note = '外箱压坏') => op('damage.reported', { id, orderId: 'tb:7', skuCode: 'MUG', note, source: 'bench' });
const decide = (id: string, reportId: string, decision: 'write-off' | 'restock' | 'reject', seenHubSeq: number) =>
  op('damage.decided', { id, reportId, decision, seenHubSeq });
const recorded = (...kinds: string[]) => msg('sync.conflictKinds', { kinds: kinds.join(', ') });
const packerRefusal = (type: string) => msg('opRefusal.role', { type: opLabel(type), role: msg('sync.stationRoles.packer') });

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
    expect(lost.body.results[0]).toMatchObject({ outcome: 'conflict', hubSeq: 3, reason: recorded('claim.conflict') });
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
    expect(refused.body.results[0]).toMatchObject({ outcome: 'rejected', hubSeq: null, reason: packerRefusal('damage.decided') });
    let flags = flagsIn(await pullAll(packer));
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'op.rejected', stationIds: [packer.stationId], opIds: [refused.body.results[0]!.opId],
        message: msg('flagText.opRejected', { count: 1, type: opLabel('damage.decided'), reason: packerRefusal('damage.decided') }),
      }),
    ]);

    const head = await hub.hub.head();
    expect((await sup1.push(decide('d1', 'r1', 'write-off', head))).body.results[0]!.outcome).toBe('accepted');
    // Supervisor 2 decided differently without having seen d1: a flag.
    expect((await sup2.push(decide('d2', 'r1', 'restock', head))).body.results[0]).toMatchObject({
      outcome: 'conflict', reason: recorded('damage.conflicting-decisions'),
    });
    // Supervisor 1, having seen d2, overrules: that is a decision, not a conflict.
    expect((await sup1.push(decide('d3', 'r1', 'reject', await hub.hub.head()))).body.results[0]!.outcome).toBe('accepted');
    flags = flagsIn(await pullAll(packer));
    expect(flags.map((f) => f.kind)).toEqual(['op.rejected', 'damage.conflicting-decisions']);
    expect(flags[1]).toMatchObject({
      orderId: 'tb:7', stationIds: [sup1.stationId, sup2.stationId],
      message: msg('flagText.conflictingDecisions', { report: 'r1', decisions: 'write-off / restock' }),
    });
  });

  it('a damage report is immutable; sending it again unchanged is fine', async () => {
    await start();
    const a = await hub.station('a');
    await a.push(report('r1'));
    expect((await a.push(report('r1'))).body.results[0]!.outcome).toBe('accepted');
    const changed = await a.push(report('r1', '改过的描述'));
    expect(changed.body.results[0]).toMatchObject({ outcome: 'rejected', hubSeq: null, reason: msg('opRefusal.reportImmutable') });
    expect((await pullAll(a)).filter((e) => e.type === 'damage.reported').map((e) => e.payload['note'])).toEqual(['外箱压坏', '外箱压坏']);
  });

  it('a second live shipment for one order is a double ship; parcels of one group and re-ships after a void are not', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const sup = await hub.station('s', 'supervisor');
    const two = await a.push(
      ship('s1', 'tb:1', 'YT0000000000001', { groupId: 'g1', parcelNo: 1, parcelCount: 2 }),
      ship('s2', 'tb:1', 'YT0000000000002', { groupId: 'g1', parcelNo: 2, parcelCount: 2 }),
    );
    expect(two.body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    const second = await b.push(ship('s3', 'tb:1', 'YT0000000000003'));
    expect(second.body.results[0]).toMatchObject({ outcome: 'conflict', reason: recorded('ship.double') });
    const flag = flagsIn(await pullAll(a)).find((f) => f.kind === 'ship.double');
    expect(flag).toMatchObject({ orderId: 'tb:1', stationIds: [a.stationId, b.stationId], message: msg('flagText.shipDouble', { order: '1' }) });

    await a.push(ship('s4', 'tb:2', 'YT0000000000004'));
    // Voiding is a supervisor's: the packer's own void is refused, the supervisor station's is not.
    expect((await a.push(op('shipment.voided', { id: 's4' }))).body.results[0]).toMatchObject({ outcome: 'rejected', reason: packerRefusal('shipment.voided') });
    expect((await sup.push(op('shipment.voided', { id: 's4', reason: '打印失败' }))).body.results[0]!.outcome).toBe('accepted');
    expect((await a.push(ship('s5', 'tb:2', 'YT0000000000005'))).body.results[0]!.outcome).toBe('accepted');
  });

  it('one waybill number on two shipments is flagged and stored once', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    await a.push(ship('s1', 'tb:1', 'YT0000000000009'));
    const reused = await b.push(ship('s2', 'tb:2', 'YT0000000000009'));
    expect(reused.body.results[0]).toMatchObject({ outcome: 'conflict', reason: recorded('waybill.not-leased', 'waybill.reused') });
    const flags = flagsIn(await pullAll(a));
    // b also used a number the hub knew as a's.
    expect(flags.map((f) => [f.kind, f.message])).toEqual([
      ['waybill.not-leased', msg('flagText.waybillLeasedElsewhere', { trackingNo: 'YT0000000000009' })],
      ['waybill.reused', msg('flagText.waybillReused', { trackingNo: 'YT0000000000009', order: '1' })],
    ]);
  });

  it('one handover closed at two benches is flagged naming both couriers; the first close stands', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    await a.push(op('handover.closed', { handoverId: 'ho-77aa11bb', courierName: '李师傅' }));
    const second = await b.push(op('handover.closed', { handoverId: 'ho-77aa11bb', courierName: '王师傅' }));
    expect(second.body.results[0]!.outcome).toBe('conflict');
    expect(flagsIn(await pullAll(a)).map((f) => [f.kind, f.message])).toEqual([
      ['handover.double', msg('flagText.handoverClosedTwice', { handover: '77aa11bb', first: '李师傅', second: '王师傅' })],
    ]);
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
    expect((await b.push(ship('s1', 'tb:1', numbers[0]!))).body.results[0]).toMatchObject({ outcome: 'conflict', reason: recorded('waybill.not-leased') });
  });

  it('a count books counted − known as a delta, and picks the counter had not seen stay on the ledger', async () => {
    await start();
    const counter = await hub.station('counter', 'supervisor');
    const picker = await hub.station('picker');
    await counter.push(adjust('in-1', 'MUG', 20)); // hub_seq 1: the counter knows 20
    // hub_seq 2, 3: a parcel at the picker takes 3 out; the counter has not seen it.
    await picker.push(ship('sp', 'tb:1', 'YT0000000000011'), op('stock.delta', { id: 'pick-1', skuCode: 'MUG', delta: -3, cause: 'ship', ref: 'sp' }));
    // hub_seq 4, 5: the counter's own parcel takes 2: it knows 18.
    await counter.push(ship('sc', 'tb:2', 'YT0000000000012'), op('stock.delta', { id: 'pick-2', skuCode: 'MUG', delta: -2, cause: 'ship', ref: 'sc' }));
    // It counts 16 on the shelf (2 broken): −2 against what it knew.
    const counted = await counter.push(op('stock.counted', { id: 'cnt-1', skuCode: 'MUG', countedQty: 16, knownQty: 18 }));
    expect(counted.body.results[0]).toMatchObject({ hubSeq: 6, outcome: 'accepted' });
    const log = await pullAll(picker);
    expect(log[6]).toMatchObject({
      hubSeq: 7, type: 'stock.delta', stationId: 'hub', payload: { id: 'cnt-1:adjust', skuCode: 'MUG', delta: -2, cause: 'count', ref: 'cnt-1', note: '' },
    });
    // Balance: 20 - 3 - 2 - 2 = 13: the picker's -3 was not erased by the count.
    const sum = log.filter((e) => e.type === 'stock.delta').reduce((s, e) => s + (e.payload['delta'] as number), 0);
    expect(sum).toBe(13);

    const big = await counter.push(op('stock.counted', { id: 'cnt-2', skuCode: 'MUG', countedQty: 40, knownQty: 13 }));
    expect(big.body.results[0]).toMatchObject({ outcome: 'conflict', reason: recorded('stock.count-adjusted') });
    expect(flagsIn(await pullAll(picker)).map((f) => f.message)).toEqual([msg('flagText.countAdjusted', { sku: 'MUG', adjust: '+27' })]);
  });

  it('a packer moves stock only with its own parcels; a void puts the goods back', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const sup = await hub.station('s', 'supervisor');
    await a.push(ship('sa', 'tb:1', 'YT0000000000021'));
    const out = (id: string, ref: string) => op('stock.delta', { id, skuCode: 'CUP', delta: -1, cause: 'ship', ref });
    const back = (id: string, ref: string) => op('stock.delta', { id, skuCode: 'CUP', delta: 1, cause: 'void', ref });
    const res = await b.push(out('b-1', 'sa'), back('b-2', 'sa'), adjust('b-3', 'CUP', 50), out('b-4', 'no-such-parcel'));
    expect(res.body.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['rejected', msg('opRefusal.notOwnParcel')],
      ['rejected', msg('opRefusal.notOwnParcel')],
      ['rejected', packerRefusal('stock.delta')],
      ['rejected', msg('opRefusal.notOwnParcel')],
    ]);
    await sup.push(op('shipment.voided', { id: 'sa' }));
    const own = await a.push(out('a-1', 'sa'), back('a-2', 'sa'));
    expect(own.body.results.map((r) => r.outcome)).toEqual(['conflict', 'accepted']); // CUP went to −1: flagged
    expect(flagsIn(await pullAll(a)).map((f) => [f.kind, f.message])).toEqual([
      ['op.rejected', msg('flagText.opRejected', { count: 4, type: opLabel('stock.delta'), reason: msg('opRefusal.notOwnParcel') })],
      ['stock.negative', msg('flagText.stockNegative', { sku: 'CUP', qty: -1 })],
    ]);
  });

  it('stock going negative is flagged once per crossing', async () => {
    await start();
    const a = await hub.station('a', 'supervisor');
    const res = await a.push(adjust('d1', 'CUP', 1), adjust('d2', 'CUP', -2), adjust('d3', 'CUP', -1), adjust('d4', 'CUP', 5), adjust('d5', 'CUP', -9));
    expect(res.body.results.map((r) => r.outcome)).toEqual(['accepted', 'conflict', 'accepted', 'accepted', 'conflict']);
    // A re-sent delta (same id, new op) does not count twice.
    expect((await a.push(adjust('d4', 'CUP', 5))).body.results[0]!.outcome).toBe('accepted');
    const count = await a.push(op('stock.counted', { id: 'c', skuCode: 'CUP', countedQty: 0, knownQty: -6 }));
    const adjustment = (await pullAll(a)).find((e) => e.type === 'stock.delta' && e.stationId === 'hub');
    expect(adjustment?.payload['delta']).toBe(6); // 1 - 2 - 1 + 5 - 9 = -6 on the books, 0 on the shelf
    expect(count.body.results[0]!.outcome).toBe('accepted');
    expect(flagsIn(await pullAll(a)).map((f) => f.message)).toEqual([
      msg('flagText.stockNegative', { sku: 'CUP', qty: -1 }),
      msg('flagText.stockNegative', { sku: 'CUP', qty: -6 }),
    ]);
  });

  it('the damaged bucket going negative is flagged too: two offline benches disposing of the same damaged units', async () => {
    await start();
    const a = await hub.station('a', 'supervisor');
    const b = await hub.station('b', 'supervisor');
    // 3 units found broken on the shelf (a damaged adjustment moves them into the damaged bucket).
    const damagedAdjust = (id: string, bucket: 'sellable' | 'damaged', delta: number) =>
      op('stock.delta', { id, skuCode: 'CUP', delta, cause: 'adjust', ref: null, note: '', bucket, kind: 'damaged' });
    await a.push(adjust('in', 'CUP', 10), damagedAdjust('dmg-s', 'sellable', -3), damagedAdjust('dmg-d', 'damaged', 3));
    const dispose = (id: string, delta: number) => op('stock.delta', { id, skuCode: 'CUP', delta, cause: 'dispose', ref: null, note: '', bucket: 'damaged', kind: 'discarded' });
    // Each bench, offline, saw 3 damaged and threw them away; the second push takes the hub's count to −3.
    expect((await a.push(dispose('a-out', -3))).body.results[0]!.outcome).toBe('accepted');
    expect((await b.push(dispose('b-out', -3))).body.results[0]!.outcome).toBe('conflict');
    // Once per crossing: further below zero says nothing new; back up and down again does.
    await b.push(dispose('b-more', -1), damagedAdjust('back', 'damaged', 5), dispose('again', -2));
    expect(flagsIn(await pullAll(a)).map((f) => [f.kind, f.message])).toEqual([
      ['stock.negative', msg('flagText.damagedNegative', { sku: 'CUP', qty: -3 })],
      ['stock.negative', msg('flagText.damagedNegative', { sku: 'CUP', qty: -1 })],
    ]);
  });

  it('a cancelled order that already has a label, or gets one, is flagged', async () => {
    await start();
    const importer = await hub.station('office', 'admin');
    const packer = await hub.station('p');
    const order = (externalId: string, platformStatus: 'WAIT_SELLER_SEND_GOODS' | 'TRADE_CLOSED') =>
      ({ type: 'order.imported', payload: orderPayload(externalId, { platformStatus }) });
    await importer.push(order('5', 'WAIT_SELLER_SEND_GOODS'));
    await packer.push(ship('s1', 'taobao:5', 'YT0000000000051'));
    const cancelled = await importer.push(order('5', 'TRADE_CLOSED'));
    expect(cancelled.body.results[0]).toMatchObject({ outcome: 'conflict', reason: recorded('ship.after-cancel') });
    // An order already closed when its label is made; its second parcel is not flagged again.
    await importer.push(order('6', 'TRADE_CLOSED'));
    const late = await packer.push(
      ship('s2', 'taobao:6', 'YT0000000000061', { groupId: 'g6', parcelCount: 2 }),
      ship('s3', 'taobao:6', 'YT0000000000062', { groupId: 'g6', parcelNo: 2, parcelCount: 2 }),
    );
    expect(late.body.results.map((r) => r.reason)).toEqual([recorded('ship.after-cancel'), null]);
    expect(flagsIn(await pullAll(packer)).map((f) => f.message)).toEqual([
      msg('flagText.cancelledAfterLabel', { order: '5' }),
      msg('flagText.shippedCancelled', { order: '6', trackingNo: 'YT0000000000061' }),
    ]);
  });

  it('refuses what a station may never send, keeps it out of the log, flags the push once, and goes on with the next op', async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const forgedFlag = { flagId: 'f', kind: 'claim.conflict', orderId: null, stationIds: [], opIds: [], message: msg('flagText.claimConflict', { order: '1' }) };
    const forged = await a.push({ type: 'flag.raised', payload: forgedFlag }, { type: 'order.claimed', payload: { orderId: 'tb:1' } }, claim('tb:1'));
    expect(forged.body.results.map((r) => [r.stationSeq, r.hubSeq, r.outcome])).toEqual([[1, null, 'rejected'], [2, null, 'rejected'], [3, 1, 'accepted']]);
    expect(forged.body.results[0]!.reason).toEqual(msg('opRefusal.hubOnly', { type: opLabel('flag.raised') }));
    expect(forged.body.results[1]!.reason).toEqual(
      msg('opRefusal.invalid', { type: opLabel('order.claimed'), field: 'claimId', problem: msg('opProblem.invalid_type') }),
    );

    // A second station sending an op id already in the log (a cloned disk) is refused too.
    const dup = await b.push({ ...claim('tb:2'), opId: forged.body.results[2]!.opId });
    expect(dup.body.results[0]).toMatchObject({ outcome: 'rejected', hubSeq: null, reason: msg('opRefusal.duplicateOpId') });
    // Neither refused op is in the log: the forged flag is no flag, only the hub's own flags are.
    const log = await pullAll(b);
    expect(log.map((e) => [e.type, e.stationId])).toEqual([['order.claimed', a.stationId], ['flag.raised', 'hub'], ['flag.raised', 'hub']]);
    expect(flagsIn(log).map((f) => [f.kind, f.stationIds, f.opIds, f.message])).toEqual([
      ['op.rejected', [a.stationId], forged.body.results.slice(0, 2).map((r) => r.opId),
        msg('flagText.opRejected', { count: 2, type: opLabel('flag.raised'), reason: msg('opRefusal.hubOnly', { type: opLabel('flag.raised') }) })],
      ['op.rejected', [b.stationId], [forged.body.results[2]!.opId], msg('flagText.duplicateOpId', { opId: forged.body.results[2]!.opId })],
    ]);
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
      op('flag.resolved', { flagId: flag!.flagId, resolution: '交给 a 打包' }),
      op('flag.resolved', { flagId: 'no-such-flag', resolution: 'x' }),
      op('order.reopened', { orderId: 'tb:1', reason: '买家改地址' }),
    );
    expect(res.body.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['accepted', null],
      ['rejected', msg('opRefusal.unknownFlag')],
      ['accepted', null],
    ]);
    // A packer's station may not close a flag on its own.
    expect((await a.push(op('flag.resolved', { flagId: flag!.flagId }))).body.results[0]).toMatchObject({ outcome: 'rejected', reason: packerRefusal('flag.resolved') });
  });

  it('a badge given to two users keeps its first holder; the later user loses it and a supervisor is told', async () => {
    await start();
    const office = await hub.station('office', 'admin');
    const badge = 'a'.repeat(64);
    const res = await office.push(
      op('user.saved', { id: 'u-1', name: '小王', badgeHash: badge }),
      op('user.saved', { id: 'u-2', name: '小李', badgeHash: badge }),
      op('user.saved', { id: 'u-1', name: '小王', badgeHash: badge }), // the holder saved again: no clash
    );
    expect(res.body.results.map((r) => r.outcome)).toEqual(['accepted', 'conflict', 'accepted']);
    expect(flagsIn(await pullAll(office))).toEqual([
      expect.objectContaining({ kind: 'user.badge-clash', message: msg('flagText.badgeClash', { user: '小李', other: 'u-1' }) }),
    ]);
  });
});
