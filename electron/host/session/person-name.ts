import { benchSaid, userSaid, type NameSaid } from '#shared/domain/factory-names';
import { msg } from '#shared/i18n/message';

/** Another bench's name, or null for this bench (its own users need none). */
export type OtherBench = (stationId: string) => string | null;

/**
 * A user as people tell them apart across benches: every bench's factory administrator is a 管理员,
 * so another bench's carries that bench's name ("管理员 · 打包台B"). A user this bench never heard of
 * (another bench's own users, kept when it paired as a packer or supervisor bench) is said as a
 * local user of the bench the record came from ("打包台A的本机用户"), when that bench is known.
 * Names Packdesk gave are said in the reader's language where the text is shown (factory-names.ts):
 * the host does not know who reads it.
 */
export function personName(
  user: { name: string; benchOf: string | null } | null, otherBench: OtherBench, from: string | null = null, opts: { ownBench?: boolean } = {},
): NameSaid | null {
  const bench = (id: string | null) => {
    const name = id === null ? null : otherBench(id);
    return name === null ? null : benchSaid(name);
  };
  if (user === null) {
    // Named by its bench, not as its bench: the bench is not the person (two of its users are two people).
    const of = bench(from);
    return of === null ? null : msg('users.localOf', { bench: of });
  }
  // Only a factory administrator belongs to a bench.
  const name = userSaid(user.name, user.benchOf !== null);
  const of = bench(user.benchOf);
  // A shop-wide table (the dashboard's packers) also names this bench's own, as the users list does ("管理员 · 本机").
  if (of === null && opts.ownBench && user.benchOf !== null) return msg('users.withBench', { name, bench: msg('users.thisBench') });
  return of === null ? name : msg('users.withBench', { name, bench: of });
}

/**
 * Who acted, as a record joined to this bench's users has them (name null: none this bench knows; the
 * hub keeps no id of a user it never learnt), at bench `from`.
 */
export const actorName = (name: string | null, benchOf: string | null, otherBench: OtherBench, from: string | null): NameSaid | null =>
  personName(name === null ? null : { name, benchOf }, otherBench, from);
