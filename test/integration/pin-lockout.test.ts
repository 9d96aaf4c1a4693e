import { afterEach, describe, expect, it } from 'vitest';
import type { Contract, Events } from '#shared/contract/index';
import { createRpcClient } from '#shared/rpc/client';
import type { StationServer } from '../../electron/host/station-server';
import { createTempHost } from '../host/temp-host';
import { startTestStation } from '../helpers/station-fixture';
import { clientTransport } from '../helpers/ws-client';

/**
 * Someone at the bench (or a script holding the page's token) guessing PINs over the station's
 * WebSocket: it used to evaluate 24 PINs a second, with no end. After 5 wrong PINs every further
 * try is refused at once with how long to wait, even the right PIN, also after a restart.
 */
describe('PIN guessing over the browser station', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function connect(dataDir?: string) {
    const host = createTempHost(dataDir ? { dataDir } : {});
    const station: StationServer = await startTestStation({ onTransport: (t) => host.server.attach(t) });
    const api = createRpcClient<Contract, Events>(await clientTransport(`ws://127.0.0.1:${station.port}/rpc?token=${station.token}`));
    const stop = async () => {
      api.close();
      await station.close();
      host.close();
    };
    cleanups.push(stop);
    return { host, api, stop };
  }

  it('30 guesses in a burst: 5 are evaluated, the rest wait, the right PIN too, and a restart does not reset it', async () => {
    const { host, api, stop } = await connect();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => api.try('session.login', { pin: String(1000 + i) })));
    const keys = answers.map((a) => (a.ok ? 'logged in' : a.error.msg.key));
    expect(keys.filter((k) => k === 'session.wrongPin')).toHaveLength(4);
    expect(keys.filter((k) => k === 'session.pinWait')).toHaveLength(26);
    const right = await api.try('session.login', { pin: '0000' });
    expect(right).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', msg: { key: 'session.pinWait' }, details: { retryInSeconds: expect.any(Number) } } });
    const audited = host.context.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'session.pinLockout'").pluck().get();
    expect(audited).toBe(1);

    const dataDir = host.dataDir;
    await stop();
    const again = await connect(dataDir);
    expect(await again.api.try('session.login', { pin: '0000' })).toMatchObject({ ok: false, error: { msg: { key: 'session.pinWait' } } });
  });
});
