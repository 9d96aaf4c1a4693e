import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/host/create-host';
import { startStationServer } from '../../electron/host/station-server';
import { startCuttableProxy } from '../fakes/tcp-proxy.fake';
import { hubBackends, hubStorage, startTestHub, type TestHub } from '../helpers/hub-db';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

const MiB = 1024 * 1024;
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

/** A clock a test can move past the uploader's backoff instead of sleeping through it. */
const clock = () => {
  const c = { offset: 0, now: () => Date.now() + c.offset };
  return c;
};

/** A bench as a shop has it: its own data folder, paired over HTTPS (pinned) through `url`, syncing only when told. */
async function bench(hub: TestHub, name: string, options: { url?: string; now?: () => number } = {}) {
  const host = start({ ...(options.now ? { now: options.now } : {}) });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const { code } = await hub.hub.newPairingCode('packer');
  await call('sync.pair', { hubUrl: options.url ?? hub.url, code, fingerprint: hub.fingerprint, stationName: name });
  return host;
}

function start(options: { dataDir?: string; now?: () => number }): Host {
  const host = createTempHost({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), sync: { autoSync: false, ...(options.now ? { now: options.now } : {}) } });
  open.push(host);
  return host;
}

/** The browser station's HTTP side of a bench: `/attachments/<sha>?ticket=…` as its screens (and the desk's phones) ask. */
async function serve(host: Host) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'packdesk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  const station = await startStationServer({ rendererDir, onTransport: (t) => host.server.attach(t), attachments: host.attachments });
  open.push(station);
  const ticket = host.context.media.ticket();
  return (sha256: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${station.port}/attachments/${sha256}?ticket=${ticket}`, { headers });
}

const stationOf = (host: Host) => host.context.sync.service.status().stationId;
const pendingFiles = async (host: Host) => (await hostCaller(host)('sync.status', {})).pendingFiles;

describe.each(hubBackends)('photos reach the hub and other benches (%s)', (backend) => {
  const storage = hubStorage(backend);
  afterAll(() => storage.dispose());

  async function shop() {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const cable = await startCuttableProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) });
    open.push(cable);
    return { hub, cable, viaCable: cable.url.replace('http:', 'https:') };
  }

  it('a 3 MB picture cut off half-way resumes where the hub stopped; bench B fetches it on demand; one not uploaded yet is a quick 404', async () => {
    const { hub, cable, viaCable } = await shop();
    const time = clock();
    const a = await bench(hub, 'A', { url: viaCable, now: time.now });
    const picture = randomBytes(3 * MiB);
    const { sha256 } = a.context.media.store.put(picture, 'image/jpeg');
    expect(await pendingFiles(a)).toBe(1);

    // The cable is pulled a quarter of the way into the third 512 KiB chunk.
    const cut = cable.cutAfter(cable.bytesUp() + 1.25 * MiB);
    const first = await a.context.attachmentSync.uploadNow();
    await cut;
    expect(first).toMatchObject({ uploaded: 0, stopped: true });
    expect(await hub.hub.attachments.status(sha256, stationOf(a))).toMatchObject({ receivedBytes: MiB, totalBytes: picture.length, complete: false });
    expect(await pendingFiles(a)).toBe(1);

    await cable.heal();
    time.offset += 60_000;
    const sentBefore = cable.bytesUp();
    expect(await a.context.attachmentSync.uploadNow()).toMatchObject({ uploaded: 1, failed: 0 });
    // Only what the hub lacked went again: about 2 MiB, not the whole 3.
    expect(cable.bytesUp() - sentBefore).toBeGreaterThan(2 * MiB);
    expect(cable.bytesUp() - sentBefore).toBeLessThan(2.2 * MiB);
    expect(await hub.hub.attachments.status(sha256, stationOf(a))).toMatchObject({ receivedBytes: picture.length, complete: true });
    expect(await pendingFiles(a)).toBe(0);
    expect(a.context.attachmentSync.uploads.stateOf(sha256)).toMatchObject({ state: 'confirmed', uploadedBytes: picture.length });

    const b = await bench(hub, 'B');
    const atB = await serve(b);
    const whole = await atB(sha256);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await whole.arrayBuffer()).equals(picture)).toBe(true);
    // Kept at B now: served from its own store, by byte range, and never uploaded back.
    expect(b.context.attachmentSync.uploads.stateOf(sha256)).toMatchObject({ state: 'confirmed' });
    const part = await atB(sha256, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(picture.subarray(100, 200))).toBe(true);
    expect(await pendingFiles(b)).toBe(0);

    const notYet = a.context.media.store.put(randomBytes(2000), 'image/png');
    const asked = Date.now();
    const missing = await atB(notYet.sha256);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'notUploaded' });
    expect(Date.now() - asked).toBeLessThan(2000);

    // A's own copy let go for the disk budget comes back from the hub, the same bytes.
    expect(a.context.media.store.evict(sha256)).toBe(true);
    expect(a.context.media.store.open(sha256)).toBeNull();
    expect(await a.context.attachmentSync.fetcher.fetch(sha256)).toBe('stored');
    expect(a.context.attachmentSync.uploads.stateOf(sha256)).toMatchObject({ state: 'confirmed', evictedAt: null });
  });

  it('an upload cut off and the bench restarted resumes from what the hub holds', async () => {
    const { hub, cable, viaCable } = await shop();
    const time = clock();
    const a = await bench(hub, 'A', { url: viaCable, now: time.now });
    const picture = randomBytes(3 * MiB);
    const { sha256 } = a.context.media.store.put(picture, 'image/jpeg');
    const cut = cable.cutAfter(cable.bytesUp() + 1.75 * MiB);
    expect(await a.context.attachmentSync.uploadNow()).toMatchObject({ stopped: true });
    await cut;
    const dataDir = a.dataDir;
    const stationA = stationOf(a);
    open.splice(open.indexOf(a), 1);
    a.close();
    const held = (await hub.hub.attachments.status(sha256, stationA)).receivedBytes;
    expect(held).toBe(1.5 * MiB);

    await cable.heal();
    time.offset += 60_000;
    const again = start({ dataDir, now: time.now });
    expect(await pendingFiles(again)).toBe(1);
    const sentBefore = cable.bytesUp();
    expect(await again.context.attachmentSync.uploadNow()).toMatchObject({ uploaded: 1 });
    expect(cable.bytesUp() - sentBefore).toBeLessThan(1.7 * MiB);
    expect(await hub.hub.attachments.status(sha256, stationA)).toMatchObject({ complete: true, receivedBytes: picture.length });
    const atB = await serve(await bench(hub, 'B'));
    expect(Buffer.from(await (await atB(sha256)).arrayBuffer()).equals(picture)).toBe(true);
  });
});

describe('a bench working alone', () => {
  it('uploads nothing, says nothing is pending, and answers a file it lacks with 404 notUploaded', async () => {
    const host = start({});
    const { sha256 } = host.context.media.store.put(randomBytes(500), 'image/webp');
    expect(await host.context.attachmentSync.uploadNow()).toEqual({ uploaded: 0, failed: 0, stopped: false });
    expect(await pendingFiles(host)).toBe(0);
    expect(host.context.attachmentSync.uploads.stateOf(sha256)).toMatchObject({ state: 'pending' });
    const get = await serve(host);
    const missing = await get('ab'.repeat(32));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'notUploaded' });
  });
});
