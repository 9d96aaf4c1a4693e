/** Splits long IN lists and multi-row inserts: SQLite and PostgreSQL both cap bound parameters per statement. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
