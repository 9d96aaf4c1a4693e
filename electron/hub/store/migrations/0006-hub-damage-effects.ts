import type { HubMigration } from '../migrate-hub';

/**
 * What damage decisions set going, as the hub judges it: a reship parcel names its report (a
 * second live parcel for one reship is a double ship, the order's first parcel is not), the stock
 * ledger keeps each movement's bucket (the shelf's balance is watched, the damaged bucket counted
 * apart), and claim settlements are kept to spot two supervisors settling one claim differently.
 */
export const hubDamageEffects: HubMigration = {
  name: '0006-hub-damage-effects',
  async up(db) {
    const s = db.schema;
    await s.alterTable('hub_shipments').addColumn('reship_report_id', 'text').execute();
    await s.alterTable('hub_stock').addColumn('bucket', 'text', (c) => c.notNull().defaultTo('sellable')).execute();
    await s
      .createTable('hub_claim_settlements')
      .addColumn('settlement_id', 'text', (c) => c.primaryKey())
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('seen_hub_seq', 'bigint', (c) => c.notNull())
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('hub_claim_settlements_claim').on('hub_claim_settlements').column('claim_id').execute();
  },
};
