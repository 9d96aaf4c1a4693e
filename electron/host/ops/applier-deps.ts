import type { CatalogRepo } from '../catalog/catalog.repo';
import type { WaybillPoolRepo } from '../carriers/waybill-pool.repo';
import type { Db } from '../db/open-database';
import type { OrdersRepo } from '../orders/orders.repo';
import type { SettingsRepo } from '../settings/settings.repo';
import type { ProviderWaybillsRepo } from '../waybills/provider-waybills.repo';

/** What the appliers share: the database, the repos whose writers they call, this station's id. */
export type ApplierDeps = {
  db: Db;
  /** This station's id, read when needed: a PC that replaces a lost one takes over its id. */
  stationId: () => string;
  orders: OrdersRepo;
  catalog: CatalogRepo;
  pool: WaybillPoolRepo;
  /** Numbers from e-waybill providers, per order. */
  providerWaybills: ProviderWaybillsRepo;
  settings: SettingsRepo;
  /** This station rewrote the record after `hubSeq` (or has not been ordered yet): its write stands. */
  newerOwnWrite(entity: string, hubSeq: number | null): boolean;
};

export function ownWritesQuery(db: Db): ApplierDeps['newerOwnWrite'] {
  // A refused op of this station's never took the record from anyone.
  const q = db
    .prepare("SELECT 1 FROM outbox WHERE entity = ? AND (hub_seq > ? OR hub_seq IS NULL AND outcome IS NULL) LIMIT 1")
    .pluck();
  return (entity, hubSeq) => hubSeq !== null && q.get(entity, hubSeq) !== undefined;
}
