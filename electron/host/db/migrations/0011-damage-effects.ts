import type { Migration } from '../migrate';

/**
 * What a supervisor's decision sets going, known at every bench: a reship waiting to be packed
 * (written by damage.decided's applier), the reship parcel's link to the report and the parcel it
 * replaces, and the settlements of carrier claims (claim.settled). A claim itself is the report's
 * claim decision: its carrier, tracking number and amount live on that decision.
 */
export const stationDamageEffects: Migration = {
  version: 11,
  name: '0011-damage-effects',
  up(db) {
    db.exec(`
      -- One reship per report. It is open while the decision in force on the report is reship and
      -- no live parcel names it; both are read at the time, so nothing here is ever updated.
      CREATE TABLE reship_requests (
        report_id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL,
        sku_code TEXT NOT NULL,
        qty INTEGER NOT NULL CHECK (qty > 0),
        reason TEXT NOT NULL,
        of_shipment_id TEXT,
        decision_id TEXT NOT NULL,
        requested_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reship_requests_order ON reship_requests (order_id);

      ALTER TABLE shipments ADD COLUMN reship_report_id TEXT;
      ALTER TABLE shipments ADD COLUMN reship_of TEXT;
      ALTER TABLE shipments ADD COLUMN reship_reason TEXT;
      CREATE INDEX shipments_reship ON shipments (reship_report_id) WHERE reship_report_id IS NOT NULL;

      CREATE TABLE claim_settlements (
        id TEXT PRIMARY KEY,
        claim_id TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('paid', 'rejected')),
        paid_fen INTEGER,
        note TEXT NOT NULL,
        seen_hub_seq INTEGER NOT NULL,
        station_id TEXT,
        settled_by TEXT,
        settled_at TEXT NOT NULL,
        hub_seq INTEGER
      ) STRICT;
      CREATE INDEX claim_settlements_claim ON claim_settlements (claim_id);
    `);
  },
};
