import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTempHost } from '../host/temp-host';
import { hostCaller } from '../host/host-client';
import { hubStorage, startTestHub, type TestHub } from '../helpers/hub-db';
import { pairedStation } from '../helpers/sync-shop';

/** The same data folder opened again: what `packdesk sync status` (another process) or the app after a restart sees. */
function reopen(s: { host: ReturnType<typeof createTempHost> }) {
  const { dataDir } = s.host;
  s.host.close();
  const host = createTempHost({ dataDir, sync: { autoSync: false } });
  return { host, call: hostCaller(host) };
}

describe('the sync state a bench reports is what it found, never a guess', () => {
  const storage = hubStorage('sqlite');
  const open: { close(): unknown }[] = [];
  let hub: TestHub | undefined;
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
    await hub?.close();
    hub = undefined;
  });
  afterAll(() => storage.dispose());

  it('a bench the hub revoked says so (revoked, not offline), and keeps saying so after a restart', async () => {
    hub = await startTestHub(await storage.fresh());
    const bench = await pairedStation(hub, '打包台 B', 'packer');
    const { stationId } = await bench.call('sync.status', {});
    expect(await hub.hub.revokeStation(stationId)).toBe(true);
    const status = await bench.call('sync.now', {});
    expect(status).toMatchObject({ state: 'revoked', lastError: { key: 'sync.error.unpaired' } });
    const again = reopen(bench);
    open.push(again.host);
    expect(await again.call('sync.status', {})).toMatchObject({ state: 'revoked', stateAt: status.stateAt });
  });

  it('`sync status` in another process right after `sync now` reached the hub says online, as of that round', async () => {
    hub = await startTestHub(await storage.fresh());
    const bench = await pairedStation(hub, '打包台 A', 'supervisor');
    const now = await bench.call('sync.now', {});
    expect(now).toMatchObject({ state: 'online', lastError: null });
    const other = reopen(bench);
    open.push(other.host);
    expect(await other.call('sync.status', {})).toMatchObject({ state: 'online', stateAt: now.stateAt, lastSyncAt: now.lastSyncAt, lastError: null });

    // The hub goes down: the next round finds it offline, and the next process says that, not "online".
    await hub.close();
    hub = undefined;
    const down = await other.call('sync.now', {});
    expect(down).toMatchObject({ state: 'offline', lastError: { key: 'sync.error.unreachable' } });
    const third = reopen(other);
    open.push(third.host);
    expect(await third.call('sync.status', {})).toMatchObject({ state: 'offline', stateAt: down.stateAt, lastSyncAt: now.lastSyncAt });
  });
});
