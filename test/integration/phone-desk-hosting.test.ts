import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deskFactory } from '../../electron/host/desk/desk-station';
import { createHubHosting } from '../../electron/hub/hub-hosting';
import { phone } from '../helpers/desk-hub';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function rendererDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'packdesk-hosting-desk-')), 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  return dir;
}

describe('a station hosting the hub serves the phone pages too', () => {
  const closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('Settings → host the hub: the panel shows the phone address, the desk joins as 主管台, and both stop with hosting', async () => {
    const hosting = createHubHosting({ appVersion: '0.1.0-test', desk: deskFactory(rendererDir(), () => {}) });
    const station = createTempHost({ sync: { autoSync: false, hubHosting: hosting } });
    closers.push(() => station.close());
    const call = hostCaller(station);
    await call('session.login', { pin: '0000' });
    const port = await freePort();
    const status = await call('hub.setHosting', { enabled: true, port });
    closers.push(() => call('hub.setHosting', { enabled: false, port }));
    expect(status).toMatchObject({ running: true, error: null });
    expect(status.phoneUrls).toEqual(status.urls.map((u) => `${u}/`));
    expect(status.phoneUrls!.every((u) => u.startsWith('https://') && u.endsWith(`:${port}/`))).toBe(true);

    const local = phone(`https://127.0.0.1:${port}`);
    expect((await local.session()).body).toEqual({ desk: true, user: null, idleMinutes: 15, ended: null });
    await expect.poll(async () => (await call('hub.hosting', {})).stations.map((s) => `${s.name}:${s.role}`).sort(), { timeout: 10_000 }).toContain('主管台:supervisor');

    const off = await call('hub.setHosting', { enabled: false, port });
    expect(off).toMatchObject({ running: false, phoneUrls: [] });
    await expect(local.session()).rejects.toThrow();
  });
});
