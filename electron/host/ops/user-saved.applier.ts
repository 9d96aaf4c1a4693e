import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * The shop's users, at every bench. A badge two benches gave to two people stays with the one the
 * hub ordered first (the hub flags it); the other keeps their PIN and loses the badge, the same way
 * at every bench.
 */
export function userSavedApplier({ db, newerOwnWrite }: ApplierDeps): Applier<'user.saved'> {
  const q = {
    upsert: db.prepare(`INSERT INTO users (id, name, role, pin_hash, badge_hash, active, bench_of, hub_seq, created_at)
      VALUES (@id, @name, @role, @pinHash, @badgeHash, @active, @benchOf, @hubSeq, @at)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, badge_hash = excluded.badge_hash,
        active = excluded.active, bench_of = excluded.bench_of, hub_seq = excluded.hub_seq`),
    holder: db.prepare('SELECT id, hub_seq AS hubSeq FROM users WHERE badge_hash = ? AND id <> ? AND active = 1'),
    dropBadge: db.prepare('UPDATE users SET badge_hash = NULL WHERE id = ?'),
    confirm: db.prepare('UPDATE users SET hub_seq = ? WHERE id = ?'),
  };
  return {
    apply({ seenHubSeq: _seen, ...p }, m) {
      if (!m.own && newerOwnWrite(`user:${p.id}`, m.hubSeq)) return;
      let badgeHash = p.badgeHash;
      const holder = badgeHash ? (q.holder.get(badgeHash, p.id) as { id: string; hubSeq: number | null } | undefined) : undefined;
      if (holder && !m.own) {
        // Not yet ordered (this bench's own) or ordered later: the holder is the one that loses it.
        if (holder.hubSeq === null || (m.hubSeq !== null && holder.hubSeq > m.hubSeq)) q.dropBadge.run(holder.id);
        else badgeHash = null;
      }
      q.upsert.run({ ...p, badgeHash, active: p.active ? 1 : 0, hubSeq: m.hubSeq, at: m.at });
    },
    confirm: ({ id }, m) => void q.confirm.run(m.hubSeq, id),
  };
}
