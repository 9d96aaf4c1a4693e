import type { Migration } from '../migrate';

/**
 * Photos and returns (issue 8). A photo's thumbnail is an attachment of its own, found through
 * `photo_thumbs` (no foreign keys: either file may be let go to stay in the disk budget, and a
 * missing thumbnail is made again from the photo). A received return (退货入库) and its items, as
 * the return.received op carries them.
 */
export const stationReturnsPhotos: Migration = {
  version: 12,
  name: '0012-returns-photos',
  up(db) {
    db.exec(`
      CREATE TABLE photo_thumbs (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        thumb_sha256 TEXT NOT NULL CHECK (length(thumb_sha256) = 64)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE returns (
        id TEXT PRIMARY KEY,
        order_id TEXT,
        shipment_id TEXT,
        tracking_no TEXT,
        note TEXT NOT NULL,
        photo_hashes TEXT NOT NULL,
        station_id TEXT,
        received_by TEXT,
        received_at TEXT NOT NULL,
        hub_seq INTEGER
      ) STRICT;
      CREATE INDEX returns_order ON returns (order_id) WHERE order_id IS NOT NULL;
      CREATE INDEX returns_unknown ON returns (received_at) WHERE order_id IS NULL;

      CREATE TABLE return_items (
        return_id TEXT NOT NULL REFERENCES returns (id),
        item_no INTEGER NOT NULL,
        sku_code TEXT NOT NULL,
        qty INTEGER NOT NULL CHECK (qty > 0),
        condition TEXT NOT NULL CHECK (condition IN ('good', 'defective', 'missing')),
        reason TEXT,
        PRIMARY KEY (return_id, item_no)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
