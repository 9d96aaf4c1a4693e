import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** The first resolution in hub order stands; this station's own shows at once, until an earlier one arrives. */
export function flagResolvedApplier({ db, newerOwnWrite }: ApplierDeps): Applier<'flag.resolved'> {
  const q = {
    resolve: db.prepare('UPDATE flags SET resolution = @resolution, resolved_at = @at WHERE flag_id = @flagId'),
    reopen: db.prepare('UPDATE flags SET resolution = NULL, resolved_at = NULL WHERE flag_id = ?'),
    resolved: db.prepare('SELECT 1 FROM flags WHERE flag_id = ? AND resolution IS NOT NULL').pluck(),
  };
  const isResolved = (flagId: string) => q.resolved.get(flagId) !== undefined;
  return {
    apply(p, m) {
      if (!m.own && isResolved(p.flagId) && !newerOwnWrite(`flag:${p.flagId}`, m.hubSeq)) return;
      q.resolve.run({ ...p, at: m.at });
    },
    // Shown when it was recorded; here again when the flags were rebuilt after a hub restore.
    confirm(p, m) {
      if (!isResolved(p.flagId)) q.resolve.run({ ...p, at: m.at });
    },
    // A resolution the hub refused: the flag is open again.
    refused: (p) => void q.reopen.run(p.flagId),
  };
}
