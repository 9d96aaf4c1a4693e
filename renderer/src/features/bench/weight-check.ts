/** Compares a weighed parcel with the expected weight (Σ SKU weights + packaging, from the host). */
export type WeightCheck = { status: 'none' | 'ok' | 'light' | 'heavy'; deviationPct: number };

export function checkWeight(expectedG: number | null, actualG: number | null, tolerancePct: number): WeightCheck {
  if (expectedG === null || actualG === null || expectedG <= 0) return { status: 'none', deviationPct: 0 };
  const deviationPct = Math.round(((actualG - expectedG) / expectedG) * 1000) / 10;
  if (Math.abs(deviationPct) <= tolerancePct) return { status: 'ok', deviationPct };
  return { status: deviationPct < 0 ? 'light' : 'heavy', deviationPct };
}
