import { msg } from '#shared/i18n/message';
import { waybillPooledOp } from '#shared/ops/waybill-pooled.op';
import { QUARANTINE } from '../backup/backup.service';
import { chunks } from '../store/chunks';
import type { Rule } from './rule-context';

/** How many overlapping numbers a flag names; the count says the rest. */
const LISTED = 5;

/**
 * Numbers a station holds become that station's, so the hub never hands them to anyone else.
 * Numbers another station already holds are the same paper roll imported twice: both stations
 * could print them, so the overlap is flagged (the numbers stay with the first). A bench reporting
 * numbers it *holds* (after a restore) may not take numbers that are free in the hub's pool: only
 * an import, a supervisor's act, adds numbers the hub already had.
 */
export const waybillPooled: Rule<'waybill.pooled'> = async (ctx, p) => {
  const { trx, now } = ctx.w;
  const station = ctx.op.stationId;
  const overlap: string[] = [];
  const holders = new Set<string>();
  const batches: { fresh: string[]; free: string[] }[] = [];
  for (const batch of chunks([...new Set(p.numbers)])) {
    const rows = await trx
      .selectFrom('hub_waybills')
      .select(['number', 'station_id', 'lease_id'])
      .where('carrier_code', '=', p.carrierCode)
      .where('number', 'in', batch)
      .execute();
    const known = new Map(rows.map((r) => [r.number, r]));
    const free = rows.filter((r) => r.station_id === null).map((r) => r.number);
    if (p.source === 'held' && rows.some((r) => r.station_id === null && !(r.lease_id ?? '').startsWith(QUARANTINE))) {
      return { rejected: msg(waybillPooledOp.messages.notHeld) };
    }
    for (const r of rows) {
      if (r.station_id !== null && r.station_id !== station) {
        overlap.push(r.number);
        holders.add(r.station_id);
      }
    }
    batches.push({ fresh: batch.filter((n) => !known.has(n)), free });
  }
  for (const { fresh, free } of batches) {
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
      orderId: null, stationIds: [...holders, station], opIds: [ctx.op.opId],
      message: msg(waybillPooledOp.messages.overlap, { count: overlap.length, carrier: p.carrierCode, numbers: shown }),
    });
  }
};
