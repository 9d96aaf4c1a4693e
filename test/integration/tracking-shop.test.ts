import { describe, expect, it } from 'vitest';
import type { InboxKind, InboxRow } from '#shared/contract/inbox.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import type { TrackingEvent } from '#shared/domain/tracking';
import type { OpPayload } from '#shared/ops/index';
import { inTransaction } from '../../electron/host/db/open-database';
import { openHubDb } from '../../electron/hub/store/open-hub-db';
import { withLogWriter } from '../../electron/hub/sync/hub-log.repo';
import { hubBackends, startTestHub } from '../helpers/hub-db';
import { packAndShip, shippable, shopHarness, type Station, twoStationShop } from '../helpers/sync-shop';

/**
 * Tracking is the shop's: the hub writes what providers say (tracking.updated), a supervisor's
 * bench may import a file, and after sync every bench lists each tracking exception once, under
 * the same key; resolved at one bench it leaves the other, and one whose condition ends leaves by
 * itself. Delivered closes the parcel and, once all its parcels are, the order. The benches' clock
 * is set by the test (the inbox's thresholds are hours).
 */
const HOUR = 3_600_000;
const TRACKING_KINDS: readonly InboxKind[] = ['tracking-no-pickup', 'tracking-stalled', 'tracking-returned', 'tracking-problem', 'tracking-mismatch'];

describe.each(hubBackends)('tracking at the benches (%s)', (backend) => {
  const { storage, open, syncAll } = shopHarness(backend);
  const tracking = async (s: Station) => (await s.call('inbox.list', {})).rows.filter((r) => TRACKING_KINDS.includes(r.kind));
  const shared = (rows: InboxRow[]) => rows.map((r) => ({ key: r.key, kind: r.kind, orderId: r.orderId, trackingNo: r.trackingNo, carrier: r.carrierCode, evidence: r.evidence.key }));
  const kinds = (rows: InboxRow[]) => rows.map((r) => `${r.kind} ${r.trackingNo}`).sort();

  it('each tracking exception is raised once, shop-wide, after sync; resolved at one bench it leaves the other; delivered closes the order', async () => {
    const options = await storage.fresh();
    const hub = await startTestHub(options);
    open.push(hub);
    const clock = { offset: 0, now: () => Date.now() + clock.offset };
    const { a, b, orders } = await twoStationShop(hub, { now: clock.now });
    open.push(a.host, b.host);
    const { db: hubDb } = await openHubDb(options);
    open.push({ close: () => hubDb.destroy() });

    // Seven parcels, packed at either bench, all handed over to the courier an hour ago.
    const ready = orders.filter(shippable).slice(0, 7);
    const parcels: Shipment[] = [];
    for (const [i, o] of ready.entries()) parcels.push(await packAndShip(i % 2 ? b : a, o));
    await syncAll(a, b);
    const t0 = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    // Stand-in for the handover ops of issue 10 part 1 (another module): the same handover time at both benches.
    for (const s of [a, b]) {
      inTransaction(s.host.context.db, () => {
        for (const p of parcels) s.host.context.db.prepare('UPDATE shipments SET handed_over_at = ? WHERE id = ?').run(iso(t0 - HOUR), p.id);
      });
    }
    await a.call('inbox.saveSettings', { deadlineRiskHours: 6, poolLowFree: 300, pickupTime: '16:00', noPickupHours: 2, stalledHours: 5 });
    const [unscanned, stalled, returned, problem, elsewhere, otherCarrier, delivered] = parcels as [Shipment, Shipment, Shipment, Shipment, Shipment, Shipment, Shipment];
    const cityOf = (p: Shipment) => ready.find((o) => `taobao:${o.externalId}` === p.orderId)!.receiver.city;

    // What the providers said, as the hub writes it (its provider service is another module).
    const ev = (hoursAgo: number, state: TrackingEvent['state'], text: string, city = '杭州市'): TrackingEvent => ({ at: iso(t0 - hoursAgo * HOUR), state, text, city });
    const picked = ev(0.9, 'accepted', '【杭州市】快件已揽收');
    const update = (p: Shipment, over: Partial<OpPayload<'tracking.updated'>>): OpPayload<'tracking.updated'> => ({
      id: `trk-${p.trackingNo}-${Math.random().toString(36).slice(2, 8)}`, carrierCode: p.carrierCode, trackingNo: p.trackingNo, source: 'kuaidi100',
      state: 'in-transit', events: [picked], destCity: '', reportedCarrier: null, at: iso(t0), ...over,
    });
    const hubWrites = (...payloads: OpPayload<'tracking.updated'>[]) =>
      withLogWriter(hubDb, () => new Date(), async (w) => {
        for (const p of payloads) w.appendHubEntry('tracking.updated', p);
      });
    await hubWrites(
      update(stalled, { at: iso(t0 - 9 * HOUR), events: [ev(10, 'accepted', '快件已揽收'), ev(9, 'in-transit', '已发往上海')] }),
      update(returned, { state: 'returned', events: [picked, ev(0.5, 'returned', '收件人拒收，退回')] }),
      update(problem, { state: 'problem', events: [picked, ev(0.5, 'problem', '地址不详，联系不上收件人')] }),
      update(elsewhere, { destCity: cityOf(elsewhere).startsWith('乌鲁木齐') ? '拉萨市' : '乌鲁木齐市' }),
      update(otherCarrier, { reportedCarrier: 'ZTO' }),
      update(delivered, { state: 'delivered', at: iso(t0), events: [picked, ev(0.2, 'delivered', '【上海市】已签收，签收人：本人', '上海市')] }),
      // An older answer the hub wrote later: it rolls nothing back.
      update(delivered, { state: 'in-transit', at: iso(t0 - 0.5 * HOUR), events: [picked, ev(0.6, 'in-transit', '到达上海转运中心', '上海市')] }),
    );
    await syncAll(a, b);

    const atA = await tracking(a);
    expect(kinds(atA)).toEqual([
      `tracking-mismatch ${elsewhere.trackingNo}`, `tracking-mismatch ${otherCarrier.trackingNo}`, `tracking-problem ${problem.trackingNo}`,
      `tracking-returned ${returned.trackingNo}`, `tracking-stalled ${stalled.trackingNo}`,
    ].sort());
    expect(shared(await tracking(b))).toEqual(shared(atA));
    expect(atA.find((r) => r.kind === 'tracking-problem')).toMatchObject({
      key: `tracking:problem:${problem.id}`, severity: 'alarm', orderId: problem.orderId, carrierCode: 'YTO', target: 'shipments',
      evidence: { key: 'inbox.evidence.trackingProblem', params: { trackingNo: problem.trackingNo, last: { key: 'inbox.evidence.trackingLast', params: { text: '地址不详，联系不上收件人' } } } },
    });
    expect(atA.filter((r) => r.kind === 'tracking-mismatch').map((r) => r.evidence.key).sort()).toEqual(['inbox.evidence.trackingCarrier', 'inbox.evidence.trackingCity']);
    // The Orders list says the refused parcel's order is coming back, not plain 已发货.
    const listed = async (p: Shipment) => (await b.call('orders.list', { query: p.orderId.slice('taobao:'.length) })).orders.find((o) => o.id === p.orderId);
    expect((await listed(returned))?.returned).toBe(true);
    expect((await listed(problem))?.returned).toBe(false);

    // Two more hours and the courier still has not scanned the first parcel: it looks like a fake shipment to the platform.
    clock.offset = 2 * HOUR;
    for (const s of [a, b]) {
      const rows = (await s.call('inbox.list', { kind: 'tracking-no-pickup' })).rows;
      expect(rows.map((r) => [r.key, r.severity, r.trackingNo])).toEqual([[`tracking:no-pickup:${unscanned.id}`, 'alarm', unscanned.trackingNo]]);
      const counts = await s.call('inbox.counts', {});
      for (const kind of ['tracking-no-pickup', 'tracking-stalled', 'tracking-returned', 'tracking-problem'] as const) expect(counts.byKind[kind], kind).toBe(1);
      expect(counts.byKind['tracking-mismatch']).toBe(2);
    }

    // Delivered closes the parcel and its order, at both benches; the newer answer stood.
    for (const s of [a, b]) {
      const order = await s.call('orders.get', { id: delivered.orderId });
      expect(order.deliveredAt).toBe(iso(t0 - 0.2 * HOUR));
      expect((await s.call('orders.list', { state: 'delivered' })).orders.map((o) => o.id)).toEqual([delivered.orderId]);
      const listed = (await s.call('shipments.list', { query: delivered.trackingNo })).shipments[0]!;
      expect(listed.tracking).toEqual({ state: 'delivered', lastEventAt: iso(t0 - 0.2 * HOUR) });
      const [status] = (await s.call('tracking.status', { ref: delivered.trackingNo })).parcels;
      expect(status).toMatchObject({ state: 'delivered', orderId: delivered.orderId, source: 'kuaidi100' });
      expect(status!.events.map((e) => e.text)).toEqual(['【上海市】已签收，签收人：本人', '到达上海转运中心', '【杭州市】快件已揽收']);
    }

    // A packer cannot close a row; the supervisor at A does, with a note, and it leaves B too.
    const problemKey = `tracking:problem:${problem.id}`;
    await expect(b.call('inbox.resolve', { key: problemKey, note: '看过了' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await a.call('inbox.resolve', { key: problemKey, note: '已联系快递改地址' });
    // The courier's site shows the first parcel picked up after all: the supervisor imports it (no internet needed).
    const csv = `运单号,快递公司,时间,状态,轨迹\r\n${unscanned.trackingNo},圆通速递,${beijing(t0 + HOUR)},已揽收,快件已揽收\r\n`;
    const report = await a.call('tracking.import', { file: { name: '轨迹.csv', base64: Buffer.from(csv).toString('base64') } });
    expect(report).toMatchObject({ rejected: false, rowsRead: 1, parcels: 1, unknownParcels: 0 });
    // The stalled parcel moves again (a newer answer at the hub).
    await hubWrites(update(stalled, { at: iso(t0 + HOUR), events: [ev(-1, 'out-for-delivery', '派送中')], state: 'out-for-delivery' }));
    await syncAll(a, b);

    const after = await tracking(b);
    expect(kinds(after)).toEqual([
      `tracking-mismatch ${elsewhere.trackingNo}`, `tracking-mismatch ${otherCarrier.trackingNo}`, `tracking-returned ${returned.trackingNo}`,
    ].sort());
    expect(shared(await tracking(a))).toEqual(shared(after));
    const resolved = (await b.call('inbox.resolved', {})).resolutions.find((r) => r.key === problemKey);
    expect(resolved).toMatchObject({ kind: 'tracking-problem', note: '已联系快递改地址', bench: { name: '打包台 A' } });
  });
});

/** A Beijing wall-clock time as a file writes it. */
function beijing(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
}
