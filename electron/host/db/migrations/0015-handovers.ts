import type { Migration } from '../migrate';

/**
 * Courier handovers (交接, issue 10), shop-wide through the handover.* ops. Additive: three tables
 * and two indexes.
 *
 * handovers: one pickup of one carrier, opened at a bench and closed with the courier's name and
 * signature. `close_hub_seq` is where the hub put the close: NULL while this bench's own close is
 * not ordered yet (a close ordered earlier takes a parcel from it).
 * handover_scans: every scan into a handover, at whichever bench or phone, with its outcome.
 * handover_parcels: the reconciliation the close recorded: accepted, missing or intercepted.
 * The partial index on shipments holds exactly the parcels a handover still waits for.
 */
export const stationHandovers: Migration = {
  version: 15,
  name: '0015-handovers',
  up(db) {
    db.exec(`
      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        carrier_code TEXT NOT NULL,
        station_id TEXT NOT NULL,
        opened_by TEXT,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        closed_station TEXT,
        courier_name TEXT,
        signature_hash TEXT,
        photo_hashes TEXT NOT NULL DEFAULT '[]',
        close_hub_seq INTEGER
      ) STRICT;
      CREATE INDEX handovers_opened ON handovers (opened_at);

      CREATE TABLE handover_scans (
        id TEXT PRIMARY KEY,
        handover_id TEXT NOT NULL,
        code TEXT NOT NULL,
        shipment_id TEXT,
        outcome TEXT NOT NULL,
        station_id TEXT NOT NULL,
        scanned_by TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX handover_scans_handover ON handover_scans (handover_id, at);
      CREATE INDEX handover_scans_shipment ON handover_scans (shipment_id) WHERE shipment_id IS NOT NULL;

      CREATE TABLE handover_parcels (
        handover_id TEXT NOT NULL,
        shipment_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('accepted', 'missing', 'intercepted')),
        PRIMARY KEY (handover_id, shipment_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX handover_parcels_flagged ON handover_parcels (shipment_id) WHERE state <> 'accepted';

      CREATE INDEX shipments_awaiting_handover ON shipments (carrier_code, printed_at) WHERE handed_over_at IS NULL AND voided_at IS NULL;
    `);
  },
};
