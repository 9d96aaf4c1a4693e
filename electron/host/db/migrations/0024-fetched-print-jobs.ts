import type { Migration } from '../migrate';

/**
 * Labels of numbers fetched at 取号 go through the label queue too (打单, before any parcel
 * exists): a paper-out in the middle of a batch is retried from the queue, and a label that may be
 * on paper waits for the packer. Their jobs have no shipment, which print_jobs requires, so they
 * get a table of their own with print_jobs' states and columns; the queue reads both as one.
 * Additive: a new table, local to this bench like print_jobs (what printed is synced as
 * waybill.printed).
 */
export const stationFetchedPrintJobs: Migration = {
  version: 24,
  name: '0024-fetched-print-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE fetched_print_jobs (
        id TEXT PRIMARY KEY,
        -- The fetched number (its order is the number's), and the order's number as the packer knows it.
        tracking_no TEXT NOT NULL REFERENCES provider_waybills (tracking_no),
        order_ref TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'done', 'failed', 'unknown', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        error TEXT,
        printer TEXT NOT NULL DEFAULT '',
        -- A reprint names the job it repeats (none when the label was printed at another bench), and who asked.
        reprint_of TEXT REFERENCES fetched_print_jobs (id),
        requested_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fetched_print_jobs_open ON fetched_print_jobs (created_at) WHERE state IN ('queued', 'sent', 'failed', 'unknown');
      CREATE INDEX fetched_print_jobs_number ON fetched_print_jobs (tracking_no, created_at);
    `);
  },
};
