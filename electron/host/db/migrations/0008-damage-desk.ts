import type { Migration } from '../migrate';

/**
 * Damage reports say why (a reason code), where they were found, the parcel, the weight and who
 * filed them when; decisions carry their amount (a claim, a refund) and the parcel a claim is
 * against. 'return-to-stock' is called 'restock' from now on.
 */
export const stationDamageDesk: Migration = {
  version: 8,
  name: '0008-damage-desk',
  up(db) {
    db.exec(`
      ALTER TABLE damage_reports ADD COLUMN shipment_id TEXT;
      ALTER TABLE damage_reports ADD COLUMN reason TEXT NOT NULL DEFAULT 'other';
      ALTER TABLE damage_reports ADD COLUMN source TEXT NOT NULL DEFAULT 'bench';
      ALTER TABLE damage_reports ADD COLUMN weight_g INTEGER;
      ALTER TABLE damage_reports ADD COLUMN return_id TEXT;
      ALTER TABLE damage_reports ADD COLUMN reported_by TEXT;
      ALTER TABLE damage_reports ADD COLUMN reported_at TEXT NOT NULL DEFAULT '';
      CREATE INDEX damage_reports_order ON damage_reports (order_id) WHERE order_id IS NOT NULL;

      ALTER TABLE damage_decisions ADD COLUMN amount_fen INTEGER;
      ALTER TABLE damage_decisions ADD COLUMN carrier_code TEXT;
      ALTER TABLE damage_decisions ADD COLUMN tracking_no TEXT;
      ALTER TABLE damage_decisions ADD COLUMN decided_by TEXT;
      ALTER TABLE damage_decisions ADD COLUMN decided_at TEXT NOT NULL DEFAULT '';
      UPDATE damage_decisions SET decision = 'restock' WHERE decision = 'return-to-stock';
    `);
  },
};
