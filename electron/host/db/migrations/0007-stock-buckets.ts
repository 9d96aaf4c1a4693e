import type { Migration } from '../migrate';

/**
 * Stock in two buckets: the shelf (what orders ship from and what "on hand" means) and units kept
 * apart as damaged (written off by a supervisor, or returned defective). A movement belongs to one.
 */
export const stationStockBuckets: Migration = {
  version: 7,
  name: '0007-stock-buckets',
  up(db) {
    db.exec(`
      ALTER TABLE stock_ledger ADD COLUMN bucket TEXT NOT NULL DEFAULT 'sellable' CHECK (bucket IN ('sellable', 'damaged'));
    `);
  },
};
