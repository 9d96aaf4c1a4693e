import { describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { hubBackends } from '../helpers/hub-db';
import { hubShops } from '../helpers/paired-host';
import { packAndShip, pairedStation, shippable, SKUS, twoStationShop, type Station } from '../helpers/sync-shop';

const syncAll = async (...stations: Station[]) => {
  // Twice round: what one bench pushes in the first pass the others pull in the second.
  for (let i = 0; i < 2; i++) for (const s of stations) await s.sync();
};
const rowsAt = async (s: Station) => (await s.call('inbox.list', {})).rows;

/**
 * The conflicts that reach the supervisor's inbox say what to act on: a double shipment lists
 * every live parcel (number, bench, packer) and opens them in Shipments; a double claim names the
 * bench and packer holding it and the bench and packer that claimed it again; conflicting damage decisions name the SKU, each decision and its
 * supervisor, the one in force, and open the report.
 */
describe.each(hubBackends)('conflicts in the exceptions inbox (%s)', (backend) => {
  const fresh = hubShops(backend);

  async function shop() {
    const { hub, keep } = await fresh();
    const two = await twoStationShop(hub);
    const c = await pairedStation(hub, '主管台 C', 'supervisor');
    // The shop's people are made at the office.
    const office = await pairedStation(hub, '办公室', 'admin');
    for (const s of [two.a, two.b, c, office]) keep(s.host);
    await office.call('users.save', { name: '王主管', role: 'supervisor', pin: '1111' });
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '2222' });
    await office.call('users.save', { name: '小周', role: 'packer', pin: '3333' });
    await syncAll(office, two.a, two.b, c);
    await two.a.call('session.login', { pin: '1111' });
    await two.b.call('session.login', { pin: '3333' });
    await c.call('session.login', { pin: '2222' });
    return { ...two, c };
  }

  it('a double shipment lists both parcels with bench and packer (and still names both once closed); the double claim names who holds the order', async () => {
    const { a, b, c, orders } = await shop();
    const order = orders.filter(shippable)[0]!;
    const atA = await packAndShip(a, order);
    const atB = await packAndShip(b, order);
    await syncAll(a, b, c);

    for (const s of [a, b, c]) {
      const rows = await rowsAt(s);
      const double = rows.find((r) => r.flagKind === 'ship.double')!;
      expect(double.evidence, s.name).toEqual(msg('inbox.evidence.shipDouble', { order: order.externalId, parcels: 2 }));
      expect(double.target).toBe('shipments');
      expect(double.parcels?.map((p) => [p.trackingNo, p.carrierCode, p.bench?.name, p.packer]), s.name).toEqual([
        [atA.trackingNo, 'YTO', '打包台 A', '王主管'],
        [atB.trackingNo, 'YTO', '打包台 B', '小周'],
      ]);
      const claim = rows.find((r) => r.flagKind === 'claim.conflict')!;
      expect(claim.evidence, s.name).toEqual(msg('inbox.evidence.claimConflictBy', {
        order: order.externalId, bench: '打包台 A', who: '王主管', other: msg('inbox.evidence.claimantBy', { bench: '打包台 B', who: '小周' }),
      }));
      // What the supervisor reads: both benches and both packers.
      expect(createTranslator('zh-CN').t(claim.evidence), s.name).toBe(`订单 ${order.externalId} 已被 打包台 A（王主管）认领，打包台 B（小周） 又认领了一次`);
    }
    // B's parcel is voided and the row closed: the closed row still names both parcels.
    const double = (await rowsAt(a)).find((r) => r.flagKind === 'ship.double')!;
    await b.call('shipments.void', { id: atB.id, reason: '重复发货', authorizerPin: '1111' });
    await syncAll(b, a, c);
    await a.call('inbox.resolve', { key: double.key, note: '作废了 B 的包裹' });
    await syncAll(a, b, c);
    const closed = (await c.call('inbox.resolved', {})).resolutions.find((r) => r.key === double.key)!;
    expect(closed.trackingNo).toBe(`${atA.trackingNo} / ${atB.trackingNo}`);
  });

  it('conflicting damage decisions name the SKU, each decision and who made it, the one in force, and open the report; closing the row closes the flag', async () => {
    const { a, b, c } = await shop();
    const sku = SKUS[1]!;
    const report = await b.call('damage.report', { orderRef: null, skuCode: sku, qty: 1, reason: 'broken', note: '' });
    await syncAll(b, a, c);
    // Decided at A and at C, neither having seen the other's: the hub orders A's first, so C's stands.
    await a.call('damage.decide', { reportId: report.id, decision: 'write-off' });
    await c.call('damage.decide', { reportId: report.id, decision: 'reject', note: '报错了' });
    await syncAll(a, c, b);

    for (const s of [a, b, c]) {
      const row = (await rowsAt(s)).find((r) => r.flagKind === 'damage.conflicting-decisions')!;
      expect(row.evidence, s.name).toEqual(
        msg('inbox.evidence.damageConflict', {
          sku, qty: 1, inForce: msg('damageReview.decisions.reject'),
          decisions: msg('inbox.evidence.decisions2', { a: msg('damageReview.decisions.write-off'), aBy: '王主管', b: msg('damageReview.decisions.reject'), bBy: '李主管' }),
        }),
      );
      expect(row, s.name).toMatchObject({ target: 'damage', refId: report.id, skuCode: sku });
      // The report's in-force decision is the one the row says.
      expect((await s.call('damage.get', { id: report.id })).report.decision?.decision, s.name).toBe('reject');
    }
    const key = (await rowsAt(a)).find((r) => r.flagKind === 'damage.conflicting-decisions')!.key;
    await a.call('inbox.resolve', { key, note: '以驳回为准' });
    await syncAll(a, b, c);
    for (const s of [a, b, c]) expect((await rowsAt(s)).some((r) => r.key === key), s.name).toBe(false);
  });
});
