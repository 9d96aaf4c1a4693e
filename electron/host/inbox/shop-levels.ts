import { carriers } from '#shared/domain/carriers';
import type { Db } from '../db/open-database';

export type NegativeSku = { skuCode: string; qty: number; at: string };
/** A SKU whose shelf is at or below its 安全库存 (and not below zero: that is the negative row's). */
export type LowSku = NegativeSku & { name: string; safetyStock: number };
export type PoolLevel = { carrierCode: string; left: number; free: number; held: number | null; at: string };

/**
 * SKUs whose shelf stock is below zero, for a bench with no hub to flag it. The ledger only grows,
 * so after one full pass only the SKUs moved since (rows past the last rowid seen) are summed again.
 */
export function createNegativeStockWatch(db: Db) {
  const q = {
    top: db.prepare('SELECT coalesce(max(rowid), 0) FROM stock_ledger').pluck(),
    moved: db.prepare('SELECT DISTINCT sku_code FROM stock_ledger WHERE rowid > ?').pluck(),
    all: db.prepare(`SELECT sku_code AS skuCode, sum(delta) AS qty, max(at) AS at FROM stock_ledger WHERE bucket = 'sellable'
      GROUP BY sku_code HAVING sum(delta) < 0`),
    one: db.prepare("SELECT coalesce(sum(delta), 0) AS qty, max(at) AS at FROM stock_ledger WHERE sku_code = ? AND bucket = 'sellable'"),
  };
  let seen = 0;
  let negative = new Map<string, NegativeSku>();
  return (): NegativeSku[] => {
    const top = q.top.get() as number;
    if (seen === 0 || top < seen) {
      negative = new Map((q.all.all() as NegativeSku[]).map((n) => [n.skuCode, n]));
    } else if (top > seen) {
      for (const skuCode of q.moved.all(seen) as string[]) {
        const { qty, at } = q.one.get(skuCode) as { qty: number; at: string | null };
        if (qty < 0) negative.set(skuCode, { skuCode, qty, at: at ?? '' });
        else negative.delete(skuCode);
      }
    }
    seen = top;
    return [...negative.values()].sort((a, b) => (a.skuCode < b.skuCode ? -1 : 1));
  };
}

/**
 * SKUs at or below their 安全库存, at every bench alike (the thresholds and the ledger both sync).
 * Shelf levels are kept as the negative watch keeps them (one full pass, then the SKUs moved since);
 * the thresholds are read each time (only SKUs that have one, from their index), so a threshold
 * set or cleared shows at once.
 */
export function createLowStockWatch(db: Db) {
  const q = {
    top: db.prepare('SELECT coalesce(max(rowid), 0) FROM stock_ledger').pluck(),
    moved: db.prepare('SELECT DISTINCT sku_code FROM stock_ledger WHERE rowid > ?').pluck(),
    all: db.prepare("SELECT sku_code AS skuCode, sum(delta) AS qty, max(at) AS at FROM stock_ledger WHERE bucket = 'sellable' GROUP BY sku_code"),
    one: db.prepare("SELECT coalesce(sum(delta), 0) AS qty, max(at) AS at FROM stock_ledger WHERE sku_code = ? AND bucket = 'sellable'"),
    thresholds: db.prepare('SELECT code, name, safety_stock AS safetyStock, updated_at AS updatedAt FROM skus WHERE safety_stock IS NOT NULL ORDER BY code'),
  };
  let seen = 0;
  let shelf = new Map<string, { qty: number; at: string | null }>();
  return (): LowSku[] => {
    const top = q.top.get() as number;
    if (seen === 0 || top < seen) {
      shelf = new Map((q.all.all() as NegativeSku[]).map((n) => [n.skuCode, { qty: n.qty, at: n.at }]));
    } else if (top > seen) {
      for (const skuCode of q.moved.all(seen) as string[]) shelf.set(skuCode, q.one.get(skuCode) as { qty: number; at: string | null });
    }
    seen = top;
    const low: LowSku[] = [];
    for (const t of q.thresholds.all() as { code: string; name: string; safetyStock: number; updatedAt: string }[]) {
      const { qty, at } = shelf.get(t.code) ?? { qty: 0, at: null };
      // Since it fell there, or since the threshold was set above what the shelf held.
      if (qty >= 0 && qty <= t.safetyStock) low.push({ skuCode: t.code, name: t.name, qty, safetyStock: t.safetyStock, at: at ?? t.updatedAt });
    }
    return low;
  };
}

/**
 * Free numbers per enabled carrier in this bench's own pool, for the carriers that ever had numbers here.
 * Each count stops at `cap` (the threshold): only "how many, if under it" matters.
 */
export function createOwnPoolLevels(db: Db) {
  const q = {
    disabled: db.prepare('SELECT code FROM carriers WHERE enabled = 0').pluck(),
    any: db.prepare('SELECT 1 FROM waybill_numbers WHERE carrier_code = ? LIMIT 1').pluck(),
    free: db.prepare("SELECT count(*) FROM (SELECT 1 FROM waybill_numbers WHERE carrier_code = @code AND state = 'free' LIMIT @cap)").pluck(),
  };
  return (cap: number, at: string): PoolLevel[] => {
    const levels: PoolLevel[] = [];
    const disabled = new Set(q.disabled.all() as string[]);
    for (const { code } of carriers) {
      if (disabled.has(code) || q.any.get(code) === undefined) continue;
      const free = q.free.get({ code, cap }) as number;
      levels.push({ carrierCode: code, left: free, free, held: null, at });
    }
    return levels;
  };
}
