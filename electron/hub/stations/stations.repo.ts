import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StationRole, Versions } from '#shared/contract/hub.contract';
import type { HubTables } from '../store/hub-schema';

export type StationSummary = {
  stationId: string;
  name: string;
  role: StationRole;
  lastSeq: number;
  lastSeen: string | null;
  appVersion: string | null;
};
export type AuthedStation = { stationId: string; name: string; role: StationRole };

/** Tokens and codes are stored only as hashes: a copied hub database cannot impersonate a station. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function stationByToken(db: Kysely<HubTables>, token: string): Promise<AuthedStation | undefined> {
  const row = await db
    .selectFrom('stations')
    .select(['station_id', 'name', 'role'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  return row && { stationId: row.station_id, name: row.name, role: row.role };
}

/**
 * A lost or stolen PC: its token stops working at once (a replacement code brings a new PC back
 * under the same station id, continuing its sequence). Its ops and leases stay as they are:
 * leased numbers are never handed to anyone else. Returns false for an unknown station.
 */
export async function revokeStation(db: Kysely<HubTables>, stationId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('stations')
    .set({ token_hash: `revoked:${stationId}:${at}` })
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What the hosting screen shows: who is there, which version, when last heard from. */
/** How stale a station's "last seen" may be in the stations list. */
const TOUCH_EVERY_MS = 30_000;

/**
 * Records when a station was last seen and what it runs. A busy station calls several times a
 * second; writing each call (a synced commit on SQLite) cost the hub more than the sync itself,
 * so a station is written again only after TOUCH_EVERY_MS or when its versions change.
 */
export function stationToucher(db: Kysely<HubTables>) {
  const written = new Map<string, { at: number; versions: string }>();
  return async (stationId: string, versions: Versions, now: Date): Promise<void> => {
    const key = `${versions.appVersion} ${versions.schemaVersion}`;
    const last = written.get(stationId);
    if (last && last.versions === key && now.getTime() - last.at < TOUCH_EVERY_MS) return;
    await db
      .updateTable('stations')
      .set({ last_seen: now.toISOString(), app_version: versions.appVersion, schema_version: versions.schemaVersion })
      .where('station_id', '=', stationId)
      .execute();
    written.set(stationId, { at: now.getTime(), versions: key });
  };
}

export async function listStations(db: Kysely<HubTables>): Promise<StationSummary[]> {
  const rows = await db.selectFrom('stations').selectAll().orderBy('paired_at').orderBy('station_id').execute();
  return rows.map((r) => ({
    stationId: r.station_id,
    name: r.name,
    role: r.role,
    lastSeq: Number(r.last_seq),
    lastSeen: r.last_seen,
    appVersion: r.app_version,
  }));
}
