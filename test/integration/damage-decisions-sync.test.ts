import { describe, expect, it } from 'vitest';
import { sayName, type NameSaid } from '#shared/domain/factory-names';
import { createTranslator } from '#shared/i18n/translator';
import { barcodeOf } from '../host/host-client';
import { hubBackends } from '../helpers/hub-db';
import { hubShops } from '../helpers/paired-host';
import { packAndShip, pairedStation, shippable, SKUS, twoStationShop, YTO, type Station } from '../helpers/sync-shop';

/** Shelf and damaged units of every SKU, as a bench's catalog shows them. */
const stockAt = async (s: Station) =>
  Object.fromEntries((await s.call('catalog.list', { query: '', limit: 100, offset: 0 })).skus.map((k) => [k.code, `${k.onHand}/${k.damaged}`]));
const flagsAt = async (s: Station) => (await s.call('flags.list', { open: true })).flags;
/** A person's name as a reader of that language is shown it. */
const said = (name: NameSaid | null, lang: 'zh-CN' | 'en' = 'zh-CN') => (name === null ? null : sayName(createTranslator(lang).t, name));
const syncAll = async (...stations: Station[]) => {
  // Twice round: what one bench pushes in the first pass the others pull in the second.
  for (let i = 0; i < 2; i++) for (const s of stations) await s.sync();
};

describe.each(hubBackends)('damage decisions at several benches through a hub on %s', (backend) => {
  const fresh = hubShops(backend);

  /** A (supervisor), B (packer) and C (a second supervisor's bench). */
  async function shop() {
    const { hub, keep } = await fresh();
    const two = await twoStationShop(hub);
    const c = await pairedStation(hub, '主管台 C', 'supervisor');
    for (const s of [two.a, two.b, c]) keep(s.host);
    await syncAll(two.a, two.b, c);
    return { hub, ...two, c };
  }

  it('a write-off at one bench moves stock at every bench; two supervisors deciding blind stay flagged and stock still adds up everywhere', async () => {
    const { a, b, c } = await shop();
    const sku = SKUS[0]!;
    const r = await b.call('damage.report', { orderRef: null, skuCode: sku, qty: 2, reason: 'broken', note: '货架上摔了' });
    await syncAll(b, a, c);
    await a.call('damage.decide', { reportId: r.id, decision: 'write-off' });
    await syncAll(a, b, c);
    for (const s of [a, b, c]) expect((await stockAt(s))[sku], s.name).toBe('98/2');

    // A and C, both offline from each other, change the decision differently: both undo the write-off.
    await a.call('damage.decide', { reportId: r.id, decision: 'restock', note: 'A: 还能卖' });
    await c.call('damage.decide', { reportId: r.id, decision: 'reject', note: 'C: 报错了' });
    await syncAll(a, c, b);
    for (const s of [a, b, c]) expect((await stockAt(s))[sku], s.name).toBe('100/0');
    for (const s of [a, b, c]) expect((await flagsAt(s)).map((f) => f.kind), s.name).toContain('damage.conflicting-decisions');

    // Both write off another report blind: the unit is written off once, not twice.
    const r2 = await b.call('damage.report', { orderRef: null, skuCode: sku, qty: 1, reason: 'leaking', note: '' });
    await syncAll(b, a, c);
    await a.call('damage.decide', { reportId: r2.id, decision: 'write-off' });
    await c.call('damage.decide', { reportId: r2.id, decision: 'write-off' });
    await syncAll(a, c, b);
    for (const s of [a, b, c]) expect((await stockAt(s))[sku], s.name).toBe('99/1');
    const stocks = await Promise.all([a, b, c].map(stockAt));
    expect(stocks[1]).toEqual(stocks[0]);
    expect(stocks[2]).toEqual(stocks[0]);
  });

  it('every bench shows who reported a damage and who decided it (the shop\'s users); a user only one bench knows is its bench\'s local user elsewhere', async () => {
    const { hub, a, b, c, orders } = await shop();
    const office = await pairedStation(hub, '办公室', 'admin');
    await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await syncAll(office, a, b, c);
    await b.call('session.login', { pin: '2468' });
    await a.call('session.login', { pin: '5678' });
    const sku = SKUS[0]!;
    const byShopUser = await b.call('damage.report', { orderRef: null, skuCode: sku, qty: 1, reason: 'broken', note: '' });
    await syncAll(b, a, c, office);
    await a.call('damage.decide', { reportId: byShopUser.id, decision: 'write-off' });
    // B's own factory administrator: a user of that bench alone, whom the hub does not know.
    await b.call('session.login', { pin: '0000' });
    const byBenchUser = await b.call('damage.report', { orderRef: null, skuCode: sku, qty: 1, reason: 'leaking', note: '' });
    await syncAll(a, b, c, office);

    for (const s of [a, b, c, office]) {
      const seen = await s.call('damage.get', { id: byShopUser.id });
      expect([seen.report.reportedBy, seen.report.decision?.decidedBy], s.name).toEqual(['小王', '李主管']);
      // B's factory administrator, said in the reader's language at B; elsewhere a local user of B's, not a dash (nor B itself).
      expect(said((await s.call('damage.get', { id: byBenchUser.id })).report.reportedBy), s.name).toBe(s === b ? '管理员' : '打包台 B的本机用户');
    }
    expect(said((await a.call('damage.get', { id: byBenchUser.id })).report.reportedBy, 'en')).toBe('Local user of 打包台 B');

    // A's own factory administrator (A is a supervisor bench: the hub never learns its users) files a claim and takes in a return;
    // the admin station's administrator (a user of the shop's) reports a damage.
    await a.call('session.login', { pin: '0000' });
    await a.call('damage.decide', { reportId: byBenchUser.id, decision: 'claim', amountFen: 1200, carrierCode: 'YTO', trackingNo: YTO[1199] });
    const order = orders.find((o) => shippable(o) && o.lines.length === 1)!;
    const parcel = await packAndShip(a, order);
    const back = await a.call('returns.receive', { ref: parcel.trackingNo, items: [{ skuCode: order.lines[0]!.skuCode!, qty: 1, condition: 'good' }] });
    const byOffice = await office.call('damage.report', { orderRef: null, skuCode: sku, qty: 1, reason: 'broken', note: '' });
    await a.host.context.labels.idle();
    await syncAll(a, office, b, c);
    for (const s of [b, c]) {
      expect(said((await s.call('damage.get', { id: byBenchUser.id })).report.decision!.decidedBy), s.name).toBe('打包台 A的本机用户');
      expect(said((await s.call('claims.list', {})).claims.find((x) => x.id === byBenchUser.id)!.filedBy), s.name).toBe('打包台 A的本机用户');
      expect(said((await s.call('returns.get', { id: back.id })).receivedBy), s.name).toBe('打包台 A的本机用户');
      expect(said((await s.call('damage.get', { id: byOffice.id })).report.reportedBy), s.name).toBe('管理员 · 办公室');
    }
    expect(said((await a.call('returns.get', { id: back.id })).receivedBy)).toBe('管理员');
  });

  it('a reship decided at one bench is packed at another: a new parcel with a new number, linked, stock out once, not a double ship; two parcels for one reship are', async () => {
    const { a, b, c, orders } = await shop();
    const order = orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    const sku = order.lines[0]!.skuCode!;
    const first = await packAndShip(a, order);
    await syncAll(a, b, c);
    const report = await b.call('damage.report', { orderRef: first.trackingNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '买家拍照：碎了' });
    await syncAll(b, a);
    await a.call('damage.decide', { reportId: report.id, decision: 'reship', note: '补发' });
    await syncAll(a, b, c);

    const opened = await b.call('bench.scan', { code: order.externalId, source: 'wedge' });
    expect(opened.outcome).toBe('opened');
    expect(opened.state.order?.reship?.ofTrackingNo).toBe(first.trackingNo);
    const done = await b.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    expect(done.outcome).toBe('completed');
    expect(done.shipment!.trackingNo).not.toBe(first.trackingNo);
    await syncAll(b, a, c);

    for (const s of [a, b, c]) {
      const parcels = (await s.call('shipments.list', { query: order.externalId })).shipments;
      expect(parcels.map((p) => [p.trackingNo, p.reship?.ofTrackingNo ?? null]).sort(), s.name).toEqual(
        [[first.trackingNo, null], [done.shipment!.trackingNo, first.trackingNo]].sort(),
      );
      expect((await s.call('damage.get', { id: report.id })).effects.reship, s.name).toEqual({ state: 'shipped', trackingNo: done.shipment!.trackingNo });
      expect((await flagsAt(s)).map((f) => f.kind), s.name).not.toContain('ship.double');
      expect((await stockAt(s))[sku], s.name).toBe('98/0');
    }
    // Nothing is left to reship at any bench.
    await a.call('bench.cancel', {});
    expect((await a.call('bench.scan', { code: order.externalId, source: 'wedge' })).outcome).toBe('blocked');
    await a.call('bench.cancel', {});

    // A second reship, packed at two benches that do not see each other: that is a double ship.
    const again = await c.call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'missing-parts', source: 'delivered', note: '' });
    await c.call('damage.decide', { reportId: again.id, decision: 'reship' });
    await syncAll(c, a, b);
    for (const s of [a, b]) {
      expect((await s.call('bench.scan', { code: order.externalId, source: 'wedge' })).state.order?.reship?.reportId, s.name).toBe(again.id);
      expect((await s.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' })).outcome, s.name).toBe('completed');
    }
    await syncAll(a, b, c);
    const doubles = (await flagsAt(c)).filter((f) => f.kind === 'ship.double');
    expect(doubles).toHaveLength(1);
    expect(doubles[0]!.message.key).toBe('flagText.reshipDouble');
  });

  it('a claim filed at one bench is settled at another and shown paid everywhere; a packer’s bench cannot settle it; blind settlements are flagged', async () => {
    const { a, b, c, orders } = await shop();
    const order = orders.find((o) => shippable(o) && o.lines.length === 1)!;
    const sku = order.lines[0]!.skuCode!;
    const parcel = await packAndShip(b, order);
    await syncAll(b, a, c);
    const report = await a.call('damage.report', { orderRef: parcel.trackingNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '' });
    await a.call('damage.decide', { reportId: report.id, decision: 'claim', amountFen: 4550 });
    await syncAll(a, b, c);
    for (const s of [a, b, c]) expect((await s.call('claims.list', {})).claims.map((x) => [x.trackingNo, x.amountFen, x.status]), s.name).toEqual([[parcel.trackingNo, 4550, 'filed']]);

    // The packer's bench has no supervisor of the shop to say so.
    await expect(b.call('claims.settle', { claimId: report.id, outcome: 'paid', paidFen: 4550 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await c.call('claims.settle', { claimId: report.id, outcome: 'paid', paidFen: 4000, note: '圆通赔付' });
    await syncAll(c, a, b);
    for (const s of [a, b, c]) expect((await s.call('claims.list', { status: 'paid' })).claims.map((x) => x.paidFen), s.name).toEqual([4000]);

    // Two supervisors record different answers without seeing each other's.
    await a.call('claims.settle', { claimId: report.id, outcome: 'rejected' });
    await c.call('claims.settle', { claimId: report.id, outcome: 'paid', paidFen: 4550 });
    await syncAll(a, c, b);
    const statuses = await Promise.all([a, b, c].map(async (s) => (await s.call('claims.list', {})).claims[0]!.status));
    expect(new Set(statuses).size).toBe(1);
    const flagged = (await flagsAt(b)).filter((f) => f.kind === 'damage.conflicting-decisions');
    expect(flagged.map((f) => f.message.key)).toEqual(['flagText.conflictingSettlements']);
  });
});
