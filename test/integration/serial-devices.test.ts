import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Events } from '#shared/contract/events.contract';
import type { z } from 'zod';
import { listSystemPorts } from '../../electron/host/serial/serial-devices.service';
import { startPtyPeer, type PtyPeer } from '../fakes/pty-peer.fake';
import { listen } from '../helpers/host-events';
import { stHeaderFrame, yaohuaFrame } from '../fakes/scale-frames.fake';
import { barcodeOf, hostCaller } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

describe('serial scanner and scale through a real pty (socat)', () => {
  let scanner: PtyPeer;
  let scale: PtyPeer;
  let ctx: Awaited<ReturnType<typeof stationWithOrders>>;
  /** How often the host read the OS port list (each read spawns udevadm on Linux). */
  let listReads = 0;
  beforeEach(async () => {
    scanner = await startPtyPeer('scanner');
    scale = await startPtyPeer('scale');
    listReads = 0;
    const listPorts = () => (listReads++, listSystemPorts());
    ctx = await stationWithOrders(40, { serial: { pollMs: 100, backoffMs: [20, 40, 80], listPorts } });
  });
  afterEach(async () => {
    ctx.host.close();
    await scanner.close();
    await scale.close();
  });

  const setUp = async (family: 'st-header' | 'yaohua' = 'st-header') => {
    const call = hostCaller(ctx.host);
    await call('devices.setSerial', {
      devices: [
        { id: 'scanner', role: 'scanner', path: scanner.appPath, scanner: { suffix: 'CRLF', prefix: '', interByteMs: 50 } },
        { id: 'scale', role: 'scale', path: scale.appPath, scale: { family, checksum: true, unit: 'kg', readings: 3, minWeightG: 20, zeroBandG: 10 } },
      ],
    });
  };
  const statusOf = (o: z.infer<Events['devices.serialChanged']>, id: string) => o.devices.find((d) => d.id === id)?.status;

  it('a serial scan takes the bench path, split frames and garbage included; a weight in tolerance ships with its weight', async () => {
    const events = listen(ctx.host);
    await setUp();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scanner') === 'connected' && statusOf(o, 'scale') === 'connected');
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;

    // The order id split across three writes, after line noise, with an AIM id for Code 128.
    scanner.write('\x00\xff\x13garbage');
    scanner.write('\r\n]C0');
    scanner.write(order.externalId.slice(0, 5));
    scanner.write(`${order.externalId.slice(5)}\r\n`);
    const opened = await events.next('bench.scanned', (e) => e.source === 'serial' && e.result?.outcome === 'opened');
    expect(opened.code).toBe(order.externalId);
    expect(opened.result?.state.weighing).toMatchObject({ scale: 'connected', status: 'waiting' });

    // The last item: with a scale on line the bench asks for the parcel on the pan instead of shipping.
    scanner.write(`]E0${barcodeOf(order.lines[0]!.skuCode!)}\r\n`);
    const weigh = await events.next('bench.scanned', (e) => e.result?.outcome === 'weigh');
    expect(weigh.result?.state.complete).toBe(true);
    expect(weigh.result?.state.shipments).toEqual([]);

    // 200 g + 50 g packaging expected: 255 g settles (frames split mid-number, noise between them).
    const frames = Buffer.concat([stHeaderFrame(120, false), Buffer.from('#\r\n'), ...[255, 255, 255].map((g) => stHeaderFrame(g))]);
    for (let i = 0; i < frames.length; i += 7) scale.write(frames.subarray(i, i + 7));
    const live = await events.next('scale.weight', (w) => w?.grams === 255);
    expect(live).toMatchObject({ grams: 255, stable: true, overload: false });
    const shipped = await events.next('bench.scanned', (e) => e.source === 'scale');
    expect(shipped.result?.outcome).toBe('completed');
    expect(shipped.result?.shipment?.weightG).toBe(255);
    const stored = ctx.host.context.db.prepare('SELECT weight_g FROM shipments WHERE order_id = ?').pluck().get(`taobao:${order.externalId}`);
    expect(stored).toBe(255);
  });

  it('a weight outside the tolerance holds the order, raises a flag, and ships only once a supervisor accepts it', async () => {
    const events = listen(ctx.host);
    await setUp('yaohua');
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'connected' && statusOf(o, 'scanner') === 'connected');
    const call = hostCaller(ctx.host);
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    // Yaohua reports no stability: the weight settles after three equal readings (in software).
    for (const g of [0.4, 0.41, 0.41, 0.41]) scale.write(yaohuaFrame(g, 3));
    await events.next('scale.weight', (w) => w?.grams === 410 && w.stable);
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const result = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
    // That weight settled before the order opened: it is the previous parcel's, not this one's.
    expect(result.outcome).toBe('weigh');
    for (const g of [0, 0, 0.41, 0.41, 0.41]) scale.write(yaohuaFrame(g, 3));
    const held = await events.next('bench.scanned', (e) => e.source === 'scale');
    expect(held.result?.outcome).toBe('weight_mismatch');
    expect(held.result?.detail).toMatchObject({ weightG: '410', expectedG: '250', deviationG: '160' });
    expect(held.result?.state.weighing).toMatchObject({ status: 'heavy', settledG: 410, accepted: false });
    expect(held.result?.state.shipments).toEqual([]);

    await expect(call('bench.scan', { code: 'PD:SHIP', source: 'wedge' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Every bench's exceptions inbox lists it, with both weights (a bench.exception op).
    const { rows } = await call('inbox.list', { kind: 'weight-mismatch' });
    expect(rows).toEqual([expect.objectContaining({
      orderExternalId: order.externalId, benches: [expect.objectContaining({ thisBench: true })],
      evidence: { key: 'flagText.weightMismatch', params: { order: order.externalId, weight: 410, expected: 250, deviation: 160 } },
    })]);
    expect(ctx.host.context.db.prepare("SELECT count(*) FROM outbox WHERE type = 'bench.exception'").pluck().get()).toBe(1);

    // The packer may not accept; the supervisor's PIN does, and that is audited.
    await expect(call('bench.acceptWeight', { authorizerPin: '1111' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const accepted = await call('bench.acceptWeight', {});
    expect(accepted.shipments[0]?.weightG).toBe(410);
    const audit = ctx.host.context.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'bench.acceptWeight'").pluck().get();
    expect(audit).toBe(1);
  });

  it('a re-weigh within tolerance does not release a mismatch: the inbox keeps it and only a supervisor lets the parcel out', async () => {
    const events = listen(ctx.host);
    await setUp();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'connected');
    const call = hostCaller(ctx.host);
    const [order, other] = ctx.generated.orders.filter((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1);
    await call('bench.scan', { code: order!.externalId, source: 'wedge' });
    expect((await call('bench.scan', { code: barcodeOf(order!.lines[0]!.skuCode!), source: 'wedge' })).outcome).toBe('weigh');
    scale.write(stHeaderFrame(410));
    const held = await events.next('bench.scanned', (e) => e.source === 'scale');
    expect(held.result?.outcome).toBe('weight_mismatch');

    // Put right and weighed again: within tolerance, and still held (no parcel, no second inbox row).
    events.clear();
    scale.write(stHeaderFrame(0));
    scale.write(stHeaderFrame(250));
    const again = await events.next('bench.scanned', (e) => e.source === 'scale');
    expect(again.result?.outcome).toBe('weight_mismatch');
    expect(again.result?.detail).toMatchObject({ weightG: '250', expectedG: '250', heldG: '410' });
    expect(again.result?.state.weighing).toMatchObject({ status: 'ok', settledG: 250, mismatchG: 410, accepted: false });
    expect(again.result?.state.shipments).toEqual([]);
    await expect(call('bench.scan', { code: 'PD:SHIP', source: 'wedge' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const listed = async () => (await call('inbox.list', { kind: 'weight-mismatch' })).rows;
    expect(await listed()).toEqual([expect.objectContaining({ orderExternalId: order!.externalId, evidence: expect.objectContaining({ params: expect.objectContaining({ weight: 410 }) }) })]);
    expect(ctx.host.context.db.prepare("SELECT count(*) FROM outbox WHERE type = 'bench.exception'").pluck().get()).toBe(1);

    // Opening another order and coming back does not forget it either: the inbox row still holds it.
    await call('bench.scan', { code: other!.externalId, source: 'wedge' });
    await call('bench.scan', { code: order!.externalId, source: 'wedge' });
    await call('bench.scan', { code: order!.externalId, source: 'wedge' });
    expect((await call('bench.getState', {})).weighing).toMatchObject({ mismatchG: 410, accepted: false });
    scale.write(stHeaderFrame(0));
    scale.write(stHeaderFrame(252));
    const back = await events.next('bench.scanned', (e) => e.source === 'scale' && e.result?.detail['weightG'] === '252');
    expect(back.result?.outcome).toBe('weight_mismatch');
    expect(back.result?.state.shipments).toEqual([]);

    // The supervisor's override lets it out with today's weight; the audit keeps both; the row stays until resolved.
    const accepted = await call('bench.acceptWeight', {});
    expect(accepted.shipments[0]?.weightG).toBe(252);
    const detail = ctx.host.context.db.prepare("SELECT detail FROM audit_log WHERE action = 'bench.acceptWeight'").pluck().get() as string;
    expect(JSON.parse(detail)).toMatchObject({ weightG: 252, expectedG: 250, mismatchG: 410 });
    expect(await listed()).toHaveLength(1);
  });

  it('notices an unplug, reconnects with backoff when the device comes back, and reads again', async () => {
    const events = listen(ctx.host);
    await setUp();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'connected');
    scale.write(stHeaderFrame(500));
    await events.next('scale.weight', (w) => w?.grams === 500);

    events.clear();
    await scale.unplug();
    const lost = await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') !== 'connected');
    expect(['reconnecting', 'absent']).toContain(statusOf(lost, 'scale'));
    expect(await events.next('scale.weight', (w) => w === null)).toBeNull();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'absent');
    // The bench shows it: the scale is not plugged in.
    expect((await hostCaller(ctx.host)('bench.getState', {})).weighing?.scale).toBe('absent');

    await scale.plug();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'connected');
    scale.write(stHeaderFrame(750));
    expect(await events.next('scale.weight', (w) => w?.grams === 750)).toMatchObject({ grams: 750, stable: true, overload: false });
  });

  it('reads the port list only while a device is away or the Devices screen looks: none while the packer scans', async () => {
    const events = listen(ctx.host);
    await setUp();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scanner') === 'connected' && statusOf(o, 'scale') === 'connected');
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(250); // a poll already due may still run once
    const settled = listReads;
    await pause(600); // six poll periods
    expect(listReads).toBe(settled);

    // A device unplugged: the list is read again, so the scale reopens as soon as it is back; then reads stop again.
    await scale.unplug();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'absent');
    await pause(350);
    expect(listReads).toBeGreaterThan(settled + 2);
    await scale.plug();
    await events.next('devices.serialChanged', (o) => statusOf(o, 'scale') === 'connected');
    await pause(250);
    const back = listReads;
    await pause(600);
    expect(listReads).toBe(back);

    // The Devices screen asks: the list is read now and kept fresh while it looks.
    await hostCaller(ctx.host)('devices.serialOverview', {});
    await pause(350);
    expect(listReads).toBeGreaterThanOrEqual(back + 3);
  });
});
