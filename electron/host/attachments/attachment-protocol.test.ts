import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_ATTACHMENTS_BASE } from '#shared/domain/attachments';
import { createTempHost } from '../../../test/host/temp-host';
import { createDesktopAttachments } from './attachment-protocol';

/**
 * The desktop window's `packdesk://attachments/…` (what Electron's protocol.handle calls), driven
 * here with Fetch Requests in Node: the same route as the browser station's, with real files in
 * the host's store. Electron itself does not run on the build machines.
 */
describe('pack clips through the desktop scheme', () => {
  let host: ReturnType<typeof createTempHost> | null = null;
  afterEach(() => {
    host?.close();
    host = null;
  });

  // A clip as the recorder leaves it: the EBML magic of a WebM file, then 300 KB of (incompressible) body.
  const clip = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(300 * 1024)]);

  async function start() {
    host = createTempHost();
    await host.context.loadSamples();
    const h = host;
    const orderId = h.context.ordersRepo.list({ query: '', state: 'all', limit: 1, offset: 0, now: new Date().toISOString() }).orders[0]!.id;
    const respond = createDesktopAttachments({ routes: h.attachments, ticketMatches: (t) => h.context.media.ticketMatches(t) });
    const ticket = h.context.media.ticket();
    const upload = (body: Buffer, headers: Record<string, string> = {}, order = orderId) =>
      respond(new Request(`${DESKTOP_ATTACHMENTS_BASE}clips?${new URLSearchParams({ order, started: '2026-01-01T00:00:00.000Z', ended: '2026-01-01T00:00:05.000Z', duration: '5000' })}`, {
        method: 'POST', headers: { authorization: `Bearer ${ticket}`, 'content-type': 'video/webm', ...headers }, body: new Uint8Array(body),
      }));
    const get = (name: string, headers: Record<string, string> = {}, query = `?ticket=${ticket}`, method = 'GET') =>
      respond(new Request(`${DESKTOP_ATTACHMENTS_BASE}${name}${query}`, { method, headers }));
    return { host: h, orderId, respond, ticket, upload, get };
  }

  it('takes a clip only from a logged-in bench with the ticket, and serves the stored file whole, by range and by HEAD', async () => {
    const { host, orderId, upload, get } = await start();
    expect((await upload(clip)).status).toBe(403);
    host.context.session.loginWithPin('0000');
    expect((await upload(clip, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await upload(clip, { authorization: '' })).status).toBe(401);
    const answer = await upload(clip);
    expect(answer.status).toBe(201);
    const { clip: stored } = (await answer.json()) as { clip: { sha256: string; bytes: number; orderId: string } };
    expect(stored).toMatchObject({ orderId, bytes: clip.length });
    // A real file in the store, the bytes sent.
    expect(readFileSync(host.context.media.store.open(stored.sha256)!.path).equals(clip)).toBe(true);

    expect((await get(stored.sha256, {}, '')).status).toBe(401);
    expect((await get(stored.sha256, {}, '?ticket=wrong')).status).toBe(401);
    const whole = await get(stored.sha256);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe(String(clip.length));
    expect(whole.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await whole.arrayBuffer()).equals(clip)).toBe(true);

    // A <video> seeking: a middle range, an open end, a suffix; past the end is 416.
    const middle = await get(stored.sha256, { range: 'bytes=100000-199999' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 100000-199999/${clip.length}`);
    expect(Buffer.from(await middle.arrayBuffer()).equals(clip.subarray(100000, 200000))).toBe(true);
    const tail = await get(stored.sha256, { range: `bytes=${clip.length - 10}-` });
    expect(Buffer.from(await tail.arrayBuffer()).equals(clip.subarray(clip.length - 10))).toBe(true);
    const suffix = await get(stored.sha256, { range: 'bytes=-4' });
    expect(suffix.headers.get('content-range')).toBe(`bytes ${clip.length - 4}-${clip.length - 1}/${clip.length}`);
    const unsatisfiable = await get(stored.sha256, { range: `bytes=${clip.length}-` });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe(`bytes */${clip.length}`);
    const head = await get(stored.sha256, { range: 'bytes=0-3' }, `?ticket=${host.context.media.ticket()}`, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('4');
    expect(head.body).toBeNull();
  });

  it('answers 404 for what is not there, and refuses the wrong method, type, order or body', async () => {
    const { host, respond, upload, get } = await start();
    host.context.session.loginWithPin('0000');
    const missing = await get('a'.repeat(64));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'notUploaded' });
    expect((await get('not-a-hash')).status).toBe(404);
    expect((await respond(new Request(`packdesk://elsewhere/${'a'.repeat(64)}`))).status).toBe(404);
    expect((await get('clips')).status).toBe(405);
    expect((await upload(clip, { 'content-type': 'text/html' })).status).toBe(415);
    expect((await upload(Buffer.from('<html>not a video</html>'))).status).toBe(400);
    expect((await upload(clip, {}, 'no-such-order')).status).toBe(400);
    expect((await upload(clip, { 'content-length': String(600 * 1024 * 1024) })).status).toBe(413);
    const preflight = await respond(new Request(`${DESKTOP_ATTACHMENTS_BASE}clips`, { method: 'OPTIONS' }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(host.context.media.usage().usedBytes).toBe(0);
  });

  it('hostile paths never reach a file outside the store, never a 5xx, and only the clip’s own name serves it', async () => {
    const { host, upload, respond, ticket } = await start();
    host.context.session.loginWithPin('0000');
    const { clip: stored } = (await (await upload(clip)).json()) as { clip: { sha256: string } };
    const secret = `SECRET-${randomBytes(8).toString('hex')}`;
    writeFileSync(join(host.dataDir, 'secret.txt'), secret);
    const pieces = ['..', '.', '/', '\\', '%2e%2e', '%2f', '%5c', '%00', '%', 'secret.txt', 'station.db', stored.sha256, host.dataDir, 'clips', '?', '#', '~'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 8 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'PUT'),
        fc.boolean(),
        async (parts, method, withTicket) => {
          const raw = parts.join('');
          let request: Request;
          try {
            request = new Request(`${DESKTOP_ATTACHMENTS_BASE}${raw}${withTicket ? `${raw.includes('?') ? '&' : '?'}ticket=${ticket}` : ''}`, { method });
          } catch {
            return; // not a URL at all: nothing reaches the app
          }
          const answer = await respond(request);
          expect(answer.status).toBeLessThan(500);
          const body = Buffer.from(await answer.arrayBuffer());
          expect(body.includes(secret)).toBe(false);
          expect(body.includes('SQLite format 3')).toBe(false);
          if (answer.status === 200 || answer.status === 206) {
            expect(new URL(request.url).pathname).toBe(`/${stored.sha256}`);
            expect(method === 'HEAD' || body.equals(clip)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
