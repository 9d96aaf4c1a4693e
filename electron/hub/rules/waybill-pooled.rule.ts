import { msg } from '#shared/i18n/message';
import { waybillPooledOp } from '#shared/ops/waybill-pooled.op';
import { QUARANTINE } from '../backup/backup.service';
import { chunks } from '../store/chunks';
import { RETIRED } from '../sync/lease.service';
import type { Rule } from './rule-context';

/** How many overlapping numbers a flag names; the count says the rest. */
const LISTED = 5;

/**
 * Numbers a station holds become that station's, so the hub never hands them to anyone else.
 * Numbers another station already holds are the same paper roll imported twice: both stations
 * could print them, so the overlap is flagged and the numbers retired (every bench retires
 * another's numbers as their op reaches it, so both stop printing them). A bench reporting
 * numbers it *holds* (after a restore) may not take numbers that are free in the hub's pool: only
 * an import, a supervisor's act, adds numbers the hub already had.
 */
export const waybillPooled: Rule<'waybill.pooled'> = async (ctx, p) => {
  const { trx, now } = ctx.w;
  const station = ctx.op.stationId;
  const overlap: string[] = [];
  /** Numbers the hub took out of circulation (an earlier overlap, a replaced PC's): the importer may not print them. */
  const retired: string[] = [];
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
    const isRetired = (r: (typeof rows)[number]) => (r.lease_id ?? '').startsWith(RETIRED);
    const free = rows.filter((r) => r.station_id === null && !isRetired(r)).map((r) => r.number);
    retired.push(...rows.filter((r) => r.station_id === null && isRetired(r)).map((r) => r.number));
    if (p.source === 'held' && free.some((n) => !(known.get(n)?.lease_id ?? '').startsWith(QUARANTINE))) {
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
  // Each bench retires the other's copy when the other's op reaches it, so neither prints them:
  // they are nobody's now, and no longer count toward the first holder's fair share.
  for (const batch of chunks(overlap)) {
    await trx
      .updateTable('hub_waybills')
      .set({ lease_id: `${RETIRED}overlap:${ctx.op.opId}`, station_id: null })
      .where('carrier_code', '=', p.carrierCode)
      .where('number', 'in', batch)
      .execute();
  }
  // Numbers retired already are not this importer's either: it is told to retire them, and they are flagged with the rest.
  for (const batch of chunks(retired, 1000)) ctx.w.appendHubEntry('waybill.retired', { carrierCode: p.carrierCode, numbers: batch, stationId: station });
  overlap.push(...retired);
  if (overlap.length > 0) {
    overlap.sort();
    const shown = overlap.slice(0, LISTED).join(', ') + (overlap.length > LISTED ? ' …' : '');
    await ctx.raise('waybill.overlap', {
      orderId: null, stationIds: [...holders, station], opIds: [ctx.op.opId],
      message: msg(waybillPooledOp.messages.overlap, { count: overlap.length, carrier: p.carrierCode, numbers: shown }),
    });
  }
};
