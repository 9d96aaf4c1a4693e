import type { Migration } from '../migrate';

/**
 * A handover abandoned (作废, handover.abandoned): when, by whom, at which bench and why. Additive:
 * `closed_at` stays NULL for an abandoned one (it never closed), so every read of "open" also asks
 * `abandoned_at IS NULL`. A close pulled later (the courier did sign at another bench) clears these.
 */
export const stationHandoverAbandoned: Migration = {
  version: 27,
  name: '0027-handover-abandoned',
  up(db) {
    db.exec(`
      ALTER TABLE handovers ADD COLUMN abandoned_at TEXT;
      ALTER TABLE handovers ADD COLUMN abandoned_by TEXT;
      ALTER TABLE handovers ADD COLUMN abandoned_station TEXT;
      ALTER TABLE handovers ADD COLUMN abandon_reason TEXT;
      ALTER TABLE handovers ADD COLUMN abandon_note TEXT;
    `);
  },
};
