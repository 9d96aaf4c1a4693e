import type { Migration } from '../migrate';

/**
 * The exceptions inbox and the dashboard. Additive: two tables and indexes.
 *
 * bench_exceptions: weight mismatches and print failures from every bench (bench.exception).
 * inbox_resolutions: rows a supervisor closed with a note (inbox.resolved), by the row's stable key.
 * The partial index keeps "orders cancelled or refunded after the label" cheap to find: only such
 * orders are in it, by when they last changed. Its WHERE is repeated word for word by the inbox's
 * query (inbox.repo.ts, STOP_BLOCKS), or SQLite will not use it.
 */
export const stationInbox: Migration = {
  version: 13,
  name: '0013-inbox',
  up(db) {
    db.exec(`
      CREATE TABLE bench_exceptions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        order_id TEXT,
        tracking_no TEXT,
        ref TEXT,
        -- The evidence, a catalog message (JSON).
        detail TEXT NOT NULL,
        station_id TEXT NOT NULL,
        at TEXT NOT NULL,
        cleared_at TEXT
      ) STRICT;
      CREATE INDEX bench_exceptions_open ON bench_exceptions (at) WHERE cleared_at IS NULL;

      CREATE TABLE inbox_resolutions (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        note TEXT NOT NULL,
        resolved_by TEXT,
        station_id TEXT NOT NULL,
        at TEXT NOT NULL,
        -- NULL: this bench's own, not yet ordered by the hub.
        hub_seq INTEGER
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX inbox_resolutions_at ON inbox_resolutions (at);

      CREATE INDEX orders_stop_watch ON orders (updated_at)
        WHERE blocked_reason GLOB '{"key":"blocked.reasons.TRADE_CLOSED*' OR blocked_reason GLOB '{"key":"blocked.refundPending"*';
      -- The dashboard reads scans, parcels and reports by time.
      CREATE INDEX scan_events_at ON scan_events (at);
      CREATE INDEX damage_reports_at ON damage_reports (reported_at);
    `);
  },
};
