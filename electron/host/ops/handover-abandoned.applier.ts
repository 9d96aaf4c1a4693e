import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * A handover abandoned (作废): marked so, and nothing else — no parcel is handed over or listed
 * missing, and its scans stop counting (the handover repo reads only handovers neither closed nor
 * abandoned as under way), so every parcel scanned into it waits for the next pickup again. A close
 * outweighs it: on a closed handover it does nothing (and a close pulled later clears it). The first
 * abandon this bench heard of stays; a second (two benches each abandoning it) changes nothing.
 */
export function handoverAbandonedApplier({ db, stationId }: ApplierDeps): Applier<'handover.abandoned'> {
  const q = {
    handover: db.prepare('SELECT closed_at, abandoned_at FROM handovers WHERE id = ?'),
    abandon: db.prepare(`UPDATE handovers SET abandoned_at = @at, abandoned_by = @userId, abandoned_station = @station, abandon_reason = @reason,
      abandon_note = @note WHERE id = @handoverId AND closed_at IS NULL AND abandoned_at IS NULL`),
    undo: db.prepare(`UPDATE handovers SET abandoned_at = NULL, abandoned_by = NULL, abandoned_station = NULL, abandon_reason = NULL, abandon_note = NULL
      WHERE id = ? AND abandoned_station = ?`),
  };
  return {
    apply(p, m) {
      const handover = q.handover.get(p.handoverId) as { closed_at: string | null; abandoned_at: string | null } | undefined;
      // Opened at a bench whose op has not reached this one yet: wait for it.
      if (!handover) return `handover:${p.handoverId}`;
      q.abandon.run({ handoverId: p.handoverId, at: m.at, userId: m.userId, station: m.own ? stationId() : m.author, reason: p.reason, note: p.note });
    },
    // The hub refused this bench's abandon (its authoriser is no supervisor there): the handover is under way again.
    refused: (p) => void q.undo.run(p.handoverId, stationId()),
  };
}
