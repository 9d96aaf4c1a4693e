import type { HubMigration } from '../migrate-hub';

/**
 * Returns received at the benches (issue 8): kept as written (evidence, like damage reports), with
 * the station that received them and how much of them its stock movements have booked so far, so
 * a packer's bench can put back on the shelf only what it really received.
 */
export const hubReturns: HubMigration = {
  name: '0007-hub-returns',
  async up(db) {
    await db.schema
      .createTable('hub_returns')
      .addColumn('return_id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      // Units booked per "<bucket> <sku>" by the return's stock movements, as JSON.
      .addColumn('booked', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
  },
};
