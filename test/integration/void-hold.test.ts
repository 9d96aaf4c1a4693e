import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';
import { startTestHub } from '../helpers/hub-db';
import { packAndShip, pairedStation, shippable as shippableInShop, shopHarness, twoStationShop } from '../helpers/sync-shop';

const CANCELLED = '订单取消/退款';
const firstId = (list: { orders: { id: string }[] }) => list.orders[0]!.id;

/**
 * A parcel voided as 订单取消/退款 holds its order (禁止发货) until a supervisor's 恢复发货: 取号
 * skips it and says so, the bench refuses it naming the void and who voided, and every bench of
 * the shop derives the same hold from the synced void.
 */
describe('an order whose parcel was voided as cancelled or refunded', () => {
  let fake: Kuaidi100LabelFake | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it('gets no new number at 取号, is refused at the bench and shown 禁止发货, until a supervisor releases it', async () => {
    fake = await startKuaidi100LabelFake({ key: 'K100KEY', secret: 'K100SECRET', partners: { yuantong: 'YT-0001' } });
    const { call, host, generated } = await stationWithOrders(8);
    await call('settings.update', { sender: { name: '王店长', phone: '13800000000', address: '广东省 东莞市 长安镇 振安路1号' } });
    await call('waybills.saveKeys', { provider: 'kuaidi100', keys: { key: 'K100KEY', secret: 'K100SECRET', accounts: { YTO: { partnerId: 'YT-0001' } }, endpoint: fake.url } });
    await call('devices.setPrinter', { kind: 'png', labelSize: '76x130' });
    await call('waybills.fetch', { provider: 'kuaidi100', awaiting: true });

    const [refunded, misprinted] = generated.orders.filter(shippable) as [ImportedOrder, ImportedOrder];
    const pack = async (order: ImportedOrder) => {
      const [fetched] = await call('waybills.ofOrder', { ref: order.externalId });
      let last = await call('bench.scan', { code: fetched!.trackingNo, source: 'wedge' });
      expect(last.outcome).toBe('opened');
      for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
      expect(last.outcome).toBe('completed');
      return last.shipment!;
    };
    const refundedId = firstId(await call('orders.list', { query: refunded.externalId, state: 'all', limit: 1, offset: 0 }));
    const refundedParcel = await pack(refunded);
    const misprintedParcel = await pack(misprinted);
    await host.context.labels.idle();
    await call('shipments.void', { id: refundedParcel.id, reason: CANCELLED, reasonCode: 'cancelled' });
    await call('shipments.void', { id: misprintedParcel.id, reason: '面单打印错误', reasonCode: 'misprint' });

    // 取号 asks a new number only for the misprinted order, and names the held one.
    const report = await call('waybills.fetch', { provider: 'kuaidi100', awaiting: true });
    expect(report).toMatchObject({ issued: 1, held: 1, heldOrders: [refunded.externalId], failed: [] });
    expect((await call('waybills.ofOrder', { ref: misprinted.externalId })).some((w) => w.state === 'ready')).toBe(true);
    expect((await call('waybills.ofOrder', { ref: refunded.externalId })).some((w) => w.state === 'ready')).toBe(false);
    // Asked by name, it is skipped as held too.
    expect(await call('waybills.fetch', { provider: 'kuaidi100', orderIds: [refunded.externalId] })).toMatchObject({ issued: 0, held: 1, heldOrders: [refunded.externalId] });

    // The bench refuses it, naming the voided number and who voided it.
    let scanned = await call('bench.scan', { code: refunded.externalId, source: 'wedge' });
    // The misprinted order, its label voided, is still on the bench: leaving it is asked first.
    if (scanned.outcome === 'confirm_switch') scanned = await call('bench.scan', { code: refunded.externalId, source: 'wedge' });
    expect(scanned.outcome).toBe('blocked');
    expect(scanned.state.order?.blockedReason).toMatchObject({ key: 'blocked.voidHeldBy', params: { tracking: refundedParcel.trackingNo, by: expect.anything() } });
    // The orders list shows it 禁止发货 with the reason; the misprinted order waits to ship.
    const blocked = await call('orders.list', { query: refunded.externalId, state: 'blocked', limit: 10, offset: 0 });
    expect(blocked.orders.map((o) => [o.externalId, o.blockedReason?.key])).toEqual([[refunded.externalId, 'blocked.voidHold']]);
    expect((await call('orders.list', { query: misprinted.externalId, state: 'open', limit: 10, offset: 0 })).total).toBe(1);
    // Importing the same orders again does not lift it: only a supervisor does.
    await call('orders.import', {
      files: [
        { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
        { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
      ],
    });
    expect((await call('orders.get', { id: refundedId })).blockedReason?.key).toBe('blocked.voidHold');

    // 恢复发货: audited, and the order gets a number and opens at the bench again.
    const released = await call('orders.releaseHold', { id: refundedId, reason: '买家撤销退款' });
    expect(released.blockedReason).toBeNull();
    await expect(call('orders.releaseHold', { id: refundedId, reason: '再点一次' })).rejects.toMatchObject({ msg: { key: 'orders.notHeld' } });
    const audit = await call('audit.list', { kind: 'orders', limit: 20 });
    // The audit line says why it was released, as the supervisor typed it (it read only 恢复发货 and the order).
    expect(audit.entries.find((e) => e.kind === 'op' && e.what.key === 'audit.ops.order.released')).toMatchObject({
      target: refunded.externalId, note: { key: 'audit.notes.reason', params: { reason: '买家撤销退款' } },
    });
    expect(await call('waybills.fetch', { provider: 'kuaidi100', awaiting: true })).toMatchObject({ issued: 1, held: 0, heldOrders: [] });
    expect((await call('bench.scan', { code: refunded.externalId, source: 'wedge' })).outcome).toBe('opened');
    host.close();
  });
});

describe('a hold across the benches of a shop', () => {
  const { storage, open, syncAll } = shopHarness('sqlite');

  it('a void as cancelled at a packer\'s bench holds the order at the supervisor\'s bench too; a release at either lifts it at both', async () => {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const { a: sup, b: packer, orders } = await twoStationShop(hub);
    const office = await pairedStation(hub, '办公室', 'admin');
    open.push(sup.host, packer.host, office.host);
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await syncAll(office, sup, packer);

    const order = orders.find(shippableInShop)!;
    const { id } = (await sup.call('orders.list', { query: order.externalId, state: 'all', limit: 1, offset: 0 })).orders[0]!;
    const parcel = await packAndShip(packer, order);
    // The chip's code holds, whatever language its words came in.
    await packer.call('shipments.void', { id: parcel.id, reason: 'Order cancelled or refunded', reasonCode: 'cancelled', authorizerPin: '5678' });
    await syncAll(packer, sup);

    for (const s of [packer, sup]) {
      expect((await s.call('orders.get', { id })).blockedReason).toEqual({ key: 'blocked.voidHold', params: { tracking: parcel.trackingNo } });
      const scanned = await s.call('bench.scan', { code: order.externalId, source: 'wedge' });
      expect(scanned.outcome).toBe('blocked');
      expect(scanned.state.order?.blockedReason).toMatchObject({ key: 'blocked.voidHeldBy', params: { tracking: parcel.trackingNo, by: '李主管' } });
    }

    // The packer's bench may not release alone; with the supervisor's PIN it may, and the release syncs.
    await expect(packer.call('orders.releaseHold', { id, reason: '买家撤销退款' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await packer.call('orders.releaseHold', { id, reason: '买家撤销退款', authorizerPin: '5678' });
    await syncAll(packer, sup);
    for (const s of [packer, sup]) expect((await s.call('orders.get', { id })).blockedReason).toBeNull();
    const again = await packAndShip(sup, order);
    expect(again.trackingNo).not.toBe(parcel.trackingNo);
  });
});
