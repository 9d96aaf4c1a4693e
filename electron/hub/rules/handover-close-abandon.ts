import type { HandoverAbandonReason } from '#shared/ops/handover-abandoned.op';
import { handoverAbandonedOp } from '#shared/ops/handover-abandoned.op';
import { msg } from '#shared/i18n/message';
import type { RuleContext } from './rule-context';

/** The close that stands for a handover, as the flag names it. */
export type CloseSeen = { stationId: string; opId: string; userId: string | null; courierName: string };
/** An abandon (作废) of a handover, as the hub remembers it (hub_meta, so no table is added for a rare event). */
export type AbandonSeen = { stationId: string; opId: string; userId: string | null; reason: HandoverAbandonReason; note: string };

const abandonKey = (handoverId: string) => `handover.abandoned:${handoverId}`;

/** Remembers the first abandon of a handover: a second (two benches abandoning it) changes nothing anywhere. */
export async function noteAbandon(ctx: RuleContext, handoverId: string, abandon: AbandonSeen): Promise<void> {
  await ctx.w.trx.insertInto('hub_meta').values({ key: abandonKey(handoverId), value: JSON.stringify(abandon) }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

export async function abandonOf(ctx: RuleContext, handoverId: string): Promise<AbandonSeen | null> {
  const row = await ctx.w.trx.selectFrom('hub_meta').select('value').where('key', '=', abandonKey(handoverId)).executeTakeFirst();
  return row ? (JSON.parse(row.value) as AbandonSeen) : null;
}

/** The first close of a handover the hub ordered (the one every bench keeps), with who closed it and the courier who signed. */
export async function closeOf(ctx: RuleContext, handoverId: string): Promise<CloseSeen | null> {
  const { trx } = ctx.w;
  const closed = await trx.selectFrom('hub_handovers').select(['station_id', 'op_id']).where('handover_id', '=', handoverId).executeTakeFirst();
  if (!closed) return null;
  const entry = await trx.selectFrom('hub_log').select(['payload', 'user_id']).where('op_id', '=', closed.op_id).executeTakeFirst();
  const courier = entry ? (JSON.parse(entry.payload) as { courierName?: unknown }).courierName : undefined;
  return { stationId: closed.station_id, opId: closed.op_id, userId: entry?.user_id ?? null, courierName: typeof courier === 'string' ? courier.slice(0, 40) : '—' };
}

/**
 * A handover closed at one bench and abandoned at another: every bench ends with the close (the
 * courier signed), but the abandoning bench thought the parcels stayed — a supervisor is told. The
 * message names both benches as the hub knows them; the user ids and the handover id are for the
 * bench's inbox, which says the users' names and the handover's number (交接单号) from its own records.
 */
export async function flagClosedAbandoned(ctx: RuleContext, handoverId: string, close: CloseSeen, abandon: AbandonSeen): Promise<void> {
  const names = new Map(
    (await ctx.w.trx.selectFrom('stations').select(['station_id', 'name']).where('station_id', 'in', [close.stationId, abandon.stationId]).execute()).map((s) => [s.station_id, s.name]),
  );
  const bench = (id: string) => names.get(id) ?? `#${id.slice(-6)}`;
  const reasonLabel = msg(`handover.abandon.reasons.${abandon.reason}`);
  const reason = abandon.note.trim() === '' ? reasonLabel : msg(handoverAbandonedOp.messages.reasonNote, { reason: reasonLabel, note: abandon.note.slice(0, 100) });
  await ctx.raise('handover.closed-abandoned', {
    orderId: null, stationIds: [close.stationId, abandon.stationId], opIds: [close.opId, abandon.opId],
    message: msg(handoverAbandonedOp.messages.closedAbandoned, {
      handover: handoverId.slice(-8), handoverId, closeBench: bench(close.stationId), abandonBench: bench(abandon.stationId), courier: close.courierName, reason,
      closedBy: close.userId ?? '', abandonedBy: abandon.userId ?? '',
    }),
  });
}
