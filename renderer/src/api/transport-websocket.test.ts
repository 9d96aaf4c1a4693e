import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RpcMessage } from '#shared/rpc/protocol';
import type { ConnectionStatus } from './connection.store';
import { rpcUrl, takeToken } from './token';
import { createWebSocketTransport, type WebSocketLike } from './transport-websocket';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: RpcMessage[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as RpcMessage);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('WebSocket transport', () => {
  let statuses: [ConnectionStatus, number | null][];
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    statuses = [];
  });
  afterEach(() => vi.useRealTimers());

  const make = () =>
    createWebSocketTransport({
      url: 'ws://127.0.0.1:5000/rpc?token=t',
      WebSocketImpl: FakeSocket,
      onStatus: (s, ms) => statuses.push([s, ms]),
      initialBackoffMs: 100,
      maxBackoffMs: 1000,
      random: () => 0.5,
    });

  it('queues requests until the first connection opens, then sends them in order', () => {
    const t = make();
    t.send({ t: 'req', id: 1, method: 'session.current', input: {} });
    t.send({ t: 'req', id: 2, method: 'bench.getState', input: {} });
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent.map((m) => (m.t === 'req' ? m.id : 0))).toEqual([1, 2]);
    expect(statuses.map((s) => s[0])).toEqual(['connecting', 'open']);
  });

  it('delivers host messages and drops malformed frames', () => {
    const t = make();
    const got: RpcMessage[] = [];
    t.onMessage((m) => got.push(m));
    last().open();
    last().onmessage?.({ data: 'not json' });
    last().receive({ hello: 1 });
    last().receive({ t: 'evt', name: 'bench.changed', payload: {} });
    expect(got).toEqual([{ t: 'evt', name: 'bench.changed', payload: {} }]);
  });

  it('reconnects with growing backoff and reports each state', () => {
    const t = make();
    const closed = vi.fn();
    t.onClose?.(closed);
    last().open();
    last().drop();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toEqual(['down', 100]);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop();
    expect(statuses.at(-1)).toEqual(['down', 200]);
    vi.advanceTimersByTime(200);
    last().drop();
    expect(statuses.at(-1)).toEqual(['down', 400]);
    vi.advanceTimersByTime(400);
    last().open();
    expect(statuses.at(-1)).toEqual(['open', null]);
    // A successful connection resets the backoff.
    last().drop();
    expect(statuses.at(-1)).toEqual(['down', 100]);
    t.close();
  });

  it('answers a request made while the core is down at once, instead of replaying it later', async () => {
    const t = make();
    const got: RpcMessage[] = [];
    t.onMessage((m) => got.push(m));
    last().open();
    last().drop();
    t.send({ t: 'req', id: 7, method: 'bench.scan', input: { code: 'X' } });
    await Promise.resolve();
    expect(got).toEqual([{ t: 'res', id: 7, ok: false, error: { code: 'HUB_UNREACHABLE', msg: { key: 'rpc.disconnected' } } }]);
    vi.advanceTimersByTime(100);
    last().open();
    expect(last().sent).toEqual([]);
  });

  it('fails queued requests when the first connection attempt fails', async () => {
    const t = make();
    const got: RpcMessage[] = [];
    t.onMessage((m) => got.push(m));
    t.send({ t: 'req', id: 1, method: 'session.current', input: {} });
    last().drop();
    await Promise.resolve();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ t: 'res', id: 1, ok: false });
  });

  it('retryNow skips the wait', () => {
    const t = make();
    last().drop();
    expect(FakeSocket.all).toHaveLength(1);
    t.retryNow();
    expect(FakeSocket.all).toHaveLength(2);
  });
});

describe('token', () => {
  it('takes the token from #token=, keeps it in sessionStorage and strips it from the address', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const replaceState = vi.fn();
    const token = takeToken({ hash: '#token=abc_DEF-123', pathname: '/', search: '' }, storage, { replaceState });
    expect(token).toBe('abc_DEF-123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
    // A reload has no hash any more: the stored token is used.
    expect(takeToken({ hash: '', pathname: '/', search: '' }, storage, { replaceState })).toBe('abc_DEF-123');
  });

  it('builds the ws URL on the serving host', () => {
    expect(rpcUrl({ host: '127.0.0.1:4321', protocol: 'http:' }, 'a+b')).toBe('ws://127.0.0.1:4321/rpc?token=a%2Bb');
  });
});
