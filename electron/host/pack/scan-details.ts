import type { BenchLine } from '#shared/contract/bench.contract';

/**
 * What the bench says about an item scan that counts on no line, beyond "wrong" or "too many":
 * the panel turns these into words (the detail of a scan answer is strings only).
 */

/**
 * The order's lines without 商家编码 still to pack: the item may be one of them, and a supervisor
 * may bind it. The suggested line is the one whose title names the SKU (a shop often writes the
 * code into the title), or the only one.
 */
export function unboundLinesDetail(lines: readonly BenchLine[], skuCode: string): Record<string, string> {
  const unbound = lines.filter((l) => l.skuCode === null && l.verified < l.qty);
  if (unbound.length === 0) return {};
  const named = unbound.find((l) => l.title.toUpperCase().includes(skuCode.toUpperCase()));
  const suggested = named ?? (unbound.length === 1 ? unbound[0] : undefined);
  return {
    unboundLines: unbound.map((l) => l.lineNo).join(','),
    ...(suggested ? { suggestedLine: String(suggested.lineNo) } : {}),
  };
}

/** Units the order still needs of a SKU: a case pack worth more than that says so instead of "full". */
export function unitsNeeded(lines: readonly BenchLine[], skuCode: string): number {
  return lines.filter((l) => l.skuCode === skuCode).reduce((n, l) => n + Math.max(0, l.qty - l.verified), 0);
}

/** Verified and ordered units of the open order, for the "switch orders?" question. */
export function progressOf(lines: readonly BenchLine[]): { verified: number; units: number } {
  return {
    verified: lines.reduce((n, l) => n + Math.min(l.verified, l.qty), 0),
    units: lines.reduce((n, l) => n + l.qty, 0),
  };
}

/** What leaves now: verified (partial) or ordered (full) units per SKU, less what earlier partial parcels took (`before`). */
export function unitsLeaving(lines: readonly BenchLine[], before: ReadonlyMap<string, number>, partial: boolean): Map<string, number> {
  const units = new Map<string, number>();
  for (const l of lines) {
    const n = partial ? l.verified : l.qty;
    if (l.skuCode && n > 0) units.set(l.skuCode, (units.get(l.skuCode) ?? 0) + n);
  }
  for (const [sku, n] of before) {
    const left = (units.get(sku) ?? 0) - n;
    if (left > 0) units.set(sku, left);
    else units.delete(sku);
  }
  return units;
}
