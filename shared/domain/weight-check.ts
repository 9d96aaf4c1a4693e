/** A weighed parcel against its expected weight (Σ SKU weights × qty + packaging). */
export type WeightCheck = { status: 'none' | 'ok' | 'light' | 'heavy'; deviationG: number; deviationPct: number };
export type WeightTolerance = { pct: number; g: number };

/**
 * Within tolerance when the deviation is within `g` grams or within `pct` % of the expected weight,
 * whichever allows more: a fixed band keeps light parcels (a 60 g pair of socks) from tripping on
 * scale noise, the percentage scales with heavy ones. No expected weight (a SKU without one): none.
 */
export function checkWeight(expectedG: number | null, actualG: number | null, tolerance: WeightTolerance): WeightCheck {
  if (expectedG === null || actualG === null || expectedG <= 0) return { status: 'none', deviationG: 0, deviationPct: 0 };
  const deviationG = Math.round(actualG - expectedG);
  const deviationPct = Math.round((deviationG / expectedG) * 1000) / 10;
  const allowed = Math.max(tolerance.g, (expectedG * tolerance.pct) / 100);
  if (Math.abs(deviationG) <= allowed) return { status: 'ok', deviationG, deviationPct };
  return { status: deviationG < 0 ? 'light' : 'heavy', deviationG, deviationPct };
}
