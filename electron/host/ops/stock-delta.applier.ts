import type { OpPayload } from '#shared/ops/index';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * The ledger's reason column: the bench's own words for parcels and counts, a supervisor's note for
 * an adjustment or a disposal (its kind travels in the op, and the audit reads it from there).
 */
const reasonOf = (d: OpPayload<'stock.delta'>) => (d.cause === 'ship' ? 'shipped' : d.cause === 'adjust' || d.cause === 'dispose' ? d.note : d.cause);

/**
 * The stock ledger: one row per movement, never updated but for the hub_seq that confirms it. A
 * count adjustment the hub booked may already be here provisionally (made by this station's count).
 */
export function stockDeltaApplier({ db }: ApplierDeps): Applier<'stock.delta'> {
  const q = {
    insert: db.prepare(`INSERT INTO stock_ledger (id, sku_code, delta, reason, ref, user_id, at, hub_seq, bucket)
      VALUES (@id, @skuCode, @delta, @reason, @ref, @userId, @at, @hubSeq, @bucket) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    confirm: db.prepare('UPDATE stock_ledger SET hub_seq = ? WHERE id = ?'),
  };
  return {
    apply: (d, m) => void q.insert.run({ id: d.id, skuCode: d.skuCode, delta: d.delta, reason: reasonOf(d), ref: d.ref, userId: m.userId, at: m.at, hubSeq: m.hubSeq, bucket: d.bucket }),
    confirm: (d, m) => void q.confirm.run(m.hubSeq, d.id),
  };
}
