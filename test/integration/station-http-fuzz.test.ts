import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationServer } from '../../electron/host/station-server';
import { createTempHost } from '../host/temp-host';
import { clientFrame, getRequest, rawRequest } from '../helpers/raw-http';
import { SECRET, startTestStation } from '../helpers/station-fixture';

/**
 * The browser station under generated hostile HTTP, byte for byte over raw sockets: paths full of
 * broken percent-encoding, traversal and overlong names; Host and Origin headers from other sites,
 * duplicated, empty or garbage; odd and oversized headers; WebSocket upgrades with and without the
 * token, followed by valid or garbled frames. After every request the station must still serve a
 * normal one; it never answers 5xx, never serves what is outside its folder, never upgrades a
 * request that lacks the token or comes from a foreign Host or Origin, and never throws.
 */

type Part = { text: string; own: boolean };
type Parts = readonly Part[];
type Fields = { port: number; token: string };
const fill = (text: string, f: Fields) => text.replaceAll('{port}', String(f.port)).replaceAll('{token}', f.token);
const noLineBreaks = (s: string) => s.replace(/[\r\n]/g, '');

const hex = fc.constantFrom(...'0123456789abcdefABCDEFgz%/.'.split(''));
const segment = fc.oneof(
  fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '%2f', '%5c', '%00', '%c0%ae', '%e0%80%ae', '%ff', '%fe%ff', '%', '%E4%B8', '%ED%A0%80',
    'assets', 'app.js', 'index.html', 'rpc', '~', '%252e%252e', '..%2f', '..\\', '..;', '', 'secret.txt', '%2e%2e%2fsecret.txt', 'renderer-evil.txt'),
  fc.webSegment(),
  fc.string({ unit: hex, maxLength: 6 }).map((s) => `%${s}`),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
);
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/rpc', '/rpc', '/', '/assets/app.js', '/index.html', '/orders') },
  { weight: 5, arbitrary: fc.array(segment, { maxLength: 10 }).map((s) => `/${s.join('/')}`) },
  { weight: 1, arbitrary: fc.integer({ min: 2000, max: 40_000 }).map((n) => `/${'a%'.repeat(n / 2)}`) },
  { weight: 1, arbitrary: fc.constantFrom('*', 'http://127.0.0.1:{port}/', '//', '/\\..\\secret.txt', '', '?', '#', 'rpc') },
);
const query = fc.constantFrom('', '?token={token}', '?token={token}', '?token={token}', '?token={token}', '?token=wrong', '?token=', '?token=%ff', '?token={token}&token=x', '?%', '?a=%zz');

const hostHeader: fc.Arbitrary<Parts> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('127.0.0.1:{port}', 'localhost:{port}', '[::1]:{port}', 'LocalHost:{port}').map((text) => [{ text, own: true }]) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom('evil.example:{port}', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example:{port}', '127.0.0.1.nip.io:{port}', '[::1]', '0.0.0.0:{port}', '', ' ', '127.0.0.1:{port}:{port}', '127.0.0.1:{port}@evil'),
        fc.string({ maxLength: 40 }).map(noLineBreaks),
      )
      .map((text) => [{ text, own: false }]),
  },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.constantFrom('evil.example:{port}', '127.0.0.1:{port}').map((second) => [{ text: '127.0.0.1:{port}', own: true }, { text: second, own: true }]) },
);
const originHeader: fc.Arbitrary<Parts> = fc.oneof(
  { weight: 3, arbitrary: fc.constant([]) },
  { weight: 3, arbitrary: fc.constantFrom('http://127.0.0.1:{port}', 'http://localhost:{port}', 'http://[::1]:{port}').map((text) => [{ text, own: true }]) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(fc.constantFrom('https://evil.example', 'http://evil.example:{port}', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1:{port}', 'http://127.0.0.1:{port}.evil.example', ''), fc.string({ maxLength: 40 }).map(noLineBreaks))
      .map((text) => [{ text, own: false }]),
  },
  { weight: 1, arbitrary: fc.constant([{ text: 'http://127.0.0.1:{port}', own: true }, { text: 'https://evil.example', own: false }]) },
);
const framingHeaders = /^(host|origin|content-length|transfer-encoding|expect|upgrade|connection|sec-websocket-.*)$/i;
const oddHeaders = fc.oneof(
  { weight: 8, arbitrary: fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom('Accept-Language', 'Cookie', 'Referer', 'X-Forwarded-Host', 'Forwarded', 'Range', 'If-None-Match', 'Sec-Fetch-Site', 'Accept'), fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/)),
      fc.string({ maxLength: 60 }).map(noLineBreaks),
    ).filter(([name]) => !framingHeaders.test(name)),
    { maxLength: 8 },
  ) },
  { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 20_000 }).map((n) => [['X-Big', 'x'.repeat(n)] as [string, string]]) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => [`X-Many-${i}`, 'y'] as [string, string])) },
);
const upgrade = fc.option(
  fc.record({
    // Mostly a well-formed handshake to /rpc, so the checks behind it are reached.
    toRpc: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
    key: fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZSBub25jZQ==', '', 'not-base64', 'AAAAAAAAAAAAAAAAAAAAAA=='),
    version: fc.constantFrom('13', '13', '13', '8', '', 'x'),
    protocol: fc.constantFrom('websocket', 'websocket', 'WebSocket', 'h2c', 'websocket, h2c'),
    frames: fc.oneof(
      fc.constant(Buffer.alloc(0)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 200 }), fc.constantFrom('{"t":"req","id":1,"method":"session.login","input":{"pin":"0000"}}', '{"t":"req","id":1,"method":"__proto__","input":{}}', '[[[[[[[[[[[[[[[[[[[['))
        .map((text) => Buffer.concat([clientFrame(1, Buffer.from(text.slice(0, 60_000))), clientFrame(8, Buffer.alloc(0))])),
    ),
  }),
  { freq: 2 },
);
const request = fc.record({
  method: fc.oneof({ weight: 12, arbitrary: fc.constant('GET') }, fc.constantFrom('HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'FOO', 'get')),
  version: fc.oneof({ weight: 8, arbitrary: fc.constant('HTTP/1.1') }, fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x')),
  path,
  query,
  host: hostHeader,
  origin: originHeader,
  odd: oddHeaders,
  upgrade,
});
type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

const target = (r: Generated) => (r.upgrade?.toRpc ? '/rpc' : r.path) + r.query;

function build(r: Generated, f: Fields): Buffer {
  const lines = [`${r.method} ${fill(target(r), f)} ${r.version}`];
  for (const h of r.host) lines.push(`Host: ${fill(h.text, f)}`);
  for (const o of r.origin) lines.push(`Origin: ${fill(o.text, f)}`);
  for (const [name, value] of r.odd) lines.push(`${name}: ${value}`);
  if (r.upgrade) {
    lines.push(`Upgrade: ${r.upgrade.protocol}`, 'Connection: Upgrade', `Sec-WebSocket-Key: ${r.upgrade.key}`, `Sec-WebSocket-Version: ${r.upgrade.version}`);
  } else lines.push('Connection: close');
  if (r.method === 'POST') lines.push('Content-Length: 2');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${r.method === 'POST' ? '{}' : ''}`, 'latin1');
}

/** What the station may answer 101 to: the token, one Host naming it, no Origin but its own. */
const mayUpgrade = (r: Generated) =>
  r.upgrade !== null && target(r).startsWith('/rpc?token={token}') && r.host.length === 1 && r.host[0]!.own && r.origin.every((o) => o.own);
const mayServe = (r: Generated) => r.host.length === 1 && r.host[0]!.own;

describe('HTTP fuzz of the browser station', () => {
  let station: StationServer;
  let closeHost: () => void;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    const host = createTempHost({ log: () => {} });
    closeHost = () => host.close();
    station = await startTestStation({ onTransport: (t) => host.server.attach(t) });
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await station.close();
    closeHost();
  });

  it('survives generated hostile requests: never 5xx, never a leak, never an upgrade it must refuse', async () => {
    const fields = () => ({ port: station.port, token: station.token });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const answer = await rawRequest(station.port, build(r, fields()), r.upgrade?.frames ? { afterUpgrade: r.upgrade.frames } : {});
        expect(answer.status).toBeLessThan(500);
        expect(answer.raw).not.toContain(SECRET);
        if (answer.status === 101) expect(mayUpgrade(r)).toBe(true);
        if (answer.status === 200) expect(mayServe(r)).toBe(true);
        const normal = await rawRequest(station.port, getRequest('/', { Host: `127.0.0.1:${station.port}` }));
        expect(normal.status).toBe(200);
        expect(uncaught).toEqual([]);
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 1200), seed: process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined },
    );
  }, 60_000);
});
