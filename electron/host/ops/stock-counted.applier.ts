import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * A count: the counting station books counted − known at once, provisionally; the hub books the
 * same difference under the same id (a stock.delta it writes), which confirms it everywhere.
 */
export function stockCountedApplier({ db }: ApplierDeps): Applier<'stock.counted'> {
  const provisional = db.prepare(`INSERT OR IGNORE INTO stock_ledger (id, sku_code, delta, reason, ref, user_id, at, hub_seq)
    VALUES (@id, @skuCode, @delta, 'count', @ref, @userId, @at, NULL)`);
  return {
    apply(c, m) {
      const delta = c.countedQty - c.knownQty;
      if (m.own && delta !== 0) provisional.run({ id: `${c.id}:adjust`, skuCode: c.skuCode, delta, ref: c.id, userId: m.userId, at: m.at });
    },
  };
}
