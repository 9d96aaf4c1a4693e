import type { Migration } from '../migrate';

/** A fetched number printed before packing (waybill.printed): when, so its parcel does not print it again. Additive. */
export const stationWaybillsPrinted: Migration = {
  version: 19,
  name: '0019-waybills-printed',
  up(db) {
    db.exec('ALTER TABLE provider_waybills ADD COLUMN printed_at TEXT');
  },
};
