import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contract, Events } from '#shared/contract/index';
import { createRpcClient, RpcError } from '#shared/rpc/client';
import { startStationServer, type StationServer } from '../../electron/host/station-server';
import { createTempHost } from '../host/temp-host';
import { clientTransport } from '../helpers/ws-client';

describe('RPC over the browser station WebSocket', () => {
  let station: StationServer | null = null;
  afterEach(async () => {
    await station?.close();
    station = null;
  });

  async function start() {
    const host = createTempHost();
    const rendererDir = mkdtempSync(join(tmpdir(), 'packdesk-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
    station = await startStationServer({ rendererDir, onTransport: (t) => host.server.attach(t) });
    return { host, station };
  }

  it('answers a typed call from a real client', async () => {
    const { station } = await start();
    const api = createRpcClient<Contract, Events>(await clientTransport(`ws://127.0.0.1:${station.port}/rpc?token=${station.token}`));
    const session = await api.call('session.current', {});
    expect(session.user).toBeNull();
    expect(session.defaultPinInUse).toBe(true);
    const after = await api.call('session.login', { pin: '0000' });
    expect(after.user?.role).toBe('admin');
    api.close();
  });

  it('rejects invalid input with INVALID_INPUT naming the field', async () => {
    const { station } = await start();
    const api = createRpcClient<Contract, Events>(await clientTransport(`ws://127.0.0.1:${station.port}/rpc?token=${station.token}`));
    const result = await api.try('orders.list', { limit: 100_000 } as never);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.msg).toMatchObject({ key: 'rpc.invalidInput', params: { issues: expect.stringMatching(/limit/) } });
    }
    await expect(api.call('nope.method' as never, {} as never)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    await expect(api.call('session.login', { pin: '9999' })).rejects.toBeInstanceOf(RpcError);
    api.close();
  });

  it('refuses a WebSocket without the per-launch token', async () => {
    const { station } = await start();
    await expect(clientTransport(`ws://127.0.0.1:${station.port}/rpc?token=wrong`)).rejects.toThrow(/401/);
    await expect(clientTransport(`ws://127.0.0.1:${station.port}/rpc`)).rejects.toThrow(/401/);
  });

  it('binds to loopback and serves the renderer with a CSP', async () => {
    const { station } = await start();
    expect(station.server.address()).toMatchObject({ address: '127.0.0.1' });
    const response = await fetch(`http://127.0.0.1:${station.port}/`);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await response.text()).toContain('Packdesk');
    const traversal = await fetch(`http://127.0.0.1:${station.port}/..%2f..%2fetc%2fpasswd`);
    expect(await traversal.text()).not.toContain('root:');
  });
});
