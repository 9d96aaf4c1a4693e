import type { HubMigration } from '../migrate-hub';

/**
 * Voids that arrived before their parcel. A station may void a parcel another station made; after
 * a restore the void can reach the hub first, and the parcel must still land void.
 */
export const hubVoids: HubMigration = {
  name: '0002-hub-voids',
  async up(db) {
    await db.schema
      .createTable('hub_voids')
      .addColumn('shipment_id', 'text', (c) => c.primaryKey())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
  },
};
