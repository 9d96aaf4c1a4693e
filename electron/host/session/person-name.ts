/** Another bench's name, or null for this bench (its own users need none). */
export type OtherBench = (stationId: string) => string | null;

/**
 * A user as people tell them apart across benches: every bench's factory administrator is a 管理员,
 * so another bench's carries that bench's name ("管理员 · 打包台B"). A user this bench never heard of
 * (another bench's own users, kept when it paired as a packer or supervisor bench) is named by the
 * bench the record came from, when it is known.
 */
export function personName(user: { name: string; benchOf: string | null } | null, otherBench: OtherBench, from: string | null = null): string | null {
  const bench = (id: string | null) => (id === null ? null : otherBench(id));
  if (user === null) return bench(from);
  const of = bench(user.benchOf);
  return of === null ? user.name : `${user.name} · ${of}`;
}
