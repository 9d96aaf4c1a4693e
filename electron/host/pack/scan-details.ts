import type { BenchLine } from '#shared/contract/bench.contract';

/**
 * What the bench says about an item scan that counts on no line, beyond "wrong" or "too many":
 * the panel turns these into words (the detail of a scan answer is strings only).
 */

/** A code as a shop writes it into a title or 商品属性: letters and digits, joined by - _ . (a trailing "." ends a sentence). */
const CODE_IN_TEXT = /[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*/g;

/**
 * The SKUs a line's title and 商品属性 name, by a code or barcode the catalog knows (`skuOf` says
 * which SKU a code is, or null). Full-width text (ＳＫＵ－００３６) reads as its ASCII; a code is
 * also tried upper-cased, as titles are typed by hand.
 */
export function skusNamedBy(line: Pick<BenchLine, 'title' | 'props'>, skuOf: (code: string) => string | null): Set<string> {
  const text = `${line.title} ${line.props ?? ''}`.normalize('NFKC');
  const named = new Set<string>();
  for (const [code] of text.matchAll(CODE_IN_TEXT)) {
    const sku = skuOf(code) ?? (code.toUpperCase() === code ? null : skuOf(code.toUpperCase()));
    if (sku !== null) named.add(sku);
  }
  return named;
}

/**
 * Whether the scanned SKU may be this line without 商家编码: not when its title or 商品属性 names only
 * other SKUs the catalog knows (that is a wrong item, and binding it would let it through); `named`
 * says it names the scanned SKU. A title naming no known code stays a candidate, as before; the
 * plain text match then still finds a code the catalog spells in a way the pattern does not read.
 */
export function bindingFit(line: Pick<BenchLine, 'title' | 'props'>, skuCode: string, skuOf: (code: string) => string | null): 'named' | 'possible' | 'other' {
  const named = skusNamedBy(line, skuOf);
  if (named.has(skuCode)) return 'named';
  if (named.size > 0) return 'other';
  return line.title.toUpperCase().includes(skuCode.toUpperCase()) ? 'named' : 'possible';
}

/**
 * The order's lines without 商家编码 still to pack that the item may be: a supervisor may bind it
 * to one. A line whose text names another known SKU is left out; with none left the scan is a
 * plain wrong item. The suggested line is the one whose title names the SKU (a shop often writes
 * the code into the title), or the only one.
 */
export function unboundLinesDetail(lines: readonly BenchLine[], skuCode: string, skuOf: (code: string) => string | null): Record<string, string> {
  const fits = lines
    .filter((l) => l.skuCode === null && l.verified < l.qty)
    .map((l) => ({ line: l, fit: bindingFit(l, skuCode, skuOf) }))
    .filter((f) => f.fit !== 'other');
  if (fits.length === 0) return {};
  const suggested = fits.find((f) => f.fit === 'named') ?? (fits.length === 1 ? fits[0] : undefined);
  return {
    unboundLines: fits.map((f) => f.line.lineNo).join(','),
    ...(suggested ? { suggestedLine: String(suggested.line.lineNo) } : {}),
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
