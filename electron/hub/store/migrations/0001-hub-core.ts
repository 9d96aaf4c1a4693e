import { sql } from 'kysely';
import type { HubMigration } from '../migrate-hub';

/** The hub's first schema: stations, the log, and the projections the domain rules read. */
export const hubCore: HubMigration = {
  name: '0001-hub-core',
  async up(db) {
    const s = db.schema;
    await s.createTable('hub_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    await s.createTable('hub_counter').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('value', 'bigint', (c) => c.notNull()).execute();
    await db.insertInto('hub_counter').values({ id: 1, value: 0 }).execute();

    await s
      .createTable('stations')
      .addColumn('station_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_seen', 'text')
      .addColumn('app_version', 'text')
      .addColumn('schema_version', 'integer')
      .addColumn('paired_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('pairing_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('used_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('hub_log')
      .addColumn('hub_seq', 'bigint', (c) => c.primaryKey())
      .addColumn('op_id', 'text', (c) => c.notNull().unique())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('station_seq', 'bigint')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('hub_log_station_seq', ['station_id', 'station_seq'])
      .execute();
    // Startup re-reads parked ops; a partial index keeps that cheap on a long log.
    await s.createIndex('hub_log_parked').on('hub_log').column('hub_seq').where(sql.ref('outcome'), '=', sql.lit('parked')).execute();

    await s
      .createTable('hub_orders')
      .addColumn('order_id', 'text', (c) => c.primaryKey())
      .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rank', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('platform_status', 'text')
      .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claim_station', 'text')
      .addColumn('claim_op_id', 'text')
      .execute();
    await s
      .createTable('hub_shipments')
      .addColumn('shipment_id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('carrier_code', 'text', (c) => c.notNull())
      .addColumn('tracking_no', 'text')
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('op_id', 'text', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('hub_shipments_order').on('hub_shipments').column('order_id').execute();
    // The database itself refuses a waybill number on two shipments (research/sync.md §7.8).
    await s.createIndex('hub_shipments_tracking').on('hub_shipments').columns(['carrier_code', 'tracking_no']).unique().execute();

    await s
      .createTable('hub_stock')
      .addColumn('delta_id', 'text', (c) => c.primaryKey())
      .addColumn('sku_code', 'text', (c) => c.notNull())
      .addColumn('delta', 'bigint', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('hub_stock_sku').on('hub_stock').columns(['sku_code', 'hub_seq']).execute();
    await s
      .createTable('hub_sku_balance')
      .addColumn('sku_code', 'text', (c) => c.primaryKey())
      .addColumn('balance', 'bigint', (c) => c.notNull())
      .execute();

    await s
      .createTable('hub_waybills')
      .addColumn('carrier_code', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('lease_id', 'text')
      .addColumn('station_id', 'text')
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('hub_waybills_pk', ['carrier_code', 'number'])
      .execute();
    await s.createIndex('hub_waybills_free').on('hub_waybills').columns(['carrier_code', 'number']).where(sql.ref('lease_id'), 'is', null).execute();

    await s
      .createTable('hub_flags')
      .addColumn('flag_id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('raised_seq', 'bigint', (c) => c.notNull())
      .addColumn('resolved_seq', 'bigint')
      .addColumn('resolution', 'text')
      .execute();
    await s
      .createTable('hub_damage')
      .addColumn('report_id', 'text', (c) => c.primaryKey())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('hub_decisions')
      .addColumn('decision_id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('seen_hub_seq', 'bigint', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('hub_decisions_report').on('hub_decisions').column('report_id').execute();
  },
};
