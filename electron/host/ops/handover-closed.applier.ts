import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * A handover closed: its reconciliation, and its accepted parcels handed over at the close's time
 * (their ship time). Two closes that claim one parcel (two benches, each offline) end the same at
 * every bench: the close the hub ordered first keeps it, and this bench's own close, not ordered
 * yet, gives way to any close pulled from the hub. The hub flags the pair (handover.double). A close
 * outweighs an abandon (作废) from another bench: the courier signed for the parcels, so it stands.
 */
export function handoverClosedApplier({ db, stationId }: ApplierDeps): Applier<'handover.closed'> {
  const q = {
    handover: db.prepare('SELECT closed_at, close_hub_seq FROM handovers WHERE id = ?'),
    missingParcel: db.prepare('SELECT 1 FROM shipments WHERE id = ?').pluck(),
    close: db.prepare(`UPDATE handovers SET closed_at = @at, closed_by = @userId, closed_station = @station, courier_name = @courierName,
      signature_hash = @signatureHash, photo_hashes = @photoHashes, close_hub_seq = @hubSeq,
      abandoned_at = NULL, abandoned_by = NULL, abandoned_station = NULL, abandon_reason = NULL, abandon_note = NULL WHERE id = @handoverId`),
    clear: db.prepare('DELETE FROM handover_parcels WHERE handover_id = ?'),
    parcel: db.prepare('INSERT INTO handover_parcels (handover_id, shipment_id, state) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    // Own close (hubSeq NULL): only a parcel no handover has. Pulled: also one an own or later-ordered close holds.
    handOver: db.prepare(`UPDATE shipments SET handover_id = @handoverId, handed_over_at = @at WHERE id = @id AND (
        handover_id IS NULL OR handover_id = @handoverId OR (@hubSeq IS NOT NULL AND handover_id IN (
          SELECT h.id FROM handovers h WHERE h.close_hub_seq IS NULL OR h.close_hub_seq > @hubSeq)))`),
    confirm: db.prepare('UPDATE handovers SET close_hub_seq = ? WHERE id = ? AND close_hub_seq IS NULL'),
  };
  return {
    apply(p, m) {
      const handover = q.handover.get(p.handoverId) as { closed_at: string | null; close_hub_seq: number | null } | undefined;
      if (!handover) return `handover:${p.handoverId}`;
      // A parcel made at another bench that has not reached this one yet: wait for it, so none is left unmarked.
      for (const id of p.accepted) if (q.missingParcel.get(id) === undefined) return `shipment:${id}`;
      // Closed twice (two benches at once): the close ordered first stands; an own one gives way to a pulled one.
      if (handover.closed_at !== null) {
        const standing = handover.close_hub_seq;
        if (m.hubSeq === null || (standing !== null && standing < m.hubSeq)) return;
      }
      const station = m.own ? stationId() : m.author;
      q.close.run({ ...p, at: m.at, userId: m.userId, station, photoHashes: JSON.stringify(p.photoHashes), hubSeq: m.hubSeq });
      q.clear.run(p.handoverId);
      for (const id of p.accepted) q.parcel.run(p.handoverId, id, 'accepted');
      for (const id of p.missing) q.parcel.run(p.handoverId, id, 'missing');
      for (const id of p.intercepted) q.parcel.run(p.handoverId, id, 'intercepted');
      for (const id of p.accepted) q.handOver.run({ id, handoverId: p.handoverId, at: m.at, hubSeq: m.hubSeq });
    },
    confirm: (p, m) => void q.confirm.run(m.hubSeq, p.handoverId),
  };
}
