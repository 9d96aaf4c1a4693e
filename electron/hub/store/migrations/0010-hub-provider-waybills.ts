import type { HubMigration } from '../migrate-hub';

/**
 * E-waybill numbers the hub fetched from a provider for the benches (issue 11): one row per number,
 * with the request key that makes asking again answer the same number (unique per provider: a
 * key whose number was cancelled is never asked with again), what cancelling needs, and the cancel
 * queue (取消单号 when a bench voids the parcel; retried with backoff until the provider answers).
 */
export const hubProviderWaybills: HubMigration = {
  name: '0010-hub-provider-waybills',
  async up(db) {
    await db.schema
      .createTable('hub_provider_waybills')
      .addColumn('carrier_code', 'text', (c) => c.notNull())
      .addColumn('tracking_no', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('request_key', 'text', (c) => c.notNull())
      .addColumn('provider_ref', 'text')
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      // NULL: live; queued: a bench asked to cancel it; cancelled / not-found: the provider answered.
      .addColumn('cancel_state', 'text')
      .addColumn('cancel_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cancel_next_at', 'text')
      // The last failure as a catalog message (JSON), NULL after success.
      .addColumn('cancel_error', 'text')
      .addPrimaryKeyConstraint('hub_provider_waybills_pk', ['carrier_code', 'tracking_no'])
      .execute();
    await db.schema.createIndex('hub_provider_waybills_key').on('hub_provider_waybills').columns(['provider', 'request_key']).unique().execute();
    await db.schema.createIndex('hub_provider_waybills_number').on('hub_provider_waybills').column('tracking_no').execute();
    await db.schema.createIndex('hub_provider_waybills_cancels').on('hub_provider_waybills').columns(['cancel_state', 'cancel_next_at']).execute();
  },
};
