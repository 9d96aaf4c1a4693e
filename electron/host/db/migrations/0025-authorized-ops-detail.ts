import type { Migration } from '../migrate';

/**
 * What an authorised op said beside what it touched (a count's counted and known quantities, a movement's bucket and size), as
 * JSON: a pulled op's payload is kept nowhere else, and the audit line showed "Stock count · SKU"
 * without the count, and a restock's two movements as two SKUs. Additive; rows kept before stay without one.
 */
export const stationAuthorizedOpsDetail: Migration = {
  version: 25,
  name: '0025-authorized-ops-detail',
  up(db) {
    db.exec('ALTER TABLE authorized_ops ADD COLUMN detail TEXT');
  },
};
