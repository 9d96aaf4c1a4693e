import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Stamps the parcels a 批量发货 file answered for (a parcel not here yet is left: its own op comes first at the hub). */
export function shipmentExportedApplier({ db }: ApplierDeps): Applier<'shipment.exported'> {
  const stamp = db.prepare('UPDATE shipments SET exported_at = @at WHERE id = @id');
  return { apply: (p) => p.ids.forEach((id) => stamp.run({ id, at: p.at })) };
}
