import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { leaseResponseSchema } from '#shared/contract/hub.contract';
import { epochChanged } from '../hub-errors';
import { chunks } from '../store/chunks';
import type { HubTables } from '../store/hub-schema';
import { readEpoch } from '../store/hub-meta.repo';
import { withLogWriter } from './hub-log.repo';

export type LeaseResponse = z.infer<typeof leaseResponseSchema>;

/**
 * Carves the lowest free numbers of a carrier out of the hub's pool for one station. A leased
 * number is never free again, used or not, so no two stations can ever print the same one. The
 * lease is also a log entry: if this response is lost, the station finds it on its next pull.
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
    const free = w.trx.selectFrom('hub_waybills').where('carrier_code', '=', request.carrierCode).where('lease_id', 'is', null);
    // A fair share: one station topping up never drains the pool while other stations need numbers too.
    const [pool, paired] = await Promise.all([
      free.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      w.trx.selectFrom('stations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const share = Math.ceil(Number(pool.n) / Math.max(1, Number(paired.n)));
    const numbers = (await free.select('number').orderBy('number').limit(Math.min(request.count, share)).execute()).map((r) => r.number);
    if (numbers.length === 0) return { hubEpoch, leaseId: null, hubSeq: null, carrierCode: request.carrierCode, numbers, poolLeft: 0 };
    const leaseId = uuidv7();
    for (const batch of chunks(numbers)) {
      await w.trx
        .updateTable('hub_waybills')
        .set({ lease_id: leaseId, station_id: stationId })
        .where('carrier_code', '=', request.carrierCode)
        .where('number', 'in', batch)
        .execute();
    }
    const hubSeq = w.appendHubEntry('waybill.leased', { leaseId, stationId, carrierCode: request.carrierCode, numbers }, leaseId);
    const left = await free.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { hubEpoch, leaseId, hubSeq, carrierCode: request.carrierCode, numbers, poolLeft: Number(left.n) };
  });
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
  return { added, known: unique.length - added };
}
