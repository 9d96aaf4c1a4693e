import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Events } from '#shared/contract/events.contract';
import type { z } from 'zod';
import { startPtyPeer, type PtyPeer } from '../fakes/pty-peer.fake';
import { listen } from '../helpers/host-events';
import { stHeaderFrame } from '../fakes/scale-frames.fake';
import { barcodeOf, hostCaller } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/** The bench's weight check against a scale on a real pty (socat): what the packer meets when the scale misbehaves. */
describe('weighing with a serial scale that is away, overloaded or already loaded', () => {
  let scale: PtyPeer;
  let ctx: Awaited<ReturnType<typeof stationWithOrders>>;
  beforeEach(async () => {
    scale = await startPtyPeer('scale');
    ctx = await stationWithOrders(40, { serial: { pollMs: 100, backoffMs: [20, 40, 80], listPorts: async () => [] } });
  });
  afterEach(async () => {
    ctx.host.close();
    await scale.close();
  });

  const statusOf = (o: z.infer<Events['devices.serialChanged']>) => o.devices.find((d) => d.id === 'scale')?.status;
  const setUp = async (events: ReturnType<typeof listen>) => {
    await hostCaller(ctx.host)('devices.setSerial', {
      devices: [{ id: 'scale', role: 'scale', path: scale.appPath, scale: { family: 'st-header', checksum: true, unit: 'kg', readings: 3, minWeightG: 20, zeroBandG: 10 } }],
    });
    await events.next('devices.serialChanged', (o) => statusOf(o) === 'connected');
  };
  const singles = () => ctx.generated.orders.filter((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1);
  const shipmentsOf = (externalId: string) =>
    ctx.host.context.db.prepare('SELECT weight_g FROM shipments WHERE order_id = ?').pluck().all(`taobao:${externalId}`);

  it('a scale set up but unplugged never lets the last scan ship unweighed: the bench waits for a typed weight, before or after the unplug alike', async () => {
    const events = listen(ctx.host);
    await setUp(events);
    const call = hostCaller(ctx.host);
    const [before, after] = singles();

    // Unplugged before the last scan: the order waits for a weight (it shipped at once with none).
    await call('bench.scan', { code: before!.externalId, source: 'wedge' });
    events.clear();
    await scale.unplug();
    await events.next('devices.serialChanged', (o) => statusOf(o) === 'absent');
    const last = await call('bench.scan', { code: barcodeOf(before!.lines[0]!.skuCode!), source: 'wedge' });
    expect(last.outcome).toBe('weigh');
    expect(last.state.weighing).toMatchObject({ scale: 'absent', settledG: null });
    expect(shipmentsOf(before!.externalId)).toEqual([]);
    // 发货 with the weight box left empty: refused, never shipped unweighed (it left with no weight).
    await expect(call('bench.ship', { partial: false })).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'pack.weighFirst' } });
    expect(shipmentsOf(before!.externalId)).toEqual([]);
    // The weight typed on the ship form and 发货: it leaves with that weight.
    const shipped = await call('bench.ship', { weightG: 255, partial: false });
    expect(shipped.shipments[0]?.weightG).toBe(255);

    // Unplugged after the last scan: the same wait, and the same way out.
    events.clear();
    await scale.plug();
    await events.next('devices.serialChanged', (o) => statusOf(o) === 'connected');
    await call('bench.scan', { code: after!.externalId, source: 'wedge' });
    expect((await call('bench.scan', { code: barcodeOf(after!.lines[0]!.skuCode!), source: 'wedge' })).outcome).toBe('weigh');
    events.clear();
    await scale.unplug();
    await events.next('devices.serialChanged', (o) => statusOf(o) === 'absent');
    expect((await call('bench.getState', {})).weighing).toMatchObject({ scale: 'absent', settledG: null });
    expect(shipmentsOf(after!.externalId)).toEqual([]);
    expect((await call('bench.ship', { weightG: 250, partial: false })).shipments[0]?.weightG).toBe(250);
  });

  it('a weight typed while the scale is away ships at the last scan, checked like the scale\'s', async () => {
    const events = listen(ctx.host);
    await setUp(events);
    const call = hostCaller(ctx.host);
    const order = singles()[0]!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    events.clear();
    await scale.unplug();
    await events.next('devices.serialChanged', (o) => statusOf(o) === 'absent');
    const opened = await call('bench.getState', {});
    await call('bench.shipChoice', { orderId: opened.order!.id, carrierCode: null, weightG: 252, parcelCount: 1 });
    const last = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    expect(last.outcome).toBe('completed');
    expect(shipmentsOf(order.externalId)).toEqual([252]);
  });

  it('an overload frame shows as an overload, not as the last weight, and no weight settles while it lasts', async () => {
    const events = listen(ctx.host);
    await setUp(events);
    const call = hostCaller(ctx.host);
    const order = singles()[0]!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    expect((await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' })).outcome).toBe('weigh');

    scale.write(stHeaderFrame(766, false));
    await events.next('scale.weight', (w) => w?.grams === 766);
    for (let i = 0; i < 4; i++) scale.write('OL,GS,+9999999 g\r\n');
    expect(await events.next('scale.weight', (w) => w?.overload === true)).toMatchObject({ overload: true, stable: false });
    expect(await call('devices.scaleLive', {})).toMatchObject({ overload: true });
    expect((await call('bench.getState', {})).weighing).toMatchObject({ status: 'waiting', settledG: null });

    // Over: the parcel's own weight settles and ships.
    scale.write(stHeaderFrame(0));
    scale.write(stHeaderFrame(250));
    const shipped = await events.next('bench.scanned', (e) => e.source === 'scale');
    expect(shipped.result?.outcome).toBe('completed');
    expect(shipmentsOf(order.externalId)).toEqual([250]);
  });

  it('a window that loads after the scale settled at 0 g reads that weight at once, and sees a weight taken before the order as taken', async () => {
    const events = listen(ctx.host);
    await setUp(events);
    const call = hostCaller(ctx.host);
    for (let i = 0; i < 5; i++) scale.write(stHeaderFrame(0));
    await events.next('scale.weight', (w) => w?.grams === 0);
    // Pushed once; a reloaded window asks.
    expect(await call('devices.scaleLive', {})).toEqual({ grams: 0, stable: true, overload: false, taken: false });

    // A parcel put on before its order was opened: its weight is taken, and the bench waits for the pan to be cleared.
    scale.write(stHeaderFrame(250));
    scale.write(stHeaderFrame(250));
    await events.next('scale.weight', (w) => w?.grams === 250 && w.taken);
    const order = singles()[0]!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const last = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    expect(last.outcome).toBe('weigh');
    expect(last.state.weighing?.settledG).toBeNull();
    expect(await call('devices.scaleLive', {})).toMatchObject({ grams: 250, taken: true });

    events.clear();
    await scale.unplug();
    await events.next('devices.serialChanged', (o) => statusOf(o) === 'absent');
    expect(await call('devices.scaleLive', {})).toBeNull();
  });
});
