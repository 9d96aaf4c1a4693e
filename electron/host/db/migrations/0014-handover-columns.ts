import type { Migration } from '../migrate';

/**
 * A parcel's handover to the courier (交接): which handover took it and when. The handover time is
 * the parcel's ship time: the 批量发货 export, the tracking watch ("no pickup scan N hours after
 * handover") and the late-shipping guard all read it. Additive: two nullable columns and an index.
 */
export const stationHandoverColumns: Migration = {
  version: 14,
  name: '0014-handover-columns',
  up(db) {
    db.exec(`
      ALTER TABLE shipments ADD COLUMN handover_id TEXT;
      ALTER TABLE shipments ADD COLUMN handed_over_at TEXT;
      CREATE INDEX shipments_handed_over ON shipments (handed_over_at) WHERE handed_over_at IS NOT NULL;
    `);
  },
};
