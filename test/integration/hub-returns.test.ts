import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { hubBackends, hubStorage, startTestHub, type TestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';
import { packAndShip, shippable, twoStationShop } from '../helpers/sync-shop';

const returned = (id: string, items: { skuCode: string; qty: number; condition: 'good' | 'defective' | 'missing' }[], over = {}) =>
  op('return.received', { id, items: items.map((i) => ({ ...i, reason: i.condition === 'defective' ? ('broken' as const) : null })), ...over });
const back = (id: string, ref: string, skuCode: string, delta: number, bucket: 'sellable' | 'damaged' = 'sellable') =>
  op('stock.delta', { id, skuCode, delta, cause: 'return', ref, note: '', bucket });
const notOwn = ['rejected', msg('opRefusal.notOwnReturn')];

describe.each(hubBackends)('returns at the hub (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());
  const start = async () => (hub = await startTestHub(await storage.fresh()));

  it("a packer's bench books returned units only as a return it received lists them", async () => {
    await start();
    const a = await hub.station('a');
    const b = await hub.station('b');
    const sup = await hub.station('s', 'supervisor');
    const r = returned('ret-1', [{ skuCode: 'CUP', qty: 2, condition: 'good' }, { skuCode: 'MUG', qty: 1, condition: 'defective' }, { skuCode: 'BOWL', qty: 1, condition: 'missing' }]);
    const own = await a.push(r, back('d1', 'ret-1', 'CUP', 2), back('d2', 'ret-1', 'MUG', 1, 'damaged'));
    expect(own.body.results.map((x) => x.outcome)).toEqual(['accepted', 'accepted', 'accepted']);

    const refused = await a.push(
      back('d3', 'ret-1', 'CUP', 1), // the return listed 2, both booked already
      back('d4', 'ret-1', 'MUG', 1), // defective: the damaged bucket, not the shelf
      back('d5', 'ret-1', 'BOWL', 1), // missing: nothing came back
      back('d6', 'ret-1', 'CUP', -1), // a return brings units in
      back('d7', 'no-such-return', 'CUP', 1),
    );
    expect(refused.body.results.map((x) => [x.outcome, x.reason])).toEqual([notOwn, notOwn, notOwn, notOwn, notOwn]);
    // Another bench cannot book against a's return; a supervisor's bench may move stock as it sees fit.
    expect((await b.push(back('d8', 'ret-1', 'CUP', 1))).body.results.map((x) => [x.outcome, x.reason])).toEqual([notOwn]);
    expect((await sup.push(back('d9', 'ret-1', 'CUP', 1))).body.results[0]!.outcome).toBe('accepted');
    // The same delta again (a resend) is not counted against the return twice.
    expect((await a.push(back('d1', 'ret-1', 'CUP', 2))).body.results[0]!.outcome).toBe('accepted');
  });

  it('a return is written once: the same again is accepted, a changed one refused; an unknown return carries no order', async () => {
    await start();
    const a = await hub.station('a');
    const r = returned('ret-2', [{ skuCode: 'CUP', qty: 1, condition: 'good' }]);
    expect((await a.push(r)).body.results[0]!.outcome).toBe('accepted');
    expect((await a.push({ ...r, opId: 'resend-1' })).body.results[0]!.outcome).toBe('accepted');
    const changed = returned('ret-2', [{ skuCode: 'CUP', qty: 5, condition: 'good' }]);
    expect((await a.push(changed)).body.results[0]).toMatchObject({ outcome: 'rejected', reason: msg('opRefusal.returnImmutable') });
    const unknown = returned('ret-3', [], { orderId: null, shipmentId: null, trackingNo: 'SF1400000000099', note: '无单退件' });
    expect((await a.push(unknown)).body.results[0]!.outcome).toBe('accepted');
    // A known order's return says what came back.
    const empty = returned('ret-4', []);
    expect((await a.push(empty)).body.results[0]).toMatchObject({ outcome: 'rejected' });
  });

  it('a return received at packer bench B reaches bench A: the return, its damage report, the shelf and the damaged bucket add up', async () => {
    await start();
    const { a, b, orders } = await twoStationShop(hub);
    const order = orders.find((o) => shippable(o) && o.lines.length === 2 && o.lines[0]!.skuCode !== o.lines[1]!.skuCode && o.lines.every((l) => l.qty === 1))!;
    const parcel = await packAndShip(b, order);
    const [good, bad] = order.lines.map((l) => l.skuCode!) as [string, string];
    const received = await b.call('returns.receive', {
      ref: parcel.trackingNo,
      items: [{ skuCode: good, qty: 1, condition: 'good' }, { skuCode: bad, qty: 1, condition: 'defective', reason: 'broken' }],
      note: '外箱破损，杯子碎了',
    });
    // The parcel's label was printed meanwhile (its op too): everything B did goes up in one sync.
    await b.host.context.labels.idle();
    await b.sync();
    await a.sync();
    const stockAt = async (s: typeof a) => {
      const skus = (await s.call('catalog.list', { query: '', limit: 100, offset: 0 })).skus;
      const of = (code: string) => skus.find((k) => k.code === code)!;
      return { good: [of(good).onHand, of(good).damaged], bad: [of(bad).onHand, of(bad).damaged] };
    };
    // 100 at the start, one of each shipped, the good one back on the shelf, the broken one apart.
    const expected = { good: [100, 0], bad: [99, 1] };
    expect(await stockAt(b)).toEqual(expected);
    expect(await stockAt(a)).toEqual(expected);
    expect((await b.call('sync.status', {})).pendingOps).toBe(0);

    const atA = (await a.call('returns.list', {})).returns;
    expect(atA).toHaveLength(1);
    expect(atA[0]).toMatchObject({
      id: received.id, orderExternalId: order.externalId, shipmentId: parcel.id, parcelTrackingNo: parcel.trackingNo, unknown: false,
      bench: { name: '打包台 B', thisBench: false }, damageReportIds: received.damageReportIds,
    });
    expect(atA[0]!.items.map((i) => [i.skuCode, i.condition])).toEqual([[good, 'good'], [bad, 'defective']]);
    const report = (await a.call('damage.list', { filter: 'open' })).reports.find((r) => r.returnId === received.id);
    expect(report).toMatchObject({ source: 'return', skuCode: bad, shipmentId: parcel.id, bench: { name: '打包台 B' } });
  });
});
