import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../../../test/fakes/tcp-printer.fake';
import { decodeTsplStatus, decodeZplStatus, openTcp9100, TSPL_STATUS_QUERY, tsplStatusComplete, ZPL_STATUS_QUERY, zplStatusComplete } from './tcp9100.transport';

let fake: FakeTcpPrinter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('TCP 9100 transport', () => {
  it('sends every byte and resolves when the printer closes its side', async () => {
    fake = await startFakeTcpPrinter();
    const data = Buffer.alloc(3 * 1024 * 1024, 0xab); // bigger than one socket buffer
    const conn = await openTcp9100(fake, { closeGraceMs: 5000 });
    const started = Date.now();
    expect(await conn.send(data)).toBe(data.length);
    conn.destroy();
    expect(Date.now() - started).toBeLessThan(4000); // the printer's close ended it, not the grace timer
    expect((await fake.waitForJob(1)).equals(data)).toBe(true);
  });

  it('answers a status request on the same connection as the job', async () => {
    fake = await startFakeTcpPrinter({ status: 0x04 });
    const conn = await openTcp9100(fake);
    const tspl = await conn.request(TSPL_STATUS_QUERY, tsplStatusComplete, 500);
    const zpl = await conn.request(ZPL_STATUS_QUERY, zplStatusComplete, 500);
    await conn.send(Buffer.from('PRINT 1,1\r\n'));
    conn.destroy();
    expect(decodeTsplStatus(tspl!).message).toEqual({ key: 'devices.status.paperOut' });
    expect(decodeZplStatus(zpl!).reasons).toEqual([{ key: 'devices.status.paperOut' }]);
    expect((await fake.waitForJob(1)).toString()).toBe('PRINT 1,1\r\n');
  });

  it('a printer that stops reading makes the send fail with PRINT_FAILED after the idle timeout', async () => {
    fake = await startFakeTcpPrinter({ mode: 'hang' });
    const conn = await openTcp9100(fake, { idleTimeoutMs: 300 });
    // More than the kernel buffers on both ends can swallow, so the stall is visible to the sender.
    const data = Buffer.alloc(48 * 1024 * 1024);
    const error = await conn.send(data).catch((e: unknown) => e);
    conn.destroy();
    expect(error).toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.tcp.stalled', params: { where: `${fake.host}:${fake.port}` } } });
  });

  it('an address where nothing answers is DEVICE_UNAVAILABLE within the connect timeout', async () => {
    const started = Date.now();
    // 192.0.2.0/24 (TEST-NET-1) is never routed: either the OS says unreachable or the connect times out.
    const error = await openTcp9100({ host: '192.0.2.1', port: 9100 }, { connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    expect(JSON.stringify((error as { msg: unknown }).msg)).toContain('192.0.2.1');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('status decoding', () => {
  it('reads the TSPL <ESC>!? byte', () => {
    expect(decodeTsplStatus(Buffer.from([0x00]))).toMatchObject({ ready: true, reasons: [] });
    expect(decodeTsplStatus(Buffer.from([0x20]))).toMatchObject({ ready: true }); // printing
    expect(decodeTsplStatus(Buffer.from([0x05])).reasons).toEqual([{ key: 'devices.status.headOpen' }, { key: 'devices.status.paperOut' }]);
    expect(decodeTsplStatus(Buffer.from([0x05])).message).toEqual({ key: 'devices.status.andMore', params: { reason: { key: 'devices.status.headOpen' }, more: 1 } });
    expect(decodeTsplStatus(Buffer.from([0x02])).message).toEqual({ key: 'devices.status.paperJam' });
    // Some other service on the port (here a web server) must not pass for a printer with no ribbon.
    expect(decodeTsplStatus(Buffer.from('HTTP/1.1 400 Bad Request'))).toMatchObject({ ready: false, message: { key: 'devices.status.notTspl' } });
  });

  it('reads the ZPL ~HS reply, ignoring ribbon out on direct thermal printers', () => {
    const hs = (paperOut: number, pause: number, headUp: number, ribbonOut: number, thermalTransfer: number) =>
      Buffer.from(`\x02030,${paperOut},${pause},1200,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${headUp},${ribbonOut},${thermalTransfer},2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`, 'latin1');
    expect(decodeZplStatus(hs(0, 0, 0, 0, 0)).ready).toBe(true);
    expect(decodeZplStatus(hs(0, 0, 0, 1, 0)).ready).toBe(true);
    expect(decodeZplStatus(hs(0, 0, 0, 1, 1)).reasons).toEqual([{ key: 'devices.status.ribbonOut' }]);
    expect(decodeZplStatus(hs(1, 1, 1, 0, 0)).reasons).toEqual([{ key: 'devices.status.headOpen' }, { key: 'devices.status.paperOut' }, { key: 'devices.status.paused' }]);
  });
});
