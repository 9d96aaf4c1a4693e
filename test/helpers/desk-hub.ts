import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Contract } from '#shared/contract/index';
import type { Input } from '#shared/rpc/define';
import type { RpcMessage, RpcResponse } from '#shared/rpc/protocol';
import { startDesk } from '../../electron/host/desk/desk-station';
import { createHub, type HubOptions } from '../../electron/hub/create-hub';
import { deskLink } from '../../electron/hub/desk-mount';
import { startHubServer } from '../../electron/hub/hub-server';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

/** A hub serving the desk, as `packdesk hub` runs it, over a small fake renderer build. */
export async function startDeskHub(options: HubOptions) {
  const base = mkdtempSync(join(tmpdir(), 'packdesk-desk-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("packdesk")');
  const hub = await createHub(options);
  const desk = startDesk({ link: deskLink(hub), dataDir: join(base, 'desk'), rendererDir, log: () => {} });
  const server = await startHubServer(hub, { port: 0, desk: { ...desk.http, nudge: desk.nudge } });
  await desk.ready;
  const deskCall = hostCaller(desk.host);
  return {
    hub, desk, server, url: server.url, port: server.port, fingerprint: hub.tls.fingerprint,
    /** The desk catches up with the hub now (it also does on its own, every few seconds). */
    deskSync: () => deskCall('sync.now', {}),
    /** An admin bench paired with this hub, logged in with the factory PIN, syncing only when told. */
    async adminBench(name = '办公室') {
      const host = createTempHost({ sync: { autoSync: false } });
      const call = hostCaller(host);
      await call('session.login', { pin: '0000' });
      const { code } = await hub.newPairingCode('admin');
      await call('sync.pair', { hubUrl: server.url, code, fingerprint: hub.tls.fingerprint, stationName: name });
      return { host, call, sync: () => call('sync.now', {}) };
    },
    async close() {
      await server.close();
      await desk.close();
      await hub.close();
    },
  };
}
export type DeskHub = Awaited<ReturnType<typeof startDeskHub>>;

export type DeskReply = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };

/**
 * A phone's browser, as far as the desk can tell: it keeps the session cookie, sends the page's
 * own Origin on POSTs and the WebSocket, trusts the hub's self-signed certificate (the user
 * accepted the warning), and may speak from another loopback address to be another phone.
 */
export function phone(baseUrl: string, options: { localAddress?: string; origin?: string | null } = {}) {
  let cookie: string | null = null;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  const request = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<DeskReply> =>
    new Promise((resolve, reject) => {
      const req = https.request(
        `${baseUrl}${path}`,
        {
          method, rejectUnauthorized: false, agent: false,
          headers: { ...(cookie ? { cookie } : {}), ...(origin && method !== 'GET' ? { origin } : {}), ...headers },
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8');
            const setCookie = res.headers['set-cookie']?.[0];
            if (setCookie) cookie = /Max-Age=0/.test(setCookie) ? null : setCookie.split(';')[0]!;
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: a page or a file
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    request,
    get cookie() {
      return cookie;
    },
    set cookie(value: string | null) {
      cookie = value;
    },
    login: (name: string, pin: string) => request('POST', '/desk/login', JSON.stringify({ name, pin }), { 'content-type': 'application/json' }),
    logout: () => request('POST', '/desk/logout'),
    session: () => request('GET', '/desk/session'),
    /** Opens the RPC WebSocket with this phone's cookie; rejects with the HTTP status when the upgrade is refused. */
    connect: () => deskSocket(baseUrl.replace(/^https/, 'wss'), { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) }, options.localAddress),
  };
}
export type Phone = ReturnType<typeof phone>;

export function deskSocket(wsBase: string, headers: Record<string, string>, localAddress?: string) {
  const socket = new WebSocket(`${wsBase}/desk/rpc`, { headers, rejectUnauthorized: false, ...(localAddress ? { localAddress } : {}) });
  const waiting = new Map<number, (r: RpcResponse) => void>();
  const events: RpcMessage[] = [];
  let nextId = 1;
  let closed: { code: number } | null = null;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as RpcMessage;
    if (message.t === 'res') waiting.get(message.id)?.(message);
    else events.push(message);
  });
  socket.on('close', (code) => (closed = { code }));
  return new Promise<{
    call<K extends keyof Contract & string>(method: K, input: Input<Contract, K>): Promise<RpcResponse>;
    /** Sends anything as a frame; resolves with the answer to `id` if one comes within `ms`, else null. */
    raw(frame: string | Buffer, id?: number, ms?: number): Promise<RpcResponse | null>;
    events: RpcMessage[];
    closed(): { code: number } | null;
    close(): void;
  }>((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        call: (method, input) => {
          const id = nextId++;
          socket.send(JSON.stringify({ t: 'req', id, method, input }));
          return new Promise((r) => waiting.set(id, r));
        },
        raw: (frame, id, ms = 500) =>
          new Promise((r) => {
            if (id !== undefined) waiting.set(id, r);
            setTimeout(() => r(null), ms);
            socket.send(frame, (error) => error && r(null));
          }),
        events,
        closed: () => closed,
        close: () => socket.close(),
      }),
    );
  });
}

/** The supervisor's and the packer's name and PIN the tests' shop has. */
export const SUPERVISOR = { name: '王主管', pin: '2468' };
export const PACKER = { name: '李打包', pin: '1357' };

/** A shop: the admin bench adds a supervisor and a packer; the desk has them after a sync. */
export async function shopWithUsers(deskHub: DeskHub) {
  const admin = await deskHub.adminBench();
  const supervisor = await admin.call('users.save', { name: SUPERVISOR.name, role: 'supervisor', pin: SUPERVISOR.pin });
  const packer = await admin.call('users.save', { name: PACKER.name, role: 'packer', pin: PACKER.pin });
  await admin.sync();
  await deskHub.deskSync();
  return { admin, supervisor, packer };
}
