import type { Flag } from '#shared/contract/sync.contract';
import type { Db } from '../db/open-database';
import { flagMessage } from './flag-people';

type FlagRow = {
  flag_id: string; kind: string; order_id: string | null; external_id: string | null; station_ids: string; detail: string;
  raised_at: string; hub_seq: number; resolution: string | null; resolved_at: string | null;
};

/** A flag this bench raised for itself (a log entry it could not apply): closed here, never sent to the hub. */
export const isLocalFlag = (flagId: string) => flagId.startsWith('local:');

/** The conflict flags the hub raised (the same list at every station), and this bench's own. */
export function createFlagsRepo(db: Db) {
  const q = {
    list: db.prepare(`SELECT f.*, o.external_id FROM flags f LEFT JOIN orders o ON o.id = f.order_id
      WHERE @open = 0 OR f.resolution IS NULL ORDER BY f.hub_seq DESC LIMIT 500`),
    one: db.prepare('SELECT f.*, o.external_id FROM flags f LEFT JOIN orders o ON o.id = f.order_id WHERE f.flag_id = ?'),
    open: db.prepare('SELECT count(*) FROM flags WHERE resolution IS NULL').pluck(),
    userName: db.prepare('SELECT name FROM users WHERE id = ?').pluck(),
  };
  const userName = (id: string) => (q.userName.get(id) as string | undefined) ?? null;
  return {
    list: (open: boolean, nameOf: (stationId: string) => string): Flag[] =>
      (q.list.all({ open: open ? 1 : 0 }) as FlagRow[]).map((r) => toFlag(r, nameOf, userName)),
    get: (flagId: string, nameOf: (stationId: string) => string): Flag | null => {
      const row = q.one.get(flagId) as FlagRow | undefined;
      return row ? toFlag(row, nameOf, userName) : null;
    },
    openCount: () => q.open.get() as number,
  };
}
export type FlagsRepo = ReturnType<typeof createFlagsRepo>;

function toFlag(r: FlagRow, nameOf: (stationId: string) => string, userName: (id: string) => string | null): Flag {
  const stationIds = JSON.parse(r.station_ids) as string[];
  return {
    flagId: r.flag_id, kind: r.kind, orderId: r.order_id, orderExternalId: r.external_id, stationIds,
    stationNames: stationIds.map(nameOf), message: flagMessage(r.detail, userName), raisedAt: r.raised_at, hubSeq: r.hub_seq,
    resolution: r.resolution, resolvedAt: r.resolved_at,
  };
}
