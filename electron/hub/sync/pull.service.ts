import type { Kysely } from 'kysely';
import { PULL_BYTES_MAX, PULL_LIMIT_MAX, type PullResponse } from '#shared/contract/hub.contract';
import { epochChanged } from '../hub-errors';
import type { HubTables } from '../store/hub-schema';
import { readEpoch } from '../store/hub-meta.repo';
import { readHead, readLog } from './hub-log.repo';
import { poolSummary } from './pool-summary';

/**
 * The log after a cursor, in hub_seq order, in pages bounded by count and bytes. hub_seq is
 * gap-free and committed in order (the counter row lock), so `after` never skips an entry that
 * was still being written.
 */
export async function pullLog(
  db: Kysely<HubTables>,
  now: () => Date,
  query: { after: number; limit: number; hubEpoch: string | null },
): Promise<PullResponse> {
  const hubEpoch = await readEpoch(db);
  if (query.hubEpoch !== null && query.hubEpoch !== hubEpoch) throw epochChanged(hubEpoch);
  const entries = await readLog(db, query.after, Math.min(query.limit, PULL_LIMIT_MAX), PULL_BYTES_MAX);
  // Read after the entries: the counter commits with them, so head is never below upto.
  const head = await readHead(db);
  const stations = await db.selectFrom('stations').select(['station_id as stationId', 'name']).orderBy('station_id').execute();
  const upto = entries.at(-1)?.hubSeq ?? query.after;
  const time = now();
  // The pools ride on the page that reaches the head: a bench catching up does not pay for them on every page.
  const pools = upto >= head ? await poolSummary(db, head, time.getTime()) : null;
  return { hubEpoch, hubTime: time.toISOString(), entries, upto, head, stations, pools };
}
