import { safetyStockSchema, skuBarcodeSchema } from '#shared/contract/catalog.contract';
import { parseWeightToGrams } from '#shared/domain/weight-text';
import { grams } from '#shared/ops/fields';
import { STOCK_DELTA_MAX } from '#shared/ops/stock-delta.op';

/**
 * What the catalog dialogs read from their boxes, checked against the same limits the host applies,
 * so a value the host would refuse is named under its field instead of coming back as a raw error.
 */


/** The heaviest SKU the sku.saved op takes, in grams. */
export const WEIGHT_MAX_G = grams.maxValue ?? Number.MAX_SAFE_INTEGER;

export type WeightReading = { grams: number | null; problem: null } | { grams: null; problem: 'format' | 'tooHeavy' };

/** '350', '350g', '0.35kg', '1.2公斤' → grams (rounded half up); '' → no weight. */
export function readWeight(text: string): WeightReading {
  const s = text.trim();
  if (s === '') return { grams: null, problem: null };
  // The SKU import's own rule: a weight it takes, the editor takes.
  const g = parseWeightToGrams(s);
  if (g === null) return { grams: null, problem: 'format' };
  return grams.safeParse(g).success ? { grams: g, problem: null } : { grams: null, problem: 'tooHeavy' };
}

const unitsSchema = skuBarcodeSchema.shape.units;
/** How many units one barcode may stand for (the SKU contract's range). */
export const UNITS_RANGE = { min: unitsSchema.minValue ?? 1, max: unitsSchema.maxValue ?? Number.MAX_SAFE_INTEGER };

/** A barcode's unit count, or null when it is not a whole number in UNITS_RANGE. */
export function readUnits(text: string): number | null {
  const s = text.normalize('NFKC').trim();
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return unitsSchema.safeParse(n).success ? n : null;
}

/** The largest stock movement one adjustment may book, either way (the stock.delta op's cap). */
export const DELTA_RANGE = { min: -STOCK_DELTA_MAX, max: STOCK_DELTA_MAX };

export type DeltaReading = { delta: number; problem: null } | { delta: null; problem: 'empty' | 'whole' | 'zero' };

/**
 * A signed whole number of units: '+10', '-2', full-width '１０' or '－２' and a typographic minus
 * read as their ASCII twins. Not a decimal, not '1e3', and within DELTA_RANGE.
 */
export function readDelta(text: string): DeltaReading {
  const s = text.normalize('NFKC').replace(/\u2212/g, '-').trim();
  if (s === '') return { delta: null, problem: 'empty' };
  if (!/^[+-]?\d{1,16}$/.test(s)) return { delta: null, problem: 'whole' };
  const n = Number(s);
  if (n < DELTA_RANGE.min || n > DELTA_RANGE.max) return { delta: null, problem: 'whole' };
  if (n === 0) return { delta: null, problem: 'zero' };
  return { delta: n, problem: null };
}

const safetySchema = safetyStockSchema.unwrap();
/** The 安全库存 a SKU may have (the sku.saved op's range). */
export const SAFETY_RANGE = { min: safetySchema.minValue ?? 0, max: safetySchema.maxValue ?? Number.MAX_SAFE_INTEGER };

export type SafetyReading = { value: number | null; problem: boolean };

/** '20' or full-width '２０' → 20; '' → no threshold; anything else (a decimal, a minus, past the cap) is a problem. */
export function readSafetyStock(text: string): SafetyReading {
  const s = text.normalize('NFKC').trim();
  if (s === '') return { value: null, problem: false };
  if (!/^\d{1,9}$/.test(s)) return { value: null, problem: true };
  const n = Number(s);
  return safetySchema.safeParse(n).success ? { value: n, problem: false } : { value: null, problem: true };
}
