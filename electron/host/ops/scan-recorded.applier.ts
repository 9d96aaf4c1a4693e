import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** The scan log: every scan at every bench, right or wrong. */
export function scanRecordedApplier({ db }: ApplierDeps): Applier<'scan.recorded'> {
  const insert = db.prepare(`INSERT OR IGNORE INTO scan_events (id, order_id, packer_id, code, outcome, sku_code, line_no, units, at)
    VALUES (@id, @orderId, @packerId, @code, @outcome, @skuCode, @lineNo, @units, @at)`);
  return { apply: (p) => void insert.run(p) };
}
