import type { Migration } from '../migrate';

/**
 * The inbox's "stop this parcel" kind looks for orders cancelled or refunded lately that still have
 * a live parcel. Its index held every cancelled or refunded order of the window, most of which never
 * had a parcel (an export brings in thousands of closed orders): at 100k imported orders the read
 * walked ~30k of them, ~10 ms on the main thread 300 ms after every scan. `live_parcel` (kept by
 * refreshPackState, which every parcel made or voided goes through) narrows the index to the orders
 * that could need stopping. Additive: the column is derived from the parcels already held.
 */
export const stationOrdersLiveParcel: Migration = {
  version: 26,
  name: '0026-orders-live-parcel',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN live_parcel INTEGER NOT NULL DEFAULT 0 CHECK (live_parcel IN (0, 1));
      UPDATE orders SET live_parcel = 1 WHERE id IN (SELECT order_id FROM shipments WHERE voided_at IS NULL);
      DROP INDEX orders_stop_watch;
      CREATE INDEX orders_stop_watch ON orders (updated_at)
        WHERE (blocked_reason GLOB '{"key":"blocked.reasons.TRADE_CLOSED*' OR blocked_reason GLOB '{"key":"blocked.refundPending"*') AND live_parcel = 1;
    `);
  },
};
