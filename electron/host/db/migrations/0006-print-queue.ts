import type { Migration } from '../migrate';

/**
 * The label print queue: each waybill to print is a row, so a label survives a printer that is off,
 * a crash or a restart, and its state is what the bench shows. Local to this bench (printers are
 * per bench); what printed is still synced as shipment.printed.
 *
 * queued → sent → done; failed (the printer refused before any byte left: paper out, head open,
 * paused, a bad setting); unknown (the outcome after sending is not known: the packer decides);
 * cancelled. A job is `sent` from just before its first byte leaves, so a crash mid-send leaves it
 * `sent`, and the next start turns it into `unknown`, never into a second label.
 */
export const stationPrintQueue: Migration = {
  version: 6,
  name: '0006-print-queue',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('waybill')),
        shipment_id TEXT NOT NULL REFERENCES shipments (id),
        -- The order's number and the tracking number as the packer knows them.
        order_ref TEXT NOT NULL,
        tracking_no TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'done', 'failed', 'unknown', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- When a job waiting after a transport failure is tried again.
        next_attempt_at TEXT,
        -- The last failure as a catalog message (JSON): key and parameters, never prose.
        error TEXT,
        -- The printer it went to (its name), '' before it was sent.
        printer TEXT NOT NULL DEFAULT '',
        -- A reprint the packer asked for names the job it repeats, and who asked.
        reprint_of TEXT REFERENCES print_jobs (id),
        requested_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX print_jobs_open ON print_jobs (created_at) WHERE state IN ('queued', 'sent', 'failed', 'unknown');
      CREATE INDEX print_jobs_shipment ON print_jobs (shipment_id);
    `);
  },
};
