/**
 * `next`, with every part that equals the same part of `prev` replaced by `prev`'s object.
 * The host sends the whole bench state with each scan; kept references let each component's
 * store selector see that its part (the order, the shipments, the other lines) did not change, so
 * a scan re-renders only what it changed. Plain JSON data only (what crosses the RPC).
 */
export function keepUnchanged<T>(prev: T, next: T): T {
  if (Object.is(prev, next) || typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const out = next.map((item, i) => keepUnchanged(prev[i], item));
    return (out.length === prev.length && out.every((item, i) => item === prev[i]) ? prev : out) as T;
  }
  const before = prev as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  // Own keys only, written as own properties: a key named "__proto__" (JSON.parse makes one) is data here.
  const entries = Object.keys(after).map((key) => [key, keepUnchanged(Object.hasOwn(before, key) ? before[key] : undefined, after[key])] as const);
  const same = entries.length === Object.keys(before).length && entries.every(([key, value]) => Object.hasOwn(before, key) && value === before[key]);
  return (same ? prev : Object.fromEntries(entries)) as T;
}
