// The one migration that needs the station's own hashing: badges stop being kept in clear.
// eslint-disable-next-line no-restricted-imports
import { hashBadge } from '../../session/pin-hash';
import type { Migration } from '../migrate';

/**
 * Ops as modules, messages as keys, shop-wide users, the audit view (issue 7). Additive: new
 * tables, columns and indexes;
 * stored prose (flag texts, the hub's reasons) is wrapped as a legacy message; badges are kept
 * only as hashes from now on.
 */
export const stationTrustedOps: Migration = {
  version: 3,
  name: '0003-trusted-ops',
  up(db) {
    db.exec(`
      -- The supervisor or admin whose authority an op carries at a bench of a lower role.
      ALTER TABLE outbox ADD COLUMN authorized_by TEXT;
      -- Ops the hub has not answered: a refused op is answered (outcome rejected, no hub_seq).
      -- It replaces the index of unconfirmed ops, which nothing reads any more (one less per op recorded).
      CREATE INDEX outbox_unanswered ON outbox (station_seq) WHERE hub_seq IS NULL AND outcome IS NULL;
      DROP INDEX outbox_unconfirmed;
      UPDATE outbox SET reason = json_object('key', 'legacy.text', 'params', json_object('text', reason))
        WHERE reason IS NOT NULL AND reason NOT LIKE '{%';
      UPDATE flags SET detail = json_object('key', 'legacy.text', 'params', json_object('text', detail)) WHERE detail NOT LIKE '{%';
      -- Why a kept entry is not applied (a message), for entries that cannot be applied at all.
      ALTER TABLE pending_unknown ADD COLUMN reason TEXT;

      -- Users belong to the shop once paired: badges as hashes, the bench a factory admin belongs
      -- to, and the hub_seq of the user's last change (NULL: made here, not yet ordered by the hub).
      ALTER TABLE users ADD COLUMN badge_hash TEXT;
      ALTER TABLE users ADD COLUMN bench_of TEXT;
      ALTER TABLE users ADD COLUMN hub_seq INTEGER;
      -- Not UNIQUE (an older version must still write this table): one holder per badge is kept by the code.
      CREATE INDEX users_badge_hash ON users (badge_hash) WHERE badge_hash IS NOT NULL;

      -- The audit view. Ops that rest on a supervisor's or admin's authority (the envelope's
      -- authorized_by), from every bench, with what they touched; hub_seq NULL: not yet ordered.
      CREATE TABLE authorized_ops (
        op_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        station_id TEXT NOT NULL,
        authorized_by TEXT NOT NULL,
        target TEXT NOT NULL,
        at TEXT NOT NULL,
        hub_seq INTEGER
      ) STRICT;
      -- One import is many ops with one time and authoriser: the view shows it as one line.
      CREATE INDEX authorized_ops_batch ON authorized_ops (at, station_id, type, authorized_by);
      -- The bench a gated action was done at (NULL: pulled before benches were named in it).
      ALTER TABLE audit_log ADD COLUMN station_id TEXT;
      CREATE INDEX audit_log_at ON audit_log (at);
      UPDATE audit_log SET station_id = (SELECT value FROM meta WHERE key = 'station_id')
        WHERE id IN (SELECT json_extract(payload, '$.id') FROM outbox WHERE type = 'audit.recorded');
    `);
    const badges = db.prepare('SELECT id, badge FROM users WHERE badge IS NOT NULL').all() as { id: string; badge: string }[];
    const setHash = db.prepare('UPDATE users SET badge_hash = ?, badge = NULL WHERE id = ?');
    for (const u of badges) setHash.run(hashBadge(u.badge), u.id);
    // The administrator made at the first start is this bench's factory admin.
    db.prepare(`UPDATE users SET bench_of = (SELECT value FROM meta WHERE key = 'station_id')
      WHERE id = (SELECT id FROM users WHERE role = 'admin' ORDER BY created_at, rowid LIMIT 1)`).run();
  },
};
