import type { Migration } from '../migrate';

/**
 * Tracking at the stations (tracking.updated). Additive: two tables, one nullable column.
 *
 * tracking_parcels: one row per parcel (carrier + number), what every update so far adds up to
 * (shared/domain/tracking-merge.ts): the state shown, the newest update's state and its sort key,
 * the furthest point of the journey, and the first and last event times, kept as min/max so they
 * do not depend on the order updates arrive in. No foreign key to shipments: the hub may report a
 * parcel before its shipment.created reaches this bench.
 * tracking_events: the trace, once per time and text.
 * orders.delivered_at: set while every live parcel of a shipped order is delivered. Derived, like
 * pack_state, from parcels every bench holds alike; a column rather than a third pack_state value,
 * so an older app reading this database still finds only 'open' and 'shipped' there.
 */
export const stationTracking: Migration = {
  version: 16,
  name: '0016-tracking',
  up(db) {
    db.exec(`
      CREATE TABLE tracking_parcels (
        carrier_code TEXT NOT NULL,
        tracking_no TEXT NOT NULL,
        state TEXT,
        latest_state TEXT,
        latest_key TEXT NOT NULL,
        progress INTEGER NOT NULL DEFAULT 0,
        dest_city TEXT NOT NULL DEFAULT '',
        dest_key TEXT NOT NULL DEFAULT '',
        reported_carrier TEXT,
        source TEXT NOT NULL,
        accepted_at TEXT,
        last_event_at TEXT,
        delivered_first_at TEXT,
        delivered_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (carrier_code, tracking_no)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tracking_parcels_no ON tracking_parcels (tracking_no);
      -- The inbox's reads (inbox/tracking-exceptions.ts): by state, and the parcels a mismatch may concern, each by time.
      CREATE INDEX tracking_parcels_state ON tracking_parcels (state, updated_at);
      CREATE INDEX tracking_parcels_dest ON tracking_parcels (updated_at) WHERE dest_city <> '';
      CREATE INDEX tracking_parcels_reported ON tracking_parcels (updated_at) WHERE reported_carrier IS NOT NULL;

      CREATE TABLE tracking_events (
        carrier_code TEXT NOT NULL,
        tracking_no TEXT NOT NULL,
        at TEXT NOT NULL,
        text TEXT NOT NULL,
        state TEXT NOT NULL,
        city TEXT NOT NULL,
        PRIMARY KEY (carrier_code, tracking_no, at, text)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE orders ADD COLUMN delivered_at TEXT;
    `);
  },
};
