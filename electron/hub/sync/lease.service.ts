import { sql, type Kysely, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { leaseResponseSchema } from '#shared/contract/hub.contract';
import { epochChanged } from '../hub-errors';
import { chunks } from '../store/chunks';
import type { HubTables } from '../store/hub-schema';
import { readEpoch } from '../store/hub-meta.repo';
import { withLogWriter, type LogWriter } from './hub-log.repo';
import { poolsChanged } from './pool-summary';

export type LeaseResponse = z.infer<typeof leaseResponseSchema>;

/** The lease id of numbers taken out of circulation when their station was replaced. */
export const RETIRED = 'retired:';

/**
 * Carves the lowest free numbers of a carrier out of the hub's pool for one station. A leased
 * number is never free again, used or not, so no two stations can ever print the same one. The
 * lease is also a log entry: if this response is lost, the station finds it on its next pull.
 *
 * Fair share, per station and over time (not per request):
 *   unused(s) = numbers of this carrier leased to s that are on no parcel yet;
 *   share     = ⌈(free + Σ unused(s)) / active stations⌉, over the stations not revoked;
 *   a lease never lifts the asking station's unused numbers above its share.
 * Used numbers stop counting, so a busy bench keeps getting numbers as fast as it prints; what it
 * cannot take stays free for the others: every other station can always reach its share (its
 * floor) as long as the pool holds it.
 */
export async function leaseWaybills(
  db: Kysely<HubTables>,
  now: () => Date,
  stationId: string,
  request: { carrierCode: string; count: number; hubEpoch: string | null },
): Promise<LeaseResponse> {
  return withLogWriter(db, now, async (w) => {
    const hubEpoch = await readEpoch(w.trx);
    if (request.hubEpoch !== null && request.hubEpoch !== hubEpoch) throw epochChanged(hubEpoch);
    const { carrierCode } = request;
    const free = w.trx.selectFrom('hub_waybills').where('carrier_code', '=', carrierCode).where('lease_id', 'is', null);
    const [pool, held, active] = await Promise.all([
      free.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      unusedByStation(w.trx, carrierCode),
      w.trx.selectFrom('stations').select('station_id').where('token_hash', 'not like', 'revoked:%').execute(),
    ]);
    const activeIds = new Set(active.map((s) => s.station_id));
    const circulating = Number(pool.n) + [...held].reduce((sum, [id, n]) => sum + (activeIds.has(id) ? n : 0), 0);
    const share = Math.ceil(circulating / Math.max(1, activeIds.size));
    const room = Math.max(0, share - (held.get(stationId) ?? 0));
    const want = Math.min(request.count, room);
    const numbers = want === 0 ? [] : (await free.select('number').orderBy('number').limit(want).execute()).map((r) => r.number);
    if (numbers.length === 0) return { hubEpoch, leaseId: null, hubSeq: null, carrierCode, numbers, poolLeft: Number(pool.n) };
    const leaseId = uuidv7();
    await assign(w.trx, carrierCode, numbers, { lease_id: leaseId, station_id: stationId });
    const hubSeq = w.appendHubEntry('waybill.leased', { leaseId, stationId, carrierCode, numbers }, leaseId);
    return { hubEpoch, leaseId, hubSeq, carrierCode, numbers, poolLeft: Number(pool.n) - numbers.length };
  });
}

/** Leased numbers no parcel at the hub carries yet. */
const unused = (trx: Transaction<HubTables>) =>
  trx
    .selectFrom('hub_waybills as w')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('hub_shipments as s').select(sql.lit(1).as('one')).whereRef('s.carrier_code', '=', 'w.carrier_code').whereRef('s.tracking_no', '=', 'w.number'))),
    );

/** Per station: numbers of the carrier leased to it that no parcel at the hub carries yet. */
async function unusedByStation(trx: Transaction<HubTables>, carrierCode: string): Promise<Map<string, number>> {
  const rows = await unused(trx)
    .select(['w.station_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('w.carrier_code', '=', carrierCode)
    .where('w.station_id', 'is not', null)
    .groupBy('w.station_id')
    .execute();
  return new Map(rows.map((r) => [r.station_id as string, Number(r.n)]));
}

async function assign(trx: Transaction<HubTables>, carrierCode: string, numbers: string[], to: { lease_id: string; station_id: string | null }) {
  for (const batch of chunks(numbers)) {
    await trx.updateTable('hub_waybills').set(to).where('carrier_code', '=', carrierCode).where('number', 'in', batch).execute();
  }
}

/**
 * A station is being replaced by a new PC: the numbers it held and never used at the hub may
 * have been printed offline on the lost PC, so they leave circulation (never leased again, no
 * longer counted against the station) and a log entry tells every station, the new PC included,
 * to retire its copy (waybill.retired).
 */
export async function retireHeldNumbers(w: LogWriter, stationId: string): Promise<number> {
  const rows = await unused(w.trx)
    .select(['w.carrier_code', 'w.number'])
    .where('w.station_id', '=', stationId)
    .orderBy('w.carrier_code')
    .orderBy('w.number')
    .execute();
  const byCarrier = new Map<string, string[]>();
  for (const r of rows) byCarrier.set(r.carrier_code, [...(byCarrier.get(r.carrier_code) ?? []), r.number]);
  const retiredAs = `${RETIRED}${stationId}:${w.now}`;
  for (const [carrierCode, numbers] of byCarrier) {
    await assign(w.trx, carrierCode, numbers, { lease_id: retiredAs, station_id: null });
    for (const batch of chunks(numbers, 1000)) w.appendHubEntry('waybill.retired', { carrierCode, numbers: batch, stationId });
  }
  return rows.length;
}

/** Adds numbers to the hub's free pool; numbers the hub already knows (free, leased or used) are left alone. */
export async function importPool(db: Kysely<HubTables>, now: () => Date, carrierCode: string, numbers: readonly string[]) {
  const unique = [...new Set(numbers)];
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks(unique, 200)) {
      const rows = batch.map((number) => ({ carrier_code: carrierCode, number, lease_id: null, station_id: null, added_at: now().toISOString() }));
      const inserted = await trx
        .insertInto('hub_waybills')
        .values(rows)
        .onConflict((oc) => oc.columns(['carrier_code', 'number']).doNothing())
        .returning('number')
        .execute();
      added += inserted.length;
    }
  });
  poolsChanged(db);
  return { added, known: unique.length - added };
}
