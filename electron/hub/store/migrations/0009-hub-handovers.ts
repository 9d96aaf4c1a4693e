import type { HubMigration } from '../migrate-hub';

/**
 * Courier handovers (issue 10): which handover took each parcel, and which handovers are closed,
 * so a parcel handed over from two benches (each offline) or a handover closed twice is flagged.
 * The close op that took it is named in the flag.
 */
export const hubHandovers: HubMigration = {
  name: '0009-hub-handovers',
  async up(db) {
    await db.schema
      .createTable('hub_handovers')
      .addColumn('handover_id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('op_id', 'text', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_handed_over')
      .addColumn('shipment_id', 'text', (c) => c.primaryKey())
      .addColumn('handover_id', 'text', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
  },
};
