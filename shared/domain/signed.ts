/** A change as a person reads it: +3, -2, 0 (stock moves, count differences). */
export const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
