import { encodeMessage } from '#shared/i18n/message';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A conflict the hub raised: the same list at every station. */
export function flagRaisedApplier({ db }: ApplierDeps): Applier<'flag.raised'> {
  const insert = db.prepare(`INSERT OR IGNORE INTO flags (flag_id, kind, order_id, station_ids, op_ids, detail, raised_at, hub_seq)
    VALUES (@flagId, @kind, @orderId, @stationIds, @opIds, @detail, @at, @hubSeq)`);
  return {
    apply: (p, m) =>
      void insert.run({
        ...p, stationIds: JSON.stringify(p.stationIds), opIds: JSON.stringify(p.opIds), detail: encodeMessage(p.message), at: m.at, hubSeq: m.hubSeq ?? 0,
      }),
  };
}
