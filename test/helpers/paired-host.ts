import { afterAll, afterEach } from 'vitest';
import type { StationRole } from '#shared/contract/hub.contract';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { hubStorage, startTestHub, type HubBackend, type TestHub } from './hub-db';

/**
 * A real bench (its own SQLite, its own log applier) paired with a test hub over HTTPS (the hub's fingerprint pinned). It syncs
 * only when told, so a test decides when it catches up: `catchUp` runs a round and says whether it
 * pulled past every entry the log held when it began, with nothing left to send and no error.
 */
export async function pairedHost(hub: TestHub, name: string, role: StationRole = 'packer') {
  const host = createTempHost({ sync: { autoSync: false } });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const { code } = await hub.hub.newPairingCode(role);
  await call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.fingerprint, stationName: name });
  const sync = () => call('sync.now', {});
  return {
    host, call, sync,
    async catchUp() {
      const head = await hub.hub.head();
      const status = await sync();
      // The round's own ops and its lease land after `head`: those it pulls in its next round.
      return { reachedHead: status.cursor >= head, pendingOps: status.pendingOps, lastError: status.lastError, state: status.state, parkedOps: status.parkedOps };
    },
    /** Free waybill numbers this bench holds for a carrier (leased from the hub). */
    freeNumbers: async (carrierCode: string) => (await call('carriers.list', {})).find((c) => c.code === carrierCode)?.pool.free ?? 0,
    close: () => host.close(),
  };
}
export type PairedHost = Awaited<ReturnType<typeof pairedHost>>;

/**
 * For a describe block: `shop()` starts a fresh hub (with `pool` as its YTO waybill numbers) and
 * pairs real benches with it on request; everything is closed after each test.
 */
export function hubShops(backend: HubBackend, pool: readonly string[] = []) {
  const storage = hubStorage(backend);
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(() => storage.dispose());
  return async function shop() {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    if (pool.length > 0) await hub.hub.importPool('YTO', [...pool]);
    const bench = async (name: string, role: StationRole = 'packer') => {
      const paired = await pairedHost(hub, name, role);
      open.push(paired);
      return paired;
    };
    /** Closes something else the test opened (a station of its own) with the rest, after the test. */
    const keep = <T extends { close(): unknown }>(x: T): T => (open.push(x), x);
    return { hub, bench, keep };
  };
}
