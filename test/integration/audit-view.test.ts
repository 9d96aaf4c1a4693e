import { describe, expect, it } from 'vitest';
import { hubBackends, startTestHub } from '../helpers/hub-db';
import { packAndShip, pairedStation, shippable, shopHarness, type Station, twoStationShop } from '../helpers/sync-shop';

/**
 * The audit view (issue 7): what a supervisor authorised at a packer's bench is listed, with the
 * bench, who did it and who authorised it, at every bench of the shop once synced.
 */
describe.each(hubBackends)('the audit view across benches (%s)', (backend) => {
  const { storage, open, syncAll } = shopHarness(backend);

  it('a void at the packer bench with a supervisor\'s PIN shows at the office and the supervisor\'s bench, with bench, packer and supervisor', async () => {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const { a: sup, b: packer, orders } = await twoStationShop(hub);
    const office = await pairedStation(hub, '办公室', 'admin');
    const store = await pairedStation(hub, '仓库办公室', 'admin');
    open.push(sup.host, packer.host, office.host, store.host);
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await syncAll(office, store, packer, sup);

    await packer.call('session.logout', {});
    await packer.call('session.login', { pin: '2468' });
    const parcel = await packAndShip(packer, orders.find(shippable)!);
    await packer.call('shipments.void', { id: parcel.id, reason: '面单打错', authorizerPin: '5678' });
    // The packer may not open the audit view; the supervisor at the same bench may.
    await expect(packer.call('audit.list', { filter: 'all' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await syncAll(packer, sup, office);

    const benchB = { name: '打包台 B', thisBench: false };
    for (const s of [office, sup]) {
      const { entries } = await s.call('audit.list', { filter: 'authorized' });
      const voids = entries.filter((e) => e.target === parcel.trackingNo);
      expect(voids.map((e) => [e.kind, e.what.key]), s.name).toEqual(
        expect.arrayContaining([['action', 'audit.actions.shipmentVoid'], ['op', 'audit.ops.shipment.voided']]),
      );
      expect(voids.find((e) => e.kind === 'action'), s.name).toMatchObject({
        bench: benchB, note: { key: 'audit.notes.reason', params: { reason: '面单打错' } }, user: { name: '小王', bench: null }, authorizedBy: { name: '李主管', bench: null },
      });
      expect(voids.find((e) => e.kind === 'op'), s.name).toMatchObject({ bench: benchB, authorizedBy: { name: '李主管', bench: null } });
    }

    // Searched by the order's number (订单编号), though the void keeps only its parcel: found; by another order's number, not.
    const shipped = orders.find(shippable)!;
    const other = orders.find((o) => shippable(o) && o.externalId !== shipped.externalId)!;
    for (const s of [office, sup]) {
      const found = async (text: string) => (await s.call('audit.list', { text })).entries.map((e) => [e.kind, e.what.key, e.target]);
      const voided = [['action', 'audit.actions.shipmentVoid', parcel.trackingNo], ['op', 'audit.ops.shipment.voided', parcel.trackingNo]];
      expect(await found(shipped.externalId), s.name).toEqual(expect.arrayContaining(voided));
      expect(await found(parcel.trackingNo), s.name).toEqual(expect.arrayContaining(voided));
      expect((await found(other.externalId)).filter(([, , target]) => target === parcel.trackingNo), s.name).toEqual([]);
    }

    // At the packer bench the supervisor sees the same, as this bench's, and the op now has its place in the hub's order.
    await packer.call('session.login', { pin: '5678' });
    const here = (await packer.call('audit.list', { filter: 'authorized' })).entries.filter((e) => e.target === parcel.trackingNo);
    expect(here.map((e) => e.bench)).toEqual([{ name: '打包台 B', thisBench: true }, { name: '打包台 B', thisBench: true }]);
    const ordered = packer.host.context.db.prepare("SELECT hub_seq FROM authorized_ops WHERE type = 'shipment.voided'").pluck().all();
    expect(ordered).toEqual([expect.any(Number)]);
  });

  it('every bench tells the shop\'s factory administrators apart by their bench', async () => {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const office = await pairedStation(hub, '办公室', 'admin');
    const store = await pairedStation(hub, '仓库办公室', 'admin');
    const packer = await pairedStation(hub, '打包台 B', 'packer');
    open.push(office.host, store.host, packer.host);
    await syncAll(office, store, packer);
    const admins = async (s: Station) => (await s.call('users.list', {})).filter((u) => u.name === '管理员').map((u) => u.bench);
    expect(await admins(office)).toEqual(
      expect.arrayContaining([{ name: '办公室', thisBench: true }, { name: '仓库办公室', thisBench: false }]),
    );
    // The packer bench's own admin is its alone; it sees the shop's two besides.
    expect(await admins(packer)).toHaveLength(3);
    expect(await admins(packer)).toEqual(
      expect.arrayContaining([{ name: '打包台 B', thisBench: true }, { name: '办公室', thisBench: false }, { name: '仓库办公室', thisBench: false }]),
    );
  });
});
