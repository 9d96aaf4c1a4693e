import type { HubMigration } from '../migrate-hub';

/**
 * Online tracking at the hub (issue 10): one row per printed parcel the hub follows with a
 * provider (快递100, 快递鸟): when to ask next, how often it failed, whether it is subscribed,
 * and a fingerprint of what it last wrote to the log, so a poll or a push that says nothing new
 * writes nothing. `handed_over_at` stays NULL until handovers feed it (eligibility may require it).
 * Orders' phone tails live in their own small table: 顺丰 and 中通 answer only with the last four
 * digits of the receiver's phone, and the order's import precedes its parcels.
 */
export const hubTracking: HubMigration = {
  name: '0008-hub-tracking',
  async up(db) {
    await db.schema
      .createTable('hub_tracking')
      .addColumn('shipment_id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('carrier_code', 'text', (c) => c.notNull())
      .addColumn('tracking_no', 'text', (c) => c.notNull())
      .addColumn('printed_at', 'text', (c) => c.notNull())
      .addColumn('handed_over_at', 'text')
      .addColumn('provider', 'text')
      .addColumn('state', 'text')
      // Delivered or returned to the sender: nothing more to ask.
      .addColumn('final', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('fingerprint', 'text')
      .addColumn('subscribed_at', 'text')
      .addColumn('next_at', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_asked_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('hub_tracking_due').on('hub_tracking').columns(['final', 'next_at']).execute();
    await db.schema.createIndex('hub_tracking_number').on('hub_tracking').columns(['tracking_no', 'carrier_code']).execute();
    await db.schema
      .createTable('hub_tracking_phones')
      .addColumn('order_id', 'text', (c) => c.primaryKey())
      .addColumn('phone_tail', 'text', (c) => c.notNull())
      .execute();
  },
};
