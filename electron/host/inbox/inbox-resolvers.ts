import type { NameSaid } from '#shared/domain/factory-names';
import type { Db } from '../db/open-database';
import { personName, type OtherBench } from '../session/person-name';

export type Resolver = {
  /** Who closed the row (the user logged in), as said. */
  by: NameSaid | null;
  /** Whose PIN it rested on, when someone else's (a packer's bench, a supervisor's PIN). */
  authorizedBy: NameSaid | null;
  /** The bench it was closed at, when known. */
  stationId: string | null;
};

/**
 * Who closed an inbox row or a flag, and on whose say: read from the authorised op that closed it
 * (same type, target and time: only the first resolution in hub order stands, and it is the one
 * shown), else from the user the resolution kept. A resolution always rests on a supervisor's or
 * admin's authority, so the op is kept at every bench that applied it.
 */
export function createInboxResolvers(db: Db, otherBench: OtherBench) {
  const q = {
    op: db.prepare(`SELECT user_id AS userId, authorized_by AS authorizedBy, station_id AS stationId FROM authorized_ops
      WHERE type = ? AND target = ? AND at = ? ORDER BY rowid LIMIT 1`),
    user: db.prepare('SELECT name, bench_of AS benchOf FROM users WHERE id = ?'),
  };
  // A user this bench never heard of is left unnamed: the row already says its bench.
  const named = (id: string | null): NameSaid | null => {
    const user = id === null ? undefined : (q.user.get(id) as { name: string; benchOf: string | null } | undefined);
    return user === undefined ? null : personName(user, otherBench);
  };
  const of = (type: 'inbox.resolved' | 'flag.resolved', target: string, at: string, keptUser: string | null = null): Resolver => {
    const op = q.op.get(type, target, at) as { userId: string | null; authorizedBy: string; stationId: string } | undefined;
    const userId = op?.userId ?? keptUser ?? op?.authorizedBy ?? null;
    const authorizer = op && op.authorizedBy !== userId ? op.authorizedBy : null;
    return { by: named(userId), authorizedBy: named(authorizer), stationId: op?.stationId ?? null };
  };
  return {
    /** A user as people tell them apart: another bench's factory administrator with that bench (person-name.ts). */
    person: named,
    row: (key: string, at: string, resolvedBy: string | null) => of('inbox.resolved', key, at, resolvedBy),
    flag: (flagId: string, at: string) => of('flag.resolved', flagId, at),
  };
}
