import type { Migration } from '../migrate';

/**
 * 安全库存: a SKU's shelf level at or below which it is flagged for reordering (sku.saved v3). Null is
 * none, which every SKU saved before this version has: no SKU is flagged low until someone sets one.
 */
export const stationSafetyStock: Migration = {
  version: 29,
  name: '0029-safety-stock',
  up(db) {
    db.exec(`
      ALTER TABLE skus ADD COLUMN safety_stock INTEGER CHECK (safety_stock IS NULL OR safety_stock >= 0);
      CREATE INDEX skus_safety_stock ON skus (code) WHERE safety_stock IS NOT NULL;
    `);
  },
};
