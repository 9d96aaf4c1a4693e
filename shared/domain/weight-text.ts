/** A weight for people, as the bench shows it: '950 g', '1.25 kg'; '—' when unknown. */
export function formatGrams(g: number | null | undefined): string {
  if (g === null || g === undefined) return '—';
  return g >= 1000 ? `${(g / 1000).toFixed(2)} kg` : `${g} g`;
}

/** '0.35kg', '350g', '350', '350克', '1.2公斤': digits, then an optional unit (grams when absent). */
const WEIGHT = /^(\d{1,7})(?:\.(\d{1,6}))?\s*(kg|千克|公斤|g|克)?$/i;
/** Units of WEIGHT that mean grams; the others mean kilograms. */
// eslint-disable-next-line no-restricted-syntax -- data: the units people write that mean grams
const GRAM_UNITS: ReadonlySet<string> = new Set(['g', '克']);

/**
 * A weight as people write it (the SKU import's 重量 cell, the SKU editor's box) → grams, rounded
 * half up; null when unreadable. One rule for both, so a weight the import takes the editor takes.
 */
export function parseWeightToGrams(text: string): number | null {
  const m = WEIGHT.exec(text.trim());
  if (!m) return null;
  const scale = GRAM_UNITS.has((m[3] ?? 'g').toLowerCase()) ? 0 : 3;
  // Shift the decimal point in the string so '0.35kg' is exactly 350, then round half up.
  const frac = (m[2] ?? '').padEnd(scale, '0');
  const whole = `${m[1]}${frac.slice(0, scale)}`;
  const rest = frac.slice(scale);
  return Number(whole) + (rest !== '' && Number(rest[0]) >= 5 ? 1 : 0);
}
