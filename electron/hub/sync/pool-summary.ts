import { sql, type Kysely } from 'kysely';
import type { HubPool } from '#shared/contract/hub.contract';
import type { HubTables } from '../store/hub-schema';

/** While ops flow (the head moves on every push) the summary is computed at most this often. */
const BUSY_MS = 2_000;
/** And at least this often: a pool imported by another process (`packdesk hub pool`) shows within it. */
const STALE_MS = 30_000;

type Cached = { head: number; generation: number; at: number; pools: HubPool[] };
const cached = new WeakMap<Kysely<HubTables>, Cached>();
const generations = new WeakMap<Kysely<HubTables>, number>();

/** Numbers were added to (or taken out of) the pool outside the log: the next summary is fresh. */
export const poolsChanged = (db: Kysely<HubTables>) => void generations.set(db, (generations.get(db) ?? 0) + 1);

/**
 * The shop's numbers per carrier, for every bench's inbox: free in the hub's pool, and leased to a
 * station still paired but on no parcel yet (what the benches can still print with). Two grouped
 * counts over the numbers, so it is cached: the same answer for a while, whoever pulls.
 */
export async function poolSummary(db: Kysely<HubTables>, head: number, nowMs: number): Promise<HubPool[]> {
  const generation = generations.get(db) ?? 0;
  const c = cached.get(db);
  const age = c ? nowMs - c.at : Infinity;
  if (c && c.generation === generation && age >= 0 && (age < BUSY_MS || (c.head === head && age < STALE_MS))) return c.pools;
  const [free, held] = await Promise.all([
    db.selectFrom('hub_waybills').where('lease_id', 'is', null).select(['carrier_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('carrier_code').execute(),
    db
      .selectFrom('hub_waybills as w')
      .innerJoin('stations as st', 'st.station_id', 'w.station_id')
      .where('st.token_hash', 'not like', 'revoked:%')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('hub_shipments as s').select(sql.lit(1).as('one')).whereRef('s.carrier_code', '=', 'w.carrier_code').whereRef('s.tracking_no', '=', 'w.number'))),
      )
      .select(['w.carrier_code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('w.carrier_code')
      .execute(),
  ]);
  const pools = new Map<string, HubPool>();
  const entry = (carrierCode: string) => pools.get(carrierCode) ?? pools.set(carrierCode, { carrierCode, free: 0, held: 0 }).get(carrierCode)!;
  for (const r of free) entry(r.carrier_code).free = Number(r.n);
  for (const r of held) entry(r.carrier_code).held = Number(r.n);
  const list = [...pools.values()].sort((a, b) => (a.carrierCode < b.carrierCode ? -1 : 1));
  cached.set(db, { head, generation, at: nowMs, pools: list });
  return list;
}
