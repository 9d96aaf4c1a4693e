import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_CHUNK_MAX, hubErrorSchema } from '#shared/contract/hub.contract';
import { hubBackends, hubStorage, startTestHub, versions, type TestHub } from '../helpers/hub-db';
import { rawRequest, type RawReply } from '../helpers/hostile-http';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const DAY = 86_400_000;
const versionQuery = { protocol: String(versions.protocol), appVersion: versions.appVersion, schemaVersion: String(versions.schemaVersion) };

/** The three attachment endpoints as a client sends them, honest or not: raw bytes, any query. */
function client(hub: TestHub, token: string | null) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const q = (query: Record<string, string | number>) => new URLSearchParams({ ...versionQuery, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  return {
    chunk: (query: Record<string, string | number>, body: Buffer | string, contentType = 'application/octet-stream') =>
      rawRequest(hub.url, { path: `/attachments/chunk?${q(query)}`, body, headers: { ...auth, 'content-type': contentType } }),
    status: (sha256: string) => rawRequest(hub.url, { method: 'GET', path: `/attachments/status?${q({ sha256 })}`, headers: auth }),
    file: (sha256: string, headers: Record<string, string> = {}) => rawRequest(hub.url, { method: 'GET', path: `/attachments/file?${q({ sha256 })}`, headers: { ...auth, ...headers } }),
    /** The file endpoint's bytes as they come (rawRequest decodes text). */
    fileBytes: (sha256: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = https.request(`${hub.url}/attachments/file?${q({ sha256 })}`, { headers: { ...auth, ...headers }, rejectUnauthorized: false, agent: false }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
        });
        req.on('error', reject);
        req.end();
      }),
    /** An honest upload in `size`-byte chunks; the last answer. */
    async upload(bytes: Buffer, mime = 'image/jpeg', size = 64 * 1024): Promise<RawReply> {
      let reply: RawReply | null = null;
      for (let offset = 0; offset < bytes.length || reply === null; offset += size) {
        reply = await this.chunk({ sha256: sha(bytes), offset, total: bytes.length, mime }, bytes.subarray(offset, offset + size));
        if (reply.status !== 200) return reply;
      }
      return reply;
    },
  };
}

/** A refusal: 4xx in the hub's error shape, never a 5xx. */
function refused(reply: RawReply, status: number, error?: string) {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  const body = hubErrorSchema.parse(reply.body);
  if (error) expect(body.error).toBe(error);
  return body;
}

/** Every complete file the hub keeps hashes to its name. */
function filesAreTheirNames(dataDir: string) {
  const dir = join(dataDir, 'hub-attachments');
  for (const name of readdirSync(dir).filter((n) => !n.startsWith('.'))) expect(sha(readFileSync(join(dir, name)))).toBe(name);
}

describe.each(hubBackends)('attachments at the hub (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub | null = null;
  afterEach(async () => {
    await hub?.close();
    hub = null;
  });
  afterAll(() => storage.dispose());

  it('takes chunks only at the offset it holds, refuses lies about size, type, hash and body with 4xx, and serves the file by range', async () => {
    const options = await storage.fresh();
    hub = await startTestHub(options);
    const honest = await hub.station('honest');
    const station = client(hub, honest.token);
    const photo = randomBytes(200_000);
    const name = sha(photo);
    const at = (offset: number, extra: Record<string, string | number> = {}) => ({ sha256: name, offset, total: photo.length, mime: 'image/jpeg', ...extra });

    expect((await station.status(name)).body).toEqual({ sha256: name, receivedBytes: 0, totalBytes: null, complete: false, expired: false });
    expect(refused(await station.chunk(at(5), photo.subarray(5, 100)), 409, 'offset_mismatch').expected).toBe(0);
    expect((await station.chunk(at(0), photo.subarray(0, 70_000))).body).toMatchObject({ receivedBytes: 70_000, complete: false });
    expect(refused(await station.chunk(at(0), photo.subarray(0, 70_000)), 409, 'offset_mismatch').expected).toBe(70_000);
    expect(refused(await station.chunk(at(90_000), photo.subarray(90_000, 100_000)), 409, 'offset_mismatch').expected).toBe(70_000);
    // Another station sending the same name, declared otherwise, has its own upload: it spoils nothing of this one.
    const other = client(hub, (await hub.station('other')).token);
    expect((await other.chunk(at(0, { total: 999 }), photo.subarray(0, 500))).body).toMatchObject({ receivedBytes: 500, totalBytes: 999, complete: false });
    expect((await station.status(name)).body).toMatchObject({ receivedBytes: 70_000, totalBytes: photo.length });
    refused(await station.chunk(at(70_000), Buffer.concat([photo.subarray(70_000), Buffer.alloc(10)])), 400, 'invalid');
    refused(await station.chunk(at(70_000), Buffer.alloc(0)), 400, 'invalid');
    refused(await station.chunk(at(0, { total: 9 * 1024 * 1024, sha256: 'aa'.repeat(32) }), 'x'), 400, 'invalid');
    refused(await station.chunk(at(0, { mime: 'video/webm', total: 600 * 1024 * 1024, sha256: 'bb'.repeat(32) }), 'x'), 400, 'invalid');
    refused(await station.chunk(at(0, { mime: 'text/html', sha256: 'cc'.repeat(32) }), 'x'), 400, 'invalid');
    refused(await station.chunk(at(0, { sha256: 'not-a-hash' }), 'x'), 400, 'invalid');
    refused(await station.chunk(at(0, { offset: -1 }), 'x'), 400, 'invalid');
    refused(await station.chunk(at(70_000), JSON.stringify({ bytes: 'x' }), 'application/json'), 415, 'invalid');
    refused(await station.chunk(at(70_000), 'text', 'text/plain'), 415, 'invalid');
    refused(await station.chunk(at(70_000), Buffer.alloc(ATTACHMENT_CHUNK_MAX + 1)), 413, 'invalid');
    refused(await client(hub, null).chunk(at(70_000), photo.subarray(70_000, 80_000)), 401, 'unauthenticated');
    refused(await client(hub, 'forged').status(name), 401, 'unauthenticated');
    refused(await station.file(name), 404, 'not_uploaded');

    // A crash after a chunk was written and before it was counted leaves bytes past the count: they are cut away.
    const partial = join(options.dataDir!, 'hub-attachments', '.partial', `${name}.${sha(Buffer.from(honest.stationId)).slice(0, 16)}`);
    expect(statSync(partial).size).toBe(70_000);
    appendFileSync(partial, randomBytes(3000));
    expect((await station.chunk(at(70_000), photo.subarray(70_000))).body).toEqual({ sha256: name, receivedBytes: photo.length, totalBytes: photo.length, complete: true, expired: false });
    if (process.platform !== 'win32') {
      // A photo shows a buyer's parcel and label: readable by the hub's user only.
      expect(statSync(join(options.dataDir!, 'hub-attachments')).mode & 0o777).toBe(0o700);
      expect(statSync(join(options.dataDir!, 'hub-attachments', name)).mode & 0o777).toBe(0o600);
    }
    // Done: sending it again (another bench with the same bytes) writes nothing and says complete.
    expect((await other.chunk(at(0), photo.subarray(0, 10))).body).toMatchObject({ complete: true });
    expect((await other.status(name)).body).toMatchObject({ complete: true, receivedBytes: photo.length });
    const whole = await station.fileBytes(name);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('image/jpeg');
    expect(whole.body.equals(photo)).toBe(true);
    const part = await other.fileBytes(name, { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${photo.length}`);
    expect(part.body.equals(photo.subarray(1000, 2000))).toBe(true);
    expect((await station.file(name, { range: 'bytes=999999999-' })).status).toBe(416);

    // Bytes that are not their name: discarded when complete, the station told so, nothing kept.
    const liar = randomBytes(5000);
    const claimed = sha(randomBytes(10));
    refused(await station.chunk({ sha256: claimed, offset: 0, total: liar.length, mime: 'image/png' }, liar), 422, 'hash_mismatch');
    expect((await station.status(claimed)).body).toMatchObject({ receivedBytes: 0, complete: false });
    refused(await station.file(claimed), 404, 'not_uploaded');
    filesAreTheirNames(options.dataDir!);
  });

  it('generated hostile requests never get a 5xx and never leave a file under a name its bytes do not have', async () => {
    const options = await storage.fresh();
    hub = await startTestHub(options);
    const { token } = await hub.station('noisy');
    const station = client(hub, (await hub.station('honest')).token);
    const target = randomBytes(3000);
    const names = [sha(target), sha(Buffer.alloc(0)), 'dd'.repeat(32)];
    const query = fc.record(
      {
        sha256: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 80 }), fc.stringMatching(/^[0-9a-f]{64}$/)),
        offset: fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom('-1', '1e99', 'abc', '', '0x10', String(Number.MAX_SAFE_INTEGER + 2))),
        total: fc.oneof(fc.constant(target.length), fc.nat({ max: 1_000_000_000 }), fc.constantFrom('-5', 'NaN', '9'.repeat(30))),
        mime: fc.oneof(fc.constantFrom('image/jpeg', 'image/png', 'video/webm', 'text/html', 'image/svg+xml', ''), fc.string({ maxLength: 30 })),
        protocol: fc.constantFrom(String(versions.protocol), '999', 'x'),
      },
      { requiredKeys: ['sha256'] },
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)),
      fc.nat({ max: 2999 }).map((n) => target.subarray(n)),
      fc.string({ maxLength: 200 }),
      fc.constant(''),
    );
    const type = fc.constantFrom('application/octet-stream', 'application/json', 'text/plain', 'multipart/form-data', 'application/octet-stream; charset=x');
    const path = fc.constantFrom('/attachments/chunk', '/attachments/status', '/attachments/file');
    await fc.assert(
      fc.asyncProperty(path, query, body, type, fc.boolean(), async (p, q, b, t, post) => {
        const search = new URLSearchParams({ ...versionQuery, ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])) });
        const reply = await rawRequest(hub!.url, {
          method: post ? 'POST' : 'GET', path: `${p}?${search}`, ...(post ? { body: b } : {}),
          headers: { authorization: `Bearer ${token}`, 'content-type': t },
        });
        expect(reply.status, `${post ? 'POST' : 'GET'} ${p}?${search} ${t}: ${reply.text.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    filesAreTheirNames(options.dataDir!);
    // An honest station still gets its file through, whatever the noise left half-done.
    expect((await station.upload(target)).body).toMatchObject({ complete: true });
    filesAreTheirNames(options.dataDir!);
  });

  it('keeps a complete file at least 180 days, then lets it go; a station may send it again', async () => {
    let now = Date.parse('2026-03-01T00:00:00.000Z');
    const options = { ...(await storage.fresh()), now: () => new Date(now), attachmentRetentionDays: 30 };
    hub = await startTestHub(options);
    expect(hub.hub.attachments.retentionDays).toBe(180);
    const station = client(hub, (await hub.station('honest')).token);
    const photo = randomBytes(10_000);
    expect((await station.upload(photo)).body).toMatchObject({ complete: true });
    now += 179 * DAY;
    expect(await hub.hub.attachments.sweep()).toEqual({ expired: 0, abandoned: 0 });
    expect((await station.file(sha(photo))).status).toBe(200);
    now += 2 * DAY;
    expect(await hub.hub.attachments.sweep()).toEqual({ expired: 1, abandoned: 0 });
    refused(await station.file(sha(photo)), 410, 'expired');
    expect((await station.status(sha(photo))).body).toMatchObject({ receivedBytes: 0, complete: false, expired: true });
    expect(readdirSync(join(options.dataDir!, 'hub-attachments')).filter((n) => !n.startsWith('.'))).toEqual([]);
    expect((await station.upload(photo)).body).toMatchObject({ complete: true, expired: false });
    expect((await station.file(sha(photo))).status).toBe(200);

    // The hub moved to a PC without its old folder: the file is asked for again, not claimed present.
    rmSync(join(options.dataDir!, 'hub-attachments', sha(photo)));
    expect((await station.status(sha(photo))).body).toMatchObject({ complete: false, receivedBytes: 0 });
    refused(await station.file(sha(photo)), 404, 'not_uploaded');
    expect((await station.upload(photo)).body).toMatchObject({ complete: true });
  });
});

