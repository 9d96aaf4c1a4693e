import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { msg, type Message } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open-database';
import { createDashboardService } from './dashboard.service';

/**
 * The dashboard's figures on a seeded station, checked to the unit. "Now" is 2026-03-10 14:00 in
 * Beijing (06:00 UTC): Beijing's 10 March began at 2026-03-09T16:00Z, so a parcel at 16:30Z on the
 * 9th counts for today, at 00:xx.
 */
const NOW = Date.parse('2026-03-10T06:00:00.000Z');
let db: Db;

function seed(d: Db) {
  const order = d.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name, receiver_mobile, receiver_phone,
    province, city, district, address_detail, zip, buyer_message, seller_memo, ship_deadline, carrier_name, tracking_no, pack_state, blocked_reason,
    content_hash, imported_at, updated_at) VALUES (@id, 'taobao', @id, 'WAIT_SELLER_SEND_GOODS', 'b', 'r', '', '', '', '', '', '', '', '', '', @deadline, '', '',
    @state, @blocked, 'h', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`);
  const parcel = d.prepare(`INSERT INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, packer_id, created_at, voided_at)
    VALUES (@id, @order, @carrier, @id, 1, 1, @packer, @at, @voided)`);
  const scan = d.prepare(`INSERT INTO scan_events (id, order_id, packer_id, code, outcome, units, at) VALUES (@id, @order, @packer, 'c', @outcome, @units, @at)`);
  const report = d.prepare(`INSERT INTO damage_reports (id, order_id, sku_code, qty, description, photo_hashes, reason, shipment_id, reported_at)
    VALUES (@id, NULL, @sku, @qty, '', '[]', @reason, @shipment, @at)`);
  d.prepare("INSERT INTO users (id, name, role, created_at) VALUES ('u1', '小王', 'packer', ''), ('u2', '小李', 'packer', '')").run();
  d.prepare("INSERT INTO skus (code, name, updated_at) VALUES ('SKU-1', '保温杯', ''), ('SKU-2', '洗发水', '')").run();
  const cancelled = JSON.stringify(msg('blocked.reasons.TRADE_CLOSED'));
  for (const [id, deadline, state, blocked] of [
    ['o1', '2026-03-10T10:00:00.000Z', 'shipped', null], // shipped on time today
    ['o2', '2026-03-10T01:00:00.000Z', 'shipped', null], // shipped late today
    ['o3', '2026-03-09T08:00:00.000Z', 'open', null], // late, still open
    ['o4', '2026-03-11T08:00:00.000Z', 'open', null], // waiting, in time
    ['o5', '2026-03-08T08:00:00.000Z', 'open', cancelled], // closed by the platform: neither waiting nor late
    ['o6', '2026-03-20T00:00:00.000Z', 'shipped', null],
    ['o7', '2026-03-09T10:00:00.000Z', 'shipped', null], // shipped late on the 9th
    ['o8', '2026-03-10T08:00:00.000Z', 'shipped', null],
  ] as const) order.run({ id, deadline, state, blocked });
  for (const p of [
    { id: 'YT1', order: 'o1', carrier: 'YTO', packer: 'u1', at: '2026-03-10T02:00:00.000Z', voided: null },
    { id: 'ZT2', order: 'o2', carrier: 'ZTO', packer: 'u1', at: '2026-03-10T03:30:00.000Z', voided: null },
    { id: 'YT6x', order: 'o6', carrier: 'YTO', packer: 'u2', at: '2026-03-09T04:00:00.000Z', voided: '2026-03-09T04:10:00.000Z' },
    { id: 'YT6', order: 'o6', carrier: 'YTO', packer: 'u2', at: '2026-03-09T05:00:00.000Z', voided: null },
    { id: 'YT7', order: 'o7', carrier: 'YTO', packer: 'u2', at: '2026-03-09T15:30:00.000Z', voided: null },
    { id: 'YT8', order: 'o8', carrier: 'YTO', packer: 'u2', at: '2026-03-09T16:30:00.000Z', voided: null },
  ]) parcel.run(p);
  // 小王 today: o1 scanned at a steady pace with one wrong item; a 10-minute break; o2 with an over-scan and a forced line.
  for (const [id, order, outcome, units, at] of [
    ['s1', 'o1', 'verified', 1, '2026-03-10T01:58:00.000Z'],
    ['s2', 'o1', 'verified', 1, '2026-03-10T01:58:06.000Z'],
    ['s3', 'o1', 'wrong_item', 0, '2026-03-10T01:58:10.000Z'],
    ['s4', 'o1', 'verified', 2, '2026-03-10T01:58:20.000Z'],
    ['s5', 'o2', 'verified', 1, '2026-03-10T02:08:20.000Z'],
    ['s6', 'o2', 'over_scan', 0, '2026-03-10T02:08:30.000Z'],
    ['s7', 'o2', 'forced', 3, '2026-03-10T02:08:34.000Z'],
    ['s8', 'o1', 'verified', 1, '2026-03-08T01:00:00.000Z'], // before the week: never counted
  ] as const) scan.run({ id, order, packer: 'u1', outcome, units, at });
  for (const r of [
    { id: 'r1', sku: 'SKU-1', qty: 2, reason: 'broken', shipment: 'YT1', at: '2026-03-10T04:00:00.000Z' },
    { id: 'r2', sku: 'SKU-2', qty: 1, reason: 'leaking', shipment: null, at: '2026-03-09T02:00:00.000Z' },
    { id: 'r3', sku: 'SKU-1', qty: 1, reason: 'broken', shipment: null, at: '2026-03-10T05:00:00.000Z' },
  ]) report.run(r);
}

beforeAll(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-dash-')), 'station.db'));
  migrate(db, migrations);
  seed(db);
});

describe('the dashboard on a seeded station', () => {
  it('today: parcels by Beijing hour, what waits and what is late, each packer\'s pace and errors, carriers, damage', () => {
    const d = createDashboardService(db, () => NOW).get('today');
    expect(d).toMatchObject({ range: 'today', from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T06:00:00.000Z', days: ['2026-03-10'] });
    expect(d.kpi).toEqual({ shipped: 3, partial: 0, parcels: 3, handedOver: null, awaiting: 2, late: 1, shippedLate: 1, doubleShipped: 0 });
    const hours = Array<number>(24).fill(0);
    hours[0] = 1; // o8, 00:30 Beijing
    hours[10] = 1;
    hours[11] = 1;
    expect(d.shippedByHour).toEqual(hours);
    expect(d.shippedByDay).toEqual([3]);
    expect(d.lateByDay).toEqual([1]);
    expect(d.carriers).toEqual([{ carrierCode: 'YTO', parcels: 2 }, { carrierCode: 'ZTO', parcels: 1 }]);
    expect(d.packers).toEqual([
      {
        packerId: 'u1', name: '小王', orders: 2, units: 8, activeMinutes: 0.6, ordersPerHour: 211.8, unitsPerHour: 847.1, secondsPerScan: 6.8,
        itemScans: 7, errors: { wrong_item: 1, over_scan: 1, unknown_barcode: 0, forced: 1 },
      },
      {
        packerId: 'u2', name: '小李', orders: 1, units: 0, activeMinutes: 0, ordersPerHour: null, unitsPerHour: null, secondsPerScan: null,
        itemScans: 0, errors: { wrong_item: 0, over_scan: 0, unknown_barcode: 0, forced: 0 },
      },
    ]);
    expect(d.damage).toEqual({
      reports: 2,
      byDay: { broken: [2], leaking: [0], 'missing-parts': [0], 'wrong-item': [0], 'outer-box': [0], other: [0] },
      bySku: [{ skuCode: 'SKU-1', name: '保温杯', reports: 2, units: 3 }],
      byCarrier: [{ carrierCode: 'YTO', reports: 1 }, { carrierCode: null, reports: 1 }],
    });
  });

  it('seven days: one point per Beijing day, a voided parcel never counted, late orders on their deadline\'s day', () => {
    const d = createDashboardService(db, () => NOW).get('7d');
    expect(d.days).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(d.from).toBe('2026-03-03T16:00:00.000Z');
    expect(d.kpi).toEqual({ shipped: 5, partial: 0, parcels: 5, handedOver: null, awaiting: 2, late: 1, shippedLate: 2, doubleShipped: 0 });
    expect(d.shippedByDay).toEqual([0, 0, 0, 0, 0, 2, 3]);
    // The 9th: o3 (still open) and o7 (shipped after); the 10th: o2. o5 was closed by the platform.
    expect(d.lateByDay).toEqual([0, 0, 0, 0, 0, 2, 1]);
    expect(d.carriers).toEqual([{ carrierCode: 'YTO', parcels: 4 }, { carrierCode: 'ZTO', parcels: 1 }]);
    expect(d.damage.byDay.broken).toEqual([0, 0, 0, 0, 0, 0, 2]);
    expect(d.damage.byDay.leaking).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(d.damage.bySku.map((s) => [s.skuCode, s.reports, s.units])).toEqual([['SKU-1', 2, 3], ['SKU-2', 1, 1]]);
    expect(d.packers.map((p) => [p.name, p.orders])).toEqual([['小李', 3], ['小王', 2]]);
  });
});

describe('once the shop hands parcels over, a parcel leaves when the courier takes it', () => {
  it('counts a parcel printed in time but handed over after the deadline as late, and one still on the bench past it as late', () => {
    const d2 = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-dash-')), 'station.db'));
    migrate(d2, migrations);
    seed(d2);
    d2.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name, receiver_mobile, receiver_phone,
      province, city, district, address_detail, zip, buyer_message, seller_memo, ship_deadline, carrier_name, tracking_no, pack_state,
      content_hash, imported_at, updated_at) VALUES ('o9', 'taobao', 'o9', 'WAIT_SELLER_SEND_GOODS', 'b', 'r', '', '', '', '', '', '', '', '', '',
      '2026-03-10T03:00:00.000Z', '', '', 'shipped', 'h', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`).run();
    d2.prepare(`INSERT INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, created_at)
      VALUES ('YT9', 'o9', 'YTO', 'YT9', 1, 1, '2026-03-10T02:30:00.000Z')`).run();
    // Test setup only (the handover screen stamps these): the first handover on the 9th at 14:00 Beijing.
    const handOver = d2.prepare('UPDATE shipments SET handed_over_at = ? WHERE id = ?');
    handOver.run('2026-03-09T06:00:00.000Z', 'YT6');
    handOver.run('2026-03-10T05:00:00.000Z', 'YT1'); // o1: in time
    handOver.run('2026-03-10T05:30:00.000Z', 'ZT2'); // o2: late, as printed
    handOver.run('2026-03-10T04:00:00.000Z', 'YT9'); // o9: printed 02:30 in time, left 04:00, an hour after its deadline
    // YT7 (o7, due the 9th) and YT8 (o8, due later today) were printed after the first handover and never handed over.
    const today = createDashboardService(d2, () => NOW).get('today');
    expect(today.kpi.late).toBe(2); // o3 open, o7 packed but still here
    expect(today.kpi.shippedLate).toBe(2); // o2 and o9
    expect(today.lateByDay).toEqual([2]);
    const week = createDashboardService(d2, () => NOW).get('7d');
    // o7 no longer counts as shipped late on the 9th: it has not left; it is late on its deadline's day all the same.
    expect(week.kpi.shippedLate).toBe(2);
    expect(week.lateByDay).toEqual([0, 0, 0, 0, 0, 2, 2]);
    d2.close();
  });
});

describe('an order shipped in more than one parcel counts as shipped on the day its last parcel left', () => {
  it('counts a partial shipment beside the shipped orders, never as one, in the tile and the charts alike', () => {
    const d3 = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-dash-')), 'station.db'));
    migrate(d3, migrations);
    seed(d3);
    const order = d3.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name, receiver_mobile, receiver_phone,
      province, city, district, address_detail, zip, buyer_message, seller_memo, ship_deadline, carrier_name, tracking_no, pack_state,
      content_hash, imported_at, updated_at) VALUES (@id, 'taobao', @id, 'WAIT_SELLER_SEND_GOODS', 'b', 'r', '', '', '', '', '', '', '', '', '',
      '2026-03-12T00:00:00.000Z', '', '', @state, 'h', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`);
    const parcel = d3.prepare(`INSERT INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, partial, packer_id, created_at)
      VALUES (@id, @order, 'YTO', @id, 1, 1, @partial, 'u1', @at)`);
    order.run({ id: 'p1', state: 'open' }); // a part left today, the rest still on the shelf
    order.run({ id: 'p2', state: 'shipped' }); // a part left on the 9th, the rest today
    order.run({ id: 'p3', state: 'shipped' }); // a part today, the rest today
    for (const p of [
      { id: 'P1a', order: 'p1', partial: 1, at: '2026-03-10T01:00:00.000Z' },
      { id: 'P2a', order: 'p2', partial: 1, at: '2026-03-09T03:00:00.000Z' },
      { id: 'P2b', order: 'p2', partial: 0, at: '2026-03-10T04:30:00.000Z' },
      { id: 'P3a', order: 'p3', partial: 1, at: '2026-03-09T17:00:00.000Z' },
      { id: 'P3b', order: 'p3', partial: 0, at: '2026-03-10T05:00:00.000Z' },
      // o7 shipped on the 9th; a second complete parcel today (a reship) does not ship it again.
      { id: 'YT7r', order: 'o7', partial: 0, at: '2026-03-10T05:30:00.000Z' },
    ]) parcel.run(p);
    const today = createDashboardService(d3, () => NOW).get('today');
    // o1, o2, o8 as before, and p2, p3 (each on its last parcel); p1 is told apart; every live parcel counts.
    expect(today.kpi).toMatchObject({ shipped: 5, partial: 1, parcels: 8 });
    // The packers table adds up to the tile: p1's part shipped is no order shipped.
    expect(today.packers.reduce((n, p) => n + p.orders, 0)).toBe(5);
    const hours = Array<number>(24).fill(0);
    hours[0] = 1; // o8
    hours[10] = 1; // o1
    hours[11] = 1; // o2
    hours[12] = 1; // p2 (04:30Z)
    hours[13] = 1; // p3 (05:00Z), not at 01:00 when its first part left
    expect(today.shippedByHour).toEqual(hours);
    expect(today.shippedByDay).toEqual([5]);
    const week = createDashboardService(d3, () => NOW).get('7d');
    // p2 is shipped once, on the 10th, not also on the 9th when its first part left.
    expect(week.kpi).toMatchObject({ shipped: 7, partial: 1 });
    expect(week.shippedByDay).toEqual([0, 0, 0, 0, 0, 2, 5]);
    d3.close();
  });

  it('at a bench: the first of two parcels leaves 0 shipped and 1 partial; the second 1 shipped, 0 partial, as the Orders screen says', async () => {
    const ctx = await stationWithOrders(20);
    const { call } = ctx;
    await call('settings.update', { autoCompleteOnLastScan: false });
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length >= 2 && new Set(o.lines.map((l) => l.skuCode)).size === o.lines.length)!;
    // The tile and Orders → 已发货 over today's orders (every order here shipped today, if at all).
    const figures = async () => {
      const d = await call('dashboard.get', { range: 'today' });
      const listed = await call('orders.list', { query: '', state: 'shipped' });
      return { shipped: d.kpi.shipped, partial: d.kpi.partial, listed: listed.total, byHour: d.shippedByHour.reduce((s, n) => s + n, 0) };
    };
    const [first, ...rest] = order.lines;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (let i = 0; i < first!.qty; i++) await call('bench.scan', { code: barcodeOf(first!.skuCode!), source: 'wedge' });
    await call('bench.ship', { parcelCount: 1, partial: true });
    expect(await figures()).toEqual({ shipped: 0, partial: 1, listed: 0, byHour: 0 });

    for (const line of rest) for (let i = 0; i < line.qty; i++) await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    await call('bench.ship', { parcelCount: 1, partial: false });
    expect(await figures()).toEqual({ shipped: 1, partial: 0, listed: 1, byHour: 1 });
    expect((await call('orders.list', { query: '', state: 'shipped' })).orders.map((o) => o.externalId)).toEqual([order.externalId]);
    expect((await call('dashboard.get', { range: 'today' })).kpi.parcels).toBe(2);
  });
});

describe('orders shipped at two benches', () => {
  it('the shipped tile counts the orders whose double shipment is still open, once each, and forgets one a supervisor closed', () => {
    const flag = db.prepare(`INSERT INTO flags (flag_id, kind, order_id, station_ids, op_ids, detail, raised_at, hub_seq, resolution, resolved_at)
      VALUES (?, ?, ?, '[]', '[]', '{}', '2026-03-10T03:00:00.000Z', ?, ?, NULL)`);
    flag.run('f1', 'ship.double', 'o1', 1, null);
    flag.run('f2', 'ship.double', 'o1', 2, null); // raised again for a third parcel: still one order
    flag.run('f3', 'ship.double', 'o2', 3, '作废了 B 的面单');
    flag.run('f4', 'claim.conflict', 'o4', 4, null);
    expect(createDashboardService(db, () => NOW).get('today').kpi.doubleShipped).toBe(1);
    db.prepare('DELETE FROM flags').run();
  });
});

describe('factory administrators who packed', () => {
  it("each 管理员 in the packers' table is said with its bench, this bench's own too, as the users list says them", () => {
    db.prepare("UPDATE users SET name = '管理员', role = 'admin', bench_of = CASE id WHEN 'u1' THEN 'st-here' ELSE 'st-b' END").run();
    try {
      const otherBench = (id: string) => (id === 'st-b' ? '打包台B' : null);
      const names = createDashboardService(db, () => NOW, otherBench).get('today').packers.map((p) => p.name);
      const admin = msg('roles.admin');
      expect(names).toEqual([msg('users.withBench', { name: admin, bench: msg('users.thisBench') }), msg('users.withBench', { name: admin, bench: '打包台B' })]);
      expect(names.map((n) => createTranslator('zh-CN').t(n as Message))).toEqual(['管理员 · 本机', '管理员 · 打包台B']);
    } finally {
      db.prepare("UPDATE users SET name = CASE id WHEN 'u1' THEN '小王' ELSE '小李' END, role = 'packer', bench_of = NULL").run();
    }
  });
});

describe('a shop that hands its parcels over (交接)', () => {
  it('says how many of the range\'s live parcels a courier took, beside the parcels packed; nothing for a shop that never handed one over', () => {
    expect(createDashboardService(db, () => NOW).get('today').kpi.handedOver).toBeNull();
    // Today's YT1 and YT8 went with the courier, ZT2 is still on the shelf; YT6 was handed over on the 9th.
    const handOver = db.prepare('UPDATE shipments SET handed_over_at = ? WHERE id = ?');
    handOver.run('2026-03-10T04:00:00.000Z', 'YT1');
    handOver.run('2026-03-10T04:00:00.000Z', 'YT8');
    handOver.run('2026-03-09T08:00:00.000Z', 'YT6');
    try {
      expect(createDashboardService(db, () => NOW).get('today').kpi).toMatchObject({ shipped: 3, parcels: 3, handedOver: 2 });
      expect(createDashboardService(db, () => NOW).get('7d').kpi).toMatchObject({ parcels: 5, handedOver: 3 });
    } finally {
      db.prepare('UPDATE shipments SET handed_over_at = NULL').run();
    }
  });
});
