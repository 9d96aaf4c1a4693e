import type { Migration } from '../migrate';

/**
 * The handover asks, per parcel, whether its order has an open ship.double flag (a pickup lists
 * thousands of parcels): an index on the open flags by order. Additive.
 */
export const stationFlagsByOrder: Migration = {
  version: 22,
  name: '0022-flags-by-order',
  up(db) {
    db.exec('CREATE INDEX flags_open_order ON flags (order_id, kind) WHERE resolution IS NULL');
  },
};
