import { newId } from '../db/new-id';
import type { Db } from '../db/open-database';

/**
 * The id this station syncs as, kept in the meta table. It is made once, and changes only when
 * this PC takes over a station the admin replaced (see adopt-station.ts): every reader asks for
 * it at the moment it needs it.
 */
export function createStationIdentity(db: Db) {
  const read = db.prepare("SELECT value FROM meta WHERE key = 'station_id'").pluck();
  const write = db.prepare("INSERT INTO meta (key, value) VALUES ('station_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  let current = read.get() as string | undefined;
  if (!current) {
    current = newId();
    write.run(current);
  }
  return {
    id: (): string => current!,
    /** Inside the adoption's transaction; the id in memory follows once the row is written. */
    adopt(stationId: string): void {
      write.run(stationId);
      current = stationId;
    },
  };
}
export type StationIdentity = ReturnType<typeof createStationIdentity>;
