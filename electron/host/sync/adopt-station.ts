import type { Db } from '../db/open-database';
import type { StationIdentity } from './station-identity';

/** Local rows that name this station by id. */
const STATION_COLUMNS = ['order_claims', 'damage_reports', 'damage_decisions', 'audit_log', 'authorized_ops'] as const;

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
  const rename = STATION_COLUMNS.map((table) => db.prepare(`UPDATE ${table} SET station_id = ? WHERE station_id = ?`));
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
