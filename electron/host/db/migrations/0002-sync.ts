import type { Migration } from '../migrate';

/**
 * Sync with the shop's hub (research/sync.md §7.3). Additive only: new tables, new nullable or
 * defaulted columns, new indexes — a station one version behind still reads its own data.
 */
export const stationSync: Migration = {
  version: 2,
  name: '0002-sync',
  up(db) {
    db.exec(`
      -- What the hub answered for each op this station recorded.
      ALTER TABLE outbox ADD COLUMN hub_seq INTEGER;
      ALTER TABLE outbox ADD COLUMN outcome TEXT;
      ALTER TABLE outbox ADD COLUMN reason TEXT;
      CREATE INDEX outbox_unconfirmed ON outbox (station_seq) WHERE hub_seq IS NULL;
      -- The master record an op rewrites (order:<id>, sku:<code>, barcode:<code>): an entry pulled from
      -- another station must not overwrite a newer write of this station the hub has not ordered yet.
      ALTER TABLE outbox ADD COLUMN entity TEXT;
      CREATE INDEX outbox_entity ON outbox (entity, hub_seq) WHERE entity IS NOT NULL;

      -- Log entries applied here, by op id: applying one twice is a no-op.
      CREATE TABLE sync_applied (op_id TEXT PRIMARY KEY, hub_seq INTEGER NOT NULL) STRICT, WITHOUT ROWID;
      -- Entries from a newer Packdesk: kept, and applied after this station is upgraded. Also
      -- Entries waiting for something the station does not have yet (waiting_for 'order:<id>', 'sku:<code>').
      CREATE TABLE pending_unknown (hub_seq INTEGER PRIMARY KEY, entry TEXT NOT NULL, waiting_for TEXT NOT NULL DEFAULT 'upgrade') STRICT;

      -- Conflicts the hub raised; every station holds the same list.
      CREATE TABLE flags (
        flag_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        order_id TEXT,
        station_ids TEXT NOT NULL,
        op_ids TEXT NOT NULL,
        detail TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        hub_seq INTEGER NOT NULL,
        resolution TEXT,
        resolved_at TEXT
      ) STRICT;
      CREATE INDEX flags_open ON flags (hub_seq) WHERE resolution IS NULL;

      -- Who claimed an order: provisional (hub_seq NULL) until the hub's first accepted claim arrives.
      CREATE TABLE order_claims (
        order_id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        hub_seq INTEGER
      ) STRICT, WITHOUT ROWID;

      -- Order status as a monotonic lattice (generation, rank); see shared/domain/order-lattice.
      ALTER TABLE orders ADD COLUMN status_generation INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE orders ADD COLUMN status_rank INTEGER NOT NULL DEFAULT 0;

      -- Parcels packed at other stations arrive through the log; NULL = packed here.
      ALTER TABLE shipments ADD COLUMN station_id TEXT;
      ALTER TABLE shipments ADD COLUMN group_id TEXT;
      -- The hub_seq a stock movement was confirmed at (NULL: not yet ordered by the hub). A cycle
      -- count tells the hub exactly which movements it had seen.
      ALTER TABLE stock_ledger ADD COLUMN hub_seq INTEGER;
      CREATE INDEX stock_ledger_unconfirmed ON stock_ledger (sku_code) WHERE hub_seq IS NULL;
      -- Numbers leased from the hub's pool carry their lease.
      ALTER TABLE waybill_numbers ADD COLUMN lease_id TEXT;

      -- Damage reports are append-only; decisions are separate facts (screens come later).
      CREATE TABLE damage_reports (
        id TEXT PRIMARY KEY,
        order_id TEXT,
        sku_code TEXT NOT NULL,
        qty INTEGER NOT NULL,
        description TEXT NOT NULL,
        photo_hashes TEXT NOT NULL,
        station_id TEXT,
        hub_seq INTEGER
      ) STRICT;
      CREATE TABLE damage_decisions (
        id TEXT PRIMARY KEY,
        report_id TEXT NOT NULL,
        decision TEXT NOT NULL,
        note TEXT NOT NULL,
        seen_hub_seq INTEGER NOT NULL,
        station_id TEXT,
        hub_seq INTEGER
      ) STRICT;
      CREATE INDEX damage_decisions_report ON damage_decisions (report_id);
    `);
  },
};
