import { afterEach, describe, expect, it } from 'vitest';
import type { StationServer } from '../../electron/host/station-server';
import { getRequest, rawRequest, upgradeRequest } from '../helpers/raw-http';
import { SECRET, startTestStation } from '../helpers/station-fixture';

let station: StationServer | null = null;
afterEach(async () => {
  await station?.close();
  station = null;
});

async function start(host?: string) {
  station = await startTestStation(host ? { host } : {});
  return station;
}

const own = (s: StationServer, name = '127.0.0.1') => `${name}:${s.port}`;
const ownOrigin = (s: StationServer, name = '127.0.0.1') => `http://${name}:${s.port}`;

describe('the browser station over raw HTTP', () => {
  it('answers 400 to malformed percent-encoding (curl --path-as-is /%ff) and goes on serving', async () => {
    const s = await start();
    for (const target of ['/%ff', '/%', '/%E4%B8', '/%c0%ae', '/assets/%', '/%00', '/a%5c..%5c..%5csecret.txt', '//', '//evil.example/x']) {
      const answer = await rawRequest(s.port, getRequest(target, { Host: own(s) }));
      expect(answer.status, target).toBeGreaterThanOrEqual(400);
      expect(answer.status, target).toBeLessThan(500);
      expect(answer.body).not.toContain(SECRET);
    }
    const home = await rawRequest(s.port, getRequest('/', { Host: own(s) }));
    expect(home.status).toBe(200);
    expect(home.body).toContain('Packdesk');
  });

  it('a cross-origin <img src> with a broken URL gets a 400, not a dead station', async () => {
    const s = await start();
    const answer = await rawRequest(
      s.port,
      getRequest('/%ff.png', { Host: own(s), Accept: 'image/avif,image/webp,*/*', Referer: 'https://evil.example/', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Dest': 'image' }),
    );
    expect(answer.status).toBe(400);
    expect((await rawRequest(s.port, getRequest('/assets/app.js', { Host: own(s) }))).status).toBe(200);
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    const s = await start();
    for (const target of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2frenderer-evil.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const answer = await rawRequest(s.port, getRequest(target, { Host: own(s) }));
      expect(answer.status, target).toBeLessThan(500);
      expect(answer.body, target).not.toContain(SECRET);
      expect(answer.body, target).not.toContain('root:x:0:0');
    }
  });

  it('refuses a Host that is not a loopback name (DNS rebinding) and accepts the loopback ones', async () => {
    const s = await start();
    for (const host of [`evil.example:${s.port}`, `127.0.0.1.nip.io:${s.port}`, `localhost.evil.example:${s.port}`, `192.168.1.20:${s.port}`, 'evil.example']) {
      const page = await rawRequest(s.port, getRequest('/', { Host: host }));
      expect(page.status, host).toBe(421);
      expect(page.body).not.toContain('Packdesk');
    }
    expect((await rawRequest(s.port, `GET / HTTP/1.0\r\n\r\n`)).status).toBe(421);
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
      expect((await rawRequest(s.port, getRequest('/', { Host: own(s, name) }))).status, name).toBe(200);
    }
  });

  it('the WebSocket needs the token, the own Host, and no foreign Origin', async () => {
    const s = await start();
    const rpc = `/rpc?token=${s.token}`;
    const answer = async (target: string, headers: Record<string, string>) => (await rawRequest(s.port, upgradeRequest(target, headers))).status;
    expect(await answer(rpc, { Host: own(s), Origin: ownOrigin(s) })).toBe(101);
    expect(await answer(rpc, { Host: own(s, 'localhost'), Origin: ownOrigin(s, 'localhost') })).toBe(101);
    // A non-browser client (the CLI, a test) sends no Origin; the token is enough.
    expect(await answer(rpc, { Host: own(s) })).toBe(101);
    // A page on another site, or on another local port, holding a stolen token still gets nothing.
    for (const origin of ['https://evil.example', `http://evil.example:${s.port}`, 'http://127.0.0.1:1', 'null', `http://127.0.0.1:${s.port}.evil.example`]) {
      expect(await answer(rpc, { Host: own(s), Origin: origin }), origin).toBe(403);
    }
    expect(await answer(rpc, { Host: `evil.example:${s.port}`, Origin: `http://evil.example:${s.port}` })).toBe(421);
    expect(await answer('/rpc?token=wrong', { Host: own(s), Origin: ownOrigin(s) })).toBe(401);
    expect(await answer('/rpc', { Host: own(s) })).toBe(401);
    for (const target of ['/%ff', '//', '/rpc?token=%ff']) expect(await answer(target, { Host: own(s) }), target).toBeGreaterThanOrEqual(400);
    expect((await rawRequest(s.port, getRequest('/', { Host: own(s) }))).status).toBe(200);
  });

  it('bound to another interface on purpose, it also answers to that address', async () => {
    const s = await start('127.0.0.2');
    expect((await rawRequest(s.port, getRequest('/', { Host: own(s, '127.0.0.2') }), { host: '127.0.0.2' })).status).toBe(200);
    const upgrade = await rawRequest(s.port, upgradeRequest(`/rpc?token=${s.token}`, { Host: own(s, '127.0.0.2'), Origin: ownOrigin(s, '127.0.0.2') }), { host: '127.0.0.2' });
    expect(upgrade.status).toBe(101);
    expect((await rawRequest(s.port, getRequest('/', { Host: `evil.example:${s.port}` }), { host: '127.0.0.2' })).status).toBe(421);
  });
});
