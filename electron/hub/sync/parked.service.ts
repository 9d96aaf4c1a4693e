import type { Kysely } from 'kysely';
import type { StationRole } from '#shared/contract/hub.contract';
import { encodeMessage } from '#shared/i18n/message';
import { readOp } from '#shared/ops/index';
import type { HubTables } from '../store/hub-schema';
import { evaluateOp, UNKNOWN_STATION_ROLE } from './evaluate-op';
import { withLogWriter } from './hub-log.repo';

/**
 * Ops from a newer Packdesk wait in the log as `parked`. After this hub is upgraded, the ones it
 * can now read get their rule at last: their outcome is updated in place, and any flag they
 * raise is appended as a new entry (stations pull that; the original entry keeps its position).
 */
export async function reevaluateParked(db: Kysely<HubTables>, now: () => Date): Promise<{ evaluated: number; stillParked: number }> {
  // A cheap look first: nearly always there is nothing this build can newly read, and no write is needed.
  const first = await readableParked(db);
  if (first.readable.length === 0) return { evaluated: 0, stillParked: first.parked };
  return withLogWriter(db, now, async (w) => {
    // Read again under the counter lock: another process opening this hub may have just done the work.
    const { readable, parked } = await readableParked(w.trx);
    const roles = new Map<string, StationRole>(
      (await w.trx.selectFrom('stations').select(['station_id', 'role']).execute()).map((s) => [s.station_id, s.role]),
    );
    for (const r of readable) {
      const verdict = await evaluateOp(w, {
        opId: r.op_id,
        stationId: r.station_id,
        stationSeq: r.station_seq === null ? null : Number(r.station_seq),
        hubSeq: Number(r.hub_seq),
        // A station that has since disappeared is held to the narrowest role.
        role: roles.get(r.station_id) ?? UNKNOWN_STATION_ROLE,
        userId: r.user_id,
        type: r.type,
        version: r.version,
        payload: JSON.parse(r.payload),
        bytes: r.payload.length,
        authorizedBy: r.authorized_by,
      });
      // A refused op keeps its place (stations already hold its entry) but is marked so none applies it.
      await w.trx
        .updateTable('hub_log')
        .set({
          outcome: verdict.outcome,
          reason: verdict.reason && encodeMessage(verdict.reason),
          authorized_by: verdict.outcome === 'rejected' ? r.authorized_by : verdict.authorizedBy,
        })
        .where('hub_seq', '=', r.hub_seq)
        .execute();
    }
    return { evaluated: readable.length, stillParked: parked - readable.length };
  });
}

async function readableParked(db: Kysely<HubTables>) {
  const rows = await db
    .selectFrom('hub_log')
    .select(['hub_seq', 'op_id', 'station_id', 'station_seq', 'type', 'version', 'payload', 'authorized_by', 'user_id'])
    .where('outcome', '=', 'parked')
    .orderBy('hub_seq')
    .execute();
  return { parked: rows.length, readable: rows.filter((r) => readOp(r.type, r.version, JSON.parse(r.payload)).kind !== 'unknown') };
}
