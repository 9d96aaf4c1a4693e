// The one migration that needs the station's own hashing: badges stop being kept in clear.
// eslint-disable-next-line no-restricted-imports
import { hashBadge } from '../../session/pin-hash';
import type { Migration } from '../migrate';

/**
 * Ops as modules, messages as keys, shop-wide users (issue 7). Additive: new columns and indexes;
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
      CREATE INDEX outbox_unanswered ON outbox (station_seq) WHERE hub_seq IS NULL AND outcome IS NULL;
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
    `);
    const badges = db.prepare('SELECT id, badge FROM users WHERE badge IS NOT NULL').all() as { id: string; badge: string }[];
    const setHash = db.prepare('UPDATE users SET badge_hash = ?, badge = NULL WHERE id = ?');
    for (const u of badges) setHash.run(hashBadge(u.badge), u.id);
    // The administrator made at the first start is this bench's factory admin.
    db.prepare(`UPDATE users SET bench_of = (SELECT value FROM meta WHERE key = 'station_id')
      WHERE id = (SELECT id FROM users WHERE role = 'admin' ORDER BY created_at, rowid LIMIT 1)`).run();
  },
};
