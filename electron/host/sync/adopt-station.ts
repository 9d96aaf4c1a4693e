import type { Db } from '../db/open-database';
import type { StationIdentity } from './station-identity';

/**
 * Every local column that names this station by id (table, column): its returns, handovers, scans,
 * inbox notes and exceptions stay its own, its 取号 numbers stay the ones it must cancel, and its
 * factory admin stays this bench's. Not here: shipments.station_id is NULL for a parcel packed
 * here, and flags.station_ids are dropped by the epoch reset that runs first.
 */
export const STATION_COLUMNS = [
  ['order_claims', 'station_id'], ['damage_reports', 'station_id'], ['damage_decisions', 'station_id'], ['audit_log', 'station_id'],
  ['authorized_ops', 'station_id'], ['returns', 'station_id'], ['claim_settlements', 'station_id'], ['bench_exceptions', 'station_id'],
  ['inbox_resolutions', 'station_id'], ['handovers', 'station_id'], ['handovers', 'closed_station'], ['handovers', 'abandoned_station'], ['handover_scans', 'station_id'],
  ['provider_waybills', 'issuer'], ['users', 'bench_of'],
] as const;

/**
 * This PC takes over a station the admin replaced (a lost or broken PC), with a replacement code.
 * It becomes that station: the same id, and its own ops numbered right after the last one the hub
 * holds from the old PC, so the hub sees one unbroken sequence. What this PC recorded before
 * (while standalone) is kept and goes out under the adopted id; rows that named its old id name
 * the new one. The caller resets the sync position first (epoch reset): the PC then pulls the whole
 * log, the old PC's ops included, and applies them as it would any other station's, since they
 * are not in its outbox. Runs inside the pairing's transaction.
 */
export function createStationAdoption(db: Db, identity: StationIdentity) {
  const seqs = db.prepare('SELECT station_seq FROM outbox ORDER BY station_seq').pluck();
  const park = db.prepare('UPDATE outbox SET station_seq = ? WHERE station_seq = ?');
  const settle = db.prepare('UPDATE outbox SET station_seq = -station_seq WHERE station_seq < 0');
  const seed = db.prepare("INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')");
  const bump = db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'");
  const rename = STATION_COLUMNS.map(([table, column]) => db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`));
  return (stationId: string, lastSeq: number): void => {
    const previous = identity.id();
    // Two passes through negative numbers: no renumbered op ever collides with one not yet moved.
    const all = seqs.all() as number[];
    all.forEach((seq, i) => park.run(-(lastSeq + 1 + i), seq));
    settle.run();
    seed.run();
    // AUTOINCREMENT continues from here: the next op recorded is lastSeq + (ops kept) + 1.
    bump.run(lastSeq + all.length);
    for (const statement of rename) statement.run(stationId, previous);
    identity.adopt(stationId);
  };
}
