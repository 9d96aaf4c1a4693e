import { z } from 'zod';
import type { HubPool, StationRole } from '#shared/contract/hub.contract';
import { messageSchema } from '#shared/i18n/message';
import type { Db } from '../db/open-database';

/**
 * The pairing with the hub and the sync position, kept in the station's meta table. fingerprint:
 * the hub certificate's whole SHA-256 fingerprint seen at pairing, pinned for every later request
 * (null: a plain-HTTP hub the admin accepted as unsafe, or a pairing older than TLS).
 */
export type Pairing = { hubUrl: string; token: string; role: StationRole; stationName: string; hubId: string; fingerprint: string | null };

/**
 * How the last sync round ended, kept so that another process (`packdesk sync status`) or the app
 * after a restart says what was last found instead of guessing "offline".
 */
const lastRoundSchema = z.strictObject({ state: z.enum(['online', 'offline', 'revoked']), error: messageSchema.nullable(), at: z.string().max(40) });
export type LastRound = z.infer<typeof lastRoundSchema>;

export function createSyncMetaRepo(db: Db) {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const del = db.prepare('DELETE FROM meta WHERE key = ?');
  const read = (key: string) => (get.get(key) as string | undefined) ?? null;
  // Read on every op recorded (the station's role): parsed again only when the stored text changes.
  let pairing: { raw: string | null; value: Pairing | null } | null = null;
  return {
    pairing(): Pairing | null {
      const raw = read('sync.pairing');
      if (pairing?.raw !== raw) pairing = { raw, value: raw ? { fingerprint: null, ...(JSON.parse(raw) as Omit<Pairing, 'fingerprint'>) } : null };
      return pairing.value;
    },
    setPairing(p: Pairing | null): void {
      if (p) set.run('sync.pairing', JSON.stringify(p));
      else del.run('sync.pairing');
    },
    /** The hub this station last synced with (kept across unpairing: re-pairing the same hub resumes). */
    hubId: () => read('sync.hub_id'),
    setHubId: (id: string) => set.run('sync.hub_id', id),
    epoch: () => read('sync.hub_epoch'),
    setEpoch: (epoch: string) => set.run('sync.hub_epoch', epoch),
    /** The last hub_seq applied here; moves only in the transaction that applied the entries. */
    cursor: () => Number(read('sync.cursor') ?? 0),
    setCursor: (n: number) => set.run('sync.cursor', String(n)),
    /** Names of the hub's stations, as of the last pull. */
    stationNames: (): Record<string, string> => JSON.parse(read('sync.station_names') ?? '{}') as Record<string, string>,
    setStationNames: (names: Record<string, string>) => set.run('sync.station_names', JSON.stringify(names)),
    /** The hub's head as of the last pull (shows catch-up progress). */
    hubHead: () => Number(read('sync.hub_head') ?? 0),
    setHubHead: (n: number) => set.run('sync.hub_head', String(n)),
    /** The hub this (admin) station last sent all its users to. */
    usersPublishedTo: () => read('sync.users_published_to'),
    setUsersPublishedTo: (hubId: string) => set.run('sync.users_published_to', hubId),
    /** The hub's waybill pools as of the last pull that reached its head (null: never told, or an older hub). */
    hubPools: (): { at: string; pools: HubPool[] } | null => JSON.parse(read('sync.hub_pools') ?? 'null') as { at: string; pools: HubPool[] } | null,
    setHubPools: (at: string, pools: HubPool[]) => set.run('sync.hub_pools', JSON.stringify({ at, pools })),
    lastSyncAt: () => read('sync.last_sync_at'),
    setLastSyncAt: (at: string) => set.run('sync.last_sync_at', at),
    /** null: no round recorded since pairing (or a record this version cannot read). */
    lastRound(): LastRound | null {
      const raw = read('sync.last_round');
      if (!raw) return null;
      const parsed = lastRoundSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    setLastRound(round: LastRound | null): void {
      if (round) set.run('sync.last_round', JSON.stringify(round));
      else del.run('sync.last_round');
    },
  };
}
export type SyncMetaRepo = ReturnType<typeof createSyncMetaRepo>;
