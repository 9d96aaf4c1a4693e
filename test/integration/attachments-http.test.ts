import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRange } from '../../electron/host/attachments/attachment-http';
import { startStationServer, type StationServer } from '../../electron/host/station-server';
import { createTempHost } from '../host/temp-host';

/** `/attachments/…` on the browser station: a pack clip in, byte ranges out, and who may do either. */
describe('pack clips over the station HTTP', () => {
  let station: StationServer | null = null;
  let host: ReturnType<typeof createTempHost> | null = null;
  afterEach(async () => {
    await station?.close();
    host?.close();
    station = null;
  });

  async function start() {
    host = createTempHost();
    await host.context.loadSamples();
    const rendererDir = mkdtempSync(join(tmpdir(), 'packdesk-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
    station = await startStationServer({ rendererDir, onTransport: (t) => host!.server.attach(t), attachments: host.attachments });
    const orderId = host.context.ordersRepo.list({ query: '', state: 'all', limit: 1, offset: 0, now: new Date().toISOString() }).orders[0]!.id;
    const base = `http://127.0.0.1:${station.port}`;
    const upload = (body: Buffer, headers: Record<string, string> = {}, order = orderId) =>
      fetch(`${base}/attachments/clips?${new URLSearchParams({ order, started: '2026-01-01T00:00:00.000Z', ended: '2026-01-01T00:00:05.000Z', duration: '5000' })}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${station!.token}`, 'content-type': 'video/webm', origin: base, ...headers },
        body: new Uint8Array(body),
      });
    return { host, station, base, orderId, upload };
  }

  const clipBytes = () => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('webm'), Buffer.alloc(5000, 7)]);

  it('takes a clip only while someone is logged in, links it to the order and serves it by byte range with the ticket', async () => {
    const { host, base, orderId, upload } = await start();
    expect((await upload(clipBytes())).status).toBe(403);
    host.context.session.loginWithPin('0000');
    const answer = await upload(clipBytes());
    expect(answer.status).toBe(201);
    const { clip } = (await answer.json()) as { clip: { sha256: string; bytes: number; orderId: string } };
    expect(clip).toMatchObject({ orderId, bytes: 5008 });
    expect(host.context.media.forOrder(orderId)).toHaveLength(1);

    const url = `${base}/attachments/${clip.sha256}`;
    expect((await fetch(url)).status).toBe(401);
    const ticket = host.context.media.ticket();
    const whole = await fetch(`${url}?ticket=${ticket}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(Buffer.from(await whole.arrayBuffer()).equals(clipBytes())).toBe(true);
    const part = await fetch(`${url}?ticket=${ticket}`, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 0-3/5008');
    expect(Buffer.from(await part.arrayBuffer()).toString('hex')).toBe('1a45dfa3');
    expect((await fetch(`${url}?ticket=${ticket}`, { headers: { range: 'bytes=9000-' } })).status).toBe(416);
  });

  it('refuses another origin, a wrong token, a body that is not WebM, an unknown order and a body past the cap', async () => {
    const { host, upload } = await start();
    host.context.session.loginWithPin('0000');
    expect((await upload(clipBytes(), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(clipBytes(), { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await upload(clipBytes(), { 'content-type': 'text/html' })).status).toBe(415);
    expect((await upload(Buffer.from('<html>not a video</html>'))).status).toBe(400);
    expect((await upload(clipBytes(), {}, 'no-such-order')).status).toBe(400);
    expect((await upload(clipBytes(), { 'content-length': String(600 * 1024 * 1024) }).catch(() => ({ status: 413 }))).status).toBe(413);
    expect(host.context.media.usage().usedBytes).toBe(0);
  });
});

describe('byte ranges', () => {
  it('always names bytes inside the file, or the whole file, or says unsatisfiable', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(10_000), (header, size) => {
        const range = parseRange(header, size);
        if (range === null || range === 'unsatisfiable') return;
        expect(range.start).toBeGreaterThanOrEqual(0);
        expect(range.end).toBeLessThan(size);
        expect(range.start).toBeLessThanOrEqual(range.end);
      }),
    );
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (a, b, size) => {
        const range = parseRange(`bytes=${a}-${b}`, size);
        if (range === null || range === 'unsatisfiable') return;
        expect(range.end).toBeLessThan(size);
      }),
    );
    expect(parseRange('bytes=-100', 50)).toEqual({ start: 0, end: 49 });
    expect(parseRange('bytes=0-1,5-6', 50)).toBeNull();
  });
});
