import type { Migration } from '../migrate';

/** The station's first schema: orders, catalog, stock ledger, waybill pools, shipments, scans, outbox. */
export const stationCore: Migration = {
  version: 1,
  name: '0001-station-core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      -- Every syncable write appends here in the same transaction (DESIGN §6, §9).
      CREATE TABLE outbox (
        station_seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        pushed_at TEXT
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('packer', 'supervisor', 'admin')),
        pin_hash TEXT,
        badge TEXT UNIQUE,
        -- A packer who left is disabled, never deleted: their id stays on every scan and parcel.
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE orders (
        id TEXT PRIMARY KEY, -- platform:external_id, the same at every station
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        platform_status TEXT NOT NULL,
        buyer_nick TEXT NOT NULL,
        receiver_name TEXT NOT NULL,
        receiver_mobile TEXT NOT NULL,
        receiver_phone TEXT NOT NULL,
        province TEXT NOT NULL,
        city TEXT NOT NULL,
        district TEXT NOT NULL,
        address_detail TEXT NOT NULL,
        zip TEXT NOT NULL,
        buyer_message TEXT NOT NULL,
        seller_memo TEXT NOT NULL,
        paid_fen INTEGER,
        postage_fen INTEGER,
        created_at TEXT,
        paid_at TEXT,
        ship_deadline TEXT,
        carrier_name TEXT NOT NULL,
        tracking_no TEXT NOT NULL,
        pack_state TEXT NOT NULL DEFAULT 'open' CHECK (pack_state IN ('open', 'shipped')),
        blocked_reason TEXT,
        content_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX orders_external_id ON orders (external_id);
      CREATE INDEX orders_tracking_no ON orders (tracking_no) WHERE tracking_no <> '';
      CREATE INDEX orders_state_deadline ON orders (pack_state, ship_deadline);

      CREATE TABLE order_lines (
        order_id TEXT NOT NULL REFERENCES orders (id),
        line_no INTEGER NOT NULL,
        sub_order_id TEXT,
        sku_code TEXT,
        title TEXT NOT NULL,
        props TEXT,
        qty INTEGER NOT NULL CHECK (qty > 0),
        price_fen INTEGER,
        refund_status TEXT,
        PRIMARY KEY (order_id, line_no)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE skus (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        weight_g INTEGER,
        location TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE barcodes (
        barcode TEXT PRIMARY KEY,
        sku_code TEXT NOT NULL REFERENCES skus (code),
        units INTEGER NOT NULL DEFAULT 1 CHECK (units > 0)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX barcodes_sku ON barcodes (sku_code);

      -- Stock is a ledger of signed deltas; on hand is their sum, never an overwritten number.
      CREATE TABLE stock_ledger (
        id TEXT PRIMARY KEY,
        sku_code TEXT NOT NULL,
        delta INTEGER NOT NULL,
        reason TEXT NOT NULL,
        ref TEXT,
        user_id TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX stock_ledger_sku ON stock_ledger (sku_code);
      -- Which stock movements a shipment caused (partial shipments, voids).
      CREATE INDEX stock_ledger_ref ON stock_ledger (ref) WHERE ref IS NOT NULL;

      CREATE TABLE carriers (code TEXT PRIMARY KEY, enabled INTEGER NOT NULL DEFAULT 1) STRICT;
      -- A number moves free → used | void and never back: it is never handed out twice.
      CREATE TABLE waybill_numbers (
        number TEXT PRIMARY KEY,
        carrier_code TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('free', 'used', 'void')),
        added_at TEXT NOT NULL,
        shipment_id TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX waybill_numbers_free ON waybill_numbers (carrier_code, state, number);

      CREATE TABLE shipments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (id),
        carrier_code TEXT NOT NULL,
        tracking_no TEXT NOT NULL UNIQUE,
        parcel_no INTEGER NOT NULL,
        parcel_count INTEGER NOT NULL,
        weight_g INTEGER,
        partial INTEGER NOT NULL DEFAULT 0,
        packer_id TEXT,
        created_at TEXT NOT NULL,
        printed_at TEXT,
        print_count INTEGER NOT NULL DEFAULT 0,
        voided_at TEXT,
        void_reason TEXT,
        exported_at TEXT
      ) STRICT;
      CREATE INDEX shipments_order ON shipments (order_id);
      CREATE INDEX shipments_created ON shipments (created_at);

      CREATE TABLE scan_events (
        id TEXT PRIMARY KEY,
        order_id TEXT,
        packer_id TEXT,
        code TEXT NOT NULL,
        outcome TEXT NOT NULL,
        sku_code TEXT,
        line_no INTEGER,
        units INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scan_events_order ON scan_events (order_id);

      -- Verified units per order line; written with the scan event that caused it.
      CREATE TABLE pack_progress (
        order_id TEXT NOT NULL,
        line_no INTEGER NOT NULL,
        verified INTEGER NOT NULL DEFAULT 0,
        forced INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (order_id, line_no)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        authorizer_id TEXT,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;

      CREATE TABLE import_mappings (name TEXT PRIMARY KEY, mapping TEXT NOT NULL) STRICT;
    `);
  },
};
