import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { decodeRasters, inkedRows } from '../helpers/escpos-decode';
import { escposStatusBytes } from '../../electron/host/slips/escpos-status';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

let fake: FakeTcpPrinter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the slip printer at the bench', () => {
  it('prints the packing slip on order open when the bench says so, to a receipt printer on TCP 9100', async () => {
    fake = await startFakeTcpPrinter();
    const { call, generated, host } = await stationWithOrders();
    await call('devices.setSlipPrinter', { trigger: 'open', host: fake.host, port: fake.port, devicePath: '', paperMm: 80, chinese: 'gb18030', code: 'qr' });
    const order = generated.orders.find((o) => shippable(o))!;
    expect((await call('bench.scan', { code: order.externalId, source: 'wedge' })).outcome).toBe('opened');
    await new Promise((r) => setImmediate(r));
    await host.context.slips.idle();
    const job = await fake.waitForJob(1);
    expect(job.includes(Buffer.from(order.externalId))).toBe(true);
    expect(job.includes(iconv.encode(order.lines[0]!.title.slice(0, 4), 'gb18030')) || decodeRasters(job).length > 0).toBe(true);
  });

  it('with the trigger on ship, opening prints nothing and the last right item prints one raster slip', async () => {
    fake = await startFakeTcpPrinter();
    const { call, generated, host } = await stationWithOrders();
    await call('devices.setSlipPrinter', { trigger: 'ship', host: fake.host, port: fake.port, devicePath: '', paperMm: 58, chinese: 'raster', code: 'code128' });
    const order = generated.orders.find((o) => shippable(o))!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    await host.context.slips.idle();
    expect(fake.jobs).toHaveLength(0);
    let last;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    expect(last?.outcome).toBe('completed');
    await new Promise((r) => setImmediate(r));
    await host.context.slips.idle();
    const job = await fake.waitForJob(1);
    const rasters = decodeRasters(job);
    expect(rasters.length).toBeGreaterThan(0);
    expect(rasters.every((r) => r.width === 384)).toBe(true);
    expect(rasters.reduce((n, r) => n + inkedRows(r).length, 0)).toBeGreaterThan(100);
    expect(job.includes(Buffer.from(order.externalId))).toBe(true); // the Code128 data
  });

  it('asks a receipt printer for its state first (DLE EOT): cover open or paper out holds the slip back and says why; near the end still prints', async () => {
    fake = await startFakeTcpPrinter();
    const { call } = await stationWithOrders();
    const printer = { trigger: 'off' as const, host: fake.host, port: fake.port, devicePath: '', paperMm: 80 as const, chinese: 'gb18030' as const, code: 'none' as const };
    fake.setEscposStatus(escposStatusBytes({ coverOpen: true }));
    await expect(call('devices.testSlip', { printer })).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.status.coverOpen' } });
    fake.setEscposStatus(escposStatusBytes({ paperOut: true }));
    await expect(call('devices.testSlip', { printer })).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.status.paperOut' } });
    // Something that is not a receipt printer answers the question with text.
    fake.setEscposStatus([0x48, 0x54]);
    await expect(call('devices.testSlip', { printer })).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.status.unreadable' } });
    expect(fake.jobs).toHaveLength(0);
    fake.setEscposStatus(escposStatusBytes({ nearEnd: true }));
    await call('devices.setSlipPrinter', { ...printer, trigger: 'open' });
    await expect(call('devices.testSlip', {})).resolves.toMatchObject({ bytes: expect.any(Number) });
    const job = await fake.waitForJob(1);
    // The questions are not part of the slip: the job starts with the printer's reset (ESC @).
    expect(job.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
  });

  it('a packer prints an order\'s slip again once the printer is back (one that did not print is not lost)', async () => {
    fake = await startFakeTcpPrinter();
    const { call, generated, host } = await stationWithOrders();
    await call('devices.setSlipPrinter', { trigger: 'open', host: fake.host, port: fake.port, devicePath: '', paperMm: 80, chinese: 'gb18030', code: 'none' });
    await call('users.save', { name: '打包员', role: 'packer', pin: '4321' });
    await call('session.login', { pin: '4321' });
    const order = generated.orders.find((o) => shippable(o))!;
    fake.setEscposStatus(escposStatusBytes({ paperOut: true }));
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    await new Promise((r) => setImmediate(r));
    await host.context.slips.idle();
    expect(fake.jobs).toHaveLength(0);
    await expect(call('labels.printPackingSlip', { orderId: `taobao:${order.externalId}` })).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.status.paperOut' } });
    fake.setEscposStatus(escposStatusBytes({}));
    await expect(call('labels.printPackingSlip', { orderId: `taobao:${order.externalId}` })).resolves.toMatchObject({ bytes: expect.any(Number) });
    const job = await fake.waitForJob(1);
    expect(job.includes(Buffer.from(order.externalId))).toBe(true);
  });

  it('a slip asked for anything but an order this station holds is refused by name, and nothing prints', async () => {
    fake = await startFakeTcpPrinter();
    const { call, generated } = await stationWithOrders();
    await call('devices.setSlipPrinter', { trigger: 'ship', host: fake.host, port: fake.port, devicePath: '', paperMm: 80, chinese: 'gb18030', code: 'none' });
    const known = new Set(generated.orders.map((o) => `taobao:${o.externalId}`));
    const orderId = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => `taobao:${s}`),
      fc.constantFrom('', ' ', 'taobao:', '../../etc/passwd', 'taobao:1 OR 1=1', `taobao:${'9'.repeat(101)}`, 'taobao:\u0000', '%00', '\u202e'),
      fc.anything(),
    );
    await fc.assert(fc.asyncProperty(orderId, async (id) => {
      if (typeof id === 'string' && known.has(id)) return;
      const outcome = await call('labels.printPackingSlip', { orderId: id } as never).then(() => 'printed', (e: { code?: string }) => e.code);
      expect(['INVALID_INPUT', 'NOT_FOUND']).toContain(outcome);
    }), { numRuns: 200 });
    expect(fake.jobs).toHaveLength(0);
  });

  it('only a supervisor or admin may point the slip printer somewhere, and never at a non-printer port', async () => {
    const { call } = await stationWithOrders();
    await expect(call('devices.setSlipPrinter', { trigger: 'open', host: '127.0.0.1', port: 22, devicePath: '', paperMm: 80, chinese: 'raster', code: 'qr' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await call('users.save', { name: '打包员', role: 'packer', pin: '4321' });
    await call('session.login', { pin: '4321' });
    await expect(call('devices.setSlipPrinter', { trigger: 'open', host: '127.0.0.1', port: 9100, devicePath: '', paperMm: 80, chinese: 'raster', code: 'qr' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
