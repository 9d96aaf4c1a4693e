import { chunks } from '../store/chunks';
import type { Rule } from './rule-context';

/** How many overlapping numbers a flag names; the count says the rest. */
const LISTED = 5;

/**
 * Numbers a station imported itself become that station's lease, so the hub never hands them to
 * anyone else. Numbers another station already holds are the same paper roll imported twice:
 * both stations could print them, so the overlap is flagged (the numbers stay with the first).
 */
export const waybillPooled: Rule<'waybill.pooled'> = async (ctx, p) => {
  const { trx, now } = ctx.w;
  const station = ctx.op.stationId;
  const overlap: string[] = [];
  const holders = new Set<string>();
  for (const batch of chunks([...new Set(p.numbers)])) {
    const rows = await trx
      .selectFrom('hub_waybills')
      .select(['number', 'station_id'])
      .where('carrier_code', '=', p.carrierCode)
      .where('number', 'in', batch)
      .execute();
    const known = new Map(rows.map((r) => [r.number, r.station_id]));
    const fresh = batch.filter((n) => !known.has(n));
    const free = batch.filter((n) => known.has(n) && known.get(n) === null);
    for (const [number, holder] of known) {
      if (holder !== null && holder !== station) {
        overlap.push(number);
        holders.add(holder);
      }
    }
    if (fresh.length > 0) {
      await trx
        .insertInto('hub_waybills')
        .values(fresh.map((number) => ({ carrier_code: p.carrierCode, number, lease_id: ctx.op.opId, station_id: station, added_at: now })))
        .execute();
    }
    if (free.length > 0) {
      await trx
        .updateTable('hub_waybills')
        .set({ lease_id: ctx.op.opId, station_id: station })
        .where('carrier_code', '=', p.carrierCode)
        .where('number', 'in', free)
        .execute();
    }
  }
  if (overlap.length > 0) {
    overlap.sort();
    const shown = overlap.slice(0, LISTED).join(', ') + (overlap.length > LISTED ? ' …' : '');
    await ctx.raise('waybill.overlap', {
      orderId: null,
      stationIds: [...holders, station],
      opIds: [ctx.op.opId],
      detail: `${overlap.length} 个 ${p.carrierCode} 单号已属于其他工位（${shown}）/ ${overlap.length} ${p.carrierCode} numbers already belong to another station (${shown})`,
    });
  }
};
