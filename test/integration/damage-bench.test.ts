import { createCanvas } from '@napi-rs/canvas';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '#shared/i18n/message';
import { startPtyPeer, type PtyPeer } from '../fakes/pty-peer.fake';
import { yaohuaFrame } from '../fakes/scale-frames.fake';
import { listen } from '../helpers/host-events';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/** Damage found at the bench while packing: filed over the open order, which stays as it was. */
describe('damage at the bench', () => {
  let scale: PtyPeer | null = null;
  let ctx: Awaited<ReturnType<typeof stationWithOrders>> | null = null;
  afterEach(async () => {
    ctx?.host.close();
    await scale?.close();
    scale = null;
    ctx = null;
  });

  const jpeg = async (shade: string) => {
    const canvas = createCanvas(160, 120);
    const g = canvas.getContext('2d');
    g.fillStyle = shade;
    g.fillRect(0, 0, 160, 120);
    return (await canvas.encode('jpeg', 85)).toString('base64');
  };

  it('PD:DAMAGE leaves the order open; the report names it, its photos and the weight on the scale', async () => {
    scale = await startPtyPeer('scale');
    ctx = await stationWithOrders(40, { serial: { pollMs: 100, backoffMs: [20, 40, 80] } });
    const { call, generated, host } = ctx;
    const events = listen(host);
    await call('devices.setSerial', {
      devices: [{ id: 'scale', role: 'scale', path: scale.appPath, scale: { family: 'yaohua', checksum: true, unit: 'kg', readings: 3, minWeightG: 20, zeroBandG: 10 } }],
    });
    await events.next('devices.serialChanged', (o) => o.devices.find((d) => d.id === 'scale')?.status === 'connected');
    const order = generated.orders.find((o) => shippable(o) && o.lines.length >= 1)!;
    const opened = await call('bench.scan', { code: order.externalId, source: 'wedge' });
    expect(opened.outcome).toBe('opened');

    const command = await call('bench.scan', { code: 'PD:DAMAGE', source: 'wedge' });
    expect(command).toMatchObject({ outcome: 'command', detail: { command: 'PD:DAMAGE' }, scanId: null });
    expect(command.state).toEqual(opened.state);
    // PD:PHOTO is the form's: at the bench it changes nothing either.
    expect((await call('bench.scan', { code: 'pd:photo', source: 'wedge' })).state).toEqual(opened.state);

    // The broken item on the scale: 0.41 kg settles after three equal readings.
    for (const g of [0, 0.41, 0.41, 0.41]) scale.write(yaohuaFrame(g, 3));
    await events.next('scale.weight', (w) => w?.grams === 410 && w.stable);
    const photos = [await call('photos.put', { mime: 'image/jpeg', base64: await jpeg('#a03020') }), await call('photos.put', { mime: 'image/jpeg', base64: await jpeg('#2030a0') })];
    const sku = order.lines[0]!.skuCode!;
    const report = await call('damage.report', {
      orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'broken', note: '杯口有裂纹', photoHashes: photos.map((p) => p.sha256),
    });
    expect(report).toMatchObject({
      orderId: `taobao:${order.externalId}`, orderExternalId: order.externalId, skuCode: sku, qty: 1, reason: 'broken', source: 'bench', note: '杯口有裂纹',
      weightG: 410, photos: photos.map((p) => p.sha256), bench: { thisBench: true }, reportedBy: msg('roles.admin'), decision: null,
    });
    // Typed by hand, the weight is what was typed; with no order it was found on the shelf.
    const shelf = await call('damage.report', { orderRef: null, skuCode: sku, qty: 2, reason: 'outer-box', weightG: 1234 });
    expect(shelf).toMatchObject({ orderId: null, source: 'shelf', weightG: 1234 });
    await expect(call('damage.report', { orderRef: null, skuCode: sku, qty: 1, reason: 'other', note: ' ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    // The bench is where it was: the same order, nothing verified, nothing shipped.
    expect(await call('bench.getState', {})).toMatchObject({ order: { externalId: order.externalId }, shipments: [] });
    expect((await call('damage.list', { orderId: `taobao:${order.externalId}` })).reports.map((r) => r.id)).toEqual([report.id]);

    // Unplugged, the scale says nothing: the report carries no weight.
    events.clear();
    await scale.unplug();
    await events.next('devices.serialChanged', (o) => o.devices.find((d) => d.id === 'scale')?.status !== 'connected');
    expect((await call('damage.report', { orderRef: order.externalId, skuCode: sku, qty: 1, reason: 'leaking' })).weightG).toBeNull();
  });

  it('a packer may file; a report by tracking number names the parcel', async () => {
    ctx = await stationWithOrders(40);
    const { call, generated } = ctx;
    await call('users.save', { name: '小李', role: 'packer', pin: '2468', active: true });
    await call('session.logout', {});
    await call('session.login', { pin: '2468' });
    const order = generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const shipped = await call('bench.scan', { code: `690${order.lines[0]!.skuCode!.replace(/\D/g, '').padStart(9, '0')}1`, source: 'wedge' });
    const trackingNo = shipped.shipment!.trackingNo;
    const report = await call('damage.report', { orderRef: trackingNo, skuCode: order.lines[0]!.skuCode!, qty: 1, reason: 'wrong-item', source: 'delivered' });
    expect(report).toMatchObject({ source: 'delivered', shipmentId: shipped.shipment!.id, trackingNo, reportedBy: '小李', weightG: null });
  });
});
