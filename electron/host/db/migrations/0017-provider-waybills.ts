import type { Migration } from '../migrate';

/**
 * Numbers from e-waybill providers (issue 11). Additive: two new tables.
 *
 * provider_waybills: one row per issued number (waybill.issued), a 子母件's children as rows of
 * their own naming their parent, so a shipment's parcels take them in order. A number is ready
 * until a parcel takes it (shipment_id) or a cancel is asked (cancel_state). The cancel is worked
 * only where the provider account lives (issuer: 'hub', or the id of the station that fetched it),
 * with its attempts and next try; the outcome comes back as waybill.cancelled.
 * waybill_fetch_failures: this bench's last failed 取号 per order, with the provider's reason,
 * shown on the order until a retry succeeds.
 */
export const stationProviderWaybills: Migration = {
  version: 17,
  name: '0017-provider-waybills',
  up(db) {
    db.exec(`
      CREATE TABLE provider_waybills (
        tracking_no TEXT PRIMARY KEY,
        parent_no TEXT,
        child_index INTEGER NOT NULL DEFAULT 0,
        order_id TEXT NOT NULL,
        request_key TEXT NOT NULL,
        provider TEXT NOT NULL,
        carrier_code TEXT NOT NULL,
        routing TEXT NOT NULL,
        print_data TEXT,
        template_size TEXT,
        provider_ref TEXT,
        issuer TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        shipment_id TEXT,
        cancel_state TEXT,
        cancel_reason TEXT,
        cancel_requested_at TEXT,
        cancelled_at TEXT,
        cancel_attempts INTEGER NOT NULL DEFAULT 0,
        cancel_next_at TEXT,
        cancel_error TEXT
      );
      CREATE INDEX provider_waybills_order ON provider_waybills (order_id, parent_no, child_index);
      CREATE INDEX provider_waybills_cancel ON provider_waybills (cancel_state, cancel_next_at) WHERE cancel_state = 'queued';
      CREATE TABLE waybill_fetch_failures (
        order_id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        at TEXT NOT NULL
      );
    `);
  },
};
