import type { Migration } from '../migrate';

/**
 * Numbers another bench holds (its import or lease reached this one): kept as retired rows naming
 * that bench, so a later import of the same roll here leaves them out instead of printing them
 * twice. They are not this bench's, so its pool counts leave them out. Additive.
 */
export const stationWaybillsHeldElsewhere: Migration = {
  version: 21,
  name: '0021-waybills-held-elsewhere',
  up(db) {
    db.exec('ALTER TABLE waybill_numbers ADD COLUMN held_by TEXT');
  },
};
