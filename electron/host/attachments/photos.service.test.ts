import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startStationServer, type StationServer } from '../station-server';
import { checkPhoto } from './photo-check';
import { hostCaller } from '../../../test/host/host-client';
import { createTempHost } from '../../../test/host/temp-host';
import { AppError } from '#shared/contract/errors';

/** A photo as a camera makes one: a gradient with a red box, so a thumbnail of it is not blank. */
async function picture(format: 'jpeg' | 'png' | 'webp', width = 1200, height = 900): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const g = ctx.createLinearGradient(0, 0, width, height);
  g.addColorStop(0, '#2040a0');
  g.addColorStop(1, '#e0e0e0');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#d02020';
  ctx.fillRect(width / 4, height / 4, width / 2, height / 2);
  return format === 'png' ? canvas.encode('png') : format === 'webp' ? canvas.encode('webp', 80) : canvas.encode('jpeg', 85);
}

/** The AppError a call failed with, checked for its code and catalog key. */
async function expectAppError(call: Promise<unknown>, code: string, key?: string): Promise<AppError> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (key) expect((error as AppError).msg.key).toBe(key);
  return error as AppError;
}

const hosts: ReturnType<typeof createTempHost>[] = [];
const stations: StationServer[] = [];
afterEach(async () => {
  await Promise.all(stations.splice(0).map((s) => s.close()));
  hosts.splice(0).forEach((h) => {
    h.close();
    rmSync(h.dataDir, { recursive: true, force: true });
  });
});

async function bench() {
  const host = createTempHost();
  hosts.push(host);
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const put = (mime: 'image/jpeg' | 'image/png' | 'image/webp', bytes: Buffer) => call('photos.put', { mime, base64: bytes.toString('base64') });
  const files = () => readdirSync(join(host.dataDir, 'attachments')).filter((f) => !f.startsWith('.')).sort();
  return { host, call, put, files };
}

describe('photos.put', () => {
  it('keeps a JPEG once by its SHA-256, with a JPEG thumbnail of at most 320 px', async () => {
    const { host, put, files } = await bench();
    const jpeg = await picture('jpeg');
    const first = await put('image/jpeg', jpeg);
    expect(first).toMatchObject({ bytes: jpeg.length, width: 1200, height: 900 });
    expect(await put('image/jpeg', jpeg)).toEqual(first);
    expect(files()).toEqual([first.sha256, first.thumbSha256].sort());
    expect(readFileSync(join(host.dataDir, 'attachments', first.sha256)).equals(jpeg)).toBe(true);
    const thumbFile = readFileSync(join(host.dataDir, 'attachments', first.thumbSha256));
    expect(thumbFile.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const thumb = await loadImage(thumbFile);
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
    // Shrunk, not blanked: the red box is still in the middle.
    const c = createCanvas(thumb.width, thumb.height);
    c.getContext('2d').drawImage(thumb, 0, 0);
    const [r, g, b] = c.getContext('2d').getImageData(160, 120, 1, 1).data;
    expect(r).toBeGreaterThan(180);
    expect(g! + b!).toBeLessThan(120);
  });

  it('keeps a PNG and a WebP as what they are; a small photo keeps its size in the thumbnail', async () => {
    const { host, put } = await bench();
    const png = await put('image/png', await picture('png', 200, 100));
    expect(host.context.media.store.open(png.sha256)?.mime).toBe('image/png');
    const thumb = await loadImage(readFileSync(join(host.dataDir, 'attachments', png.thumbSha256)));
    expect([thumb.width, thumb.height]).toEqual([200, 100]);
    const webp = await put('image/webp', await picture('webp', 640, 480));
    expect(webp).toMatchObject({ width: 640, height: 480 });
  });

  it('refuses a renamed text file, a cut-off JPEG, a PNG declared as JPEG and a file past 8 MB, saying which, and keeps nothing', async () => {
    const { put, files } = await bench();
    const jpeg = await picture('jpeg');
    await expectAppError(put('image/jpeg', Buffer.from('Order 4012345678900000201: two mugs, one broken.\n')), 'INVALID_INPUT', 'photos.notImage');
    await expectAppError(put('image/jpeg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6))), 'INVALID_INPUT', 'photos.truncated');
    await expectAppError(put('image/jpeg', jpeg.subarray(0, 300)), 'INVALID_INPUT', 'photos.truncated');
    const png = await picture('png', 64, 64);
    await expectAppError(put('image/png', png.subarray(0, png.length - 12)), 'INVALID_INPUT', 'photos.truncated');
    await expectAppError(put('image/jpeg', png), 'INVALID_INPUT', 'photos.typeMismatch');
    const big = Buffer.concat([jpeg, Buffer.alloc(8 * 1024 * 1024 - jpeg.length + 1)]);
    const refused = await expectAppError(put('image/jpeg', big), 'INVALID_INPUT', 'photos.tooLarge');
    expect(refused).toMatchObject({ msg: { params: { size: '8.0 MB', max: '8.0 MB' } } });
    expect(files()).toEqual([]);
  });

  it('needs someone logged in at the bench', async () => {
    const { call, put } = await bench();
    await call('session.logout', {});
    await expectAppError(put('image/jpeg', await picture('jpeg', 10, 10)), 'FORBIDDEN');
  });
});

describe('photos.get (the desktop window, which no file route serves)', () => {
  it('answers a photo and its thumbnail as bytes, says a photo it has not got is not uploaded, and never hands out a pack video', async () => {
    const { host, call, put } = await bench();
    const png = await picture('png', 800, 600);
    const stored = await put('image/png', png);
    const whole = await call('photos.get', { sha256: stored.sha256, thumb: false });
    expect(whole.missing).toBeNull();
    expect(whole.photo?.mime).toBe('image/png');
    expect(Buffer.from(whole.photo!.base64, 'base64').equals(png)).toBe(true);
    const thumb = await call('photos.get', { sha256: stored.sha256, thumb: true });
    expect(thumb.photo?.mime).toBe('image/jpeg');
    const small = await loadImage(Buffer.from(thumb.photo!.base64, 'base64'));
    expect([small.width, small.height]).toEqual([320, 240]);
    // Not on this bench and no hub to ask: news, not an error.
    expect(await call('photos.get', { sha256: 'ab'.repeat(32), thumb: true })).toEqual({ photo: null, missing: 'notUploaded' });
    const clip = host.context.media.store.put(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]), 'video/webm');
    expect(await call('photos.get', { sha256: clip.sha256, thumb: false })).toEqual({ photo: null, missing: 'notUploaded' });
    await call('session.logout', {});
    await expectAppError(call('photos.get', { sha256: stored.sha256, thumb: false }), 'FORBIDDEN');
  });
});

describe('thumbnails over the station HTTP', () => {
  it('serves the thumbnail with thumb=1, makes it again when it is missing, and the photo itself without', async () => {
    const { host, put } = await bench();
    const rendererDir = mkdtempSync(join(tmpdir(), 'packdesk-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
    const station = await startStationServer({ rendererDir, onTransport: (t) => host.server.attach(t), attachments: host.attachments });
    stations.push(station);
    const jpeg = await picture('jpeg');
    const photo = await put('image/jpeg', jpeg);
    const url = (sha: string, extra = '') => `http://127.0.0.1:${station.port}/attachments/${sha}?ticket=${host.context.media.ticket()}${extra}`;
    const fetchBytes = async (u: string) => {
      const res = await fetch(u);
      return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
    };

    expect((await fetchBytes(url(photo.sha256))).bytes.equals(jpeg)).toBe(true);
    const thumb = await fetchBytes(url(photo.sha256, '&thumb=1'));
    expect(thumb).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect(thumb.bytes.length).toBeLessThan(jpeg.length);
    expect((await loadImage(thumb.bytes)).width).toBe(320);
    // No ticket, no thumbnail either.
    expect((await fetch(`http://127.0.0.1:${station.port}/attachments/${photo.sha256}?thumb=1`)).status).toBe(401);

    // A photo that came from another bench: the file without its thumbnail.
    host.context.db.prepare('DELETE FROM photo_thumbs').run();
    host.context.media.store.remove(photo.thumbSha256);
    const again = await fetchBytes(url(photo.sha256, '&thumb=1'));
    expect(again.status).toBe(200);
    expect((await loadImage(again.bytes)).width).toBe(320);
    expect(host.context.media.store.open(photo.thumbSha256)).not.toBeNull();

    // A file that is no picture (a pack clip) is served as it is; one not here is a 404.
    const clip = host.context.media.store.put(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(100)]), 'video/webm');
    expect((await fetchBytes(url(clip.sha256, '&thumb=1'))).type).toBe('video/webm');
    expect((await fetch(url('a'.repeat(64), '&thumb=1'))).status).toBe(404);
  });
});

describe('photo check', () => {
  it('finds every cut of a whole picture incomplete, and never throws on any bytes', async () => {
    const whole = { jpeg: await picture('jpeg', 120, 90), png: await picture('png', 40, 30), webp: await picture('webp', 40, 30) };
    expect(checkPhoto(whole.jpeg)).toEqual({ mime: 'image/jpeg', width: 120, height: 90 });
    expect(checkPhoto(whole.png)).toEqual({ mime: 'image/png', width: 40, height: 30 });
    expect(checkPhoto(whole.webp)).toEqual({ mime: 'image/webp', width: 40, height: 30 });
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(whole)), fc.double({ min: 0, max: 1, noNaN: true }), (bytes, cut) => {
        const at = Math.min(bytes.length - 1, Math.floor(bytes.length * cut));
        expect(['truncated', 'not-image']).toContain(checkPhoto(bytes.subarray(0, at)));
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('RIFF\0\0\0\0WEBP'), Buffer.alloc(0)), fc.uint8Array({ maxLength: 300 }), (head, tail) => {
        const found = checkPhoto(Buffer.concat([head, tail]));
        expect(typeof found === 'string' || (found.width > 0 && found.height > 0)).toBe(true);
      }),
    );
  });
});
