import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { beijingDay } from '#shared/domain/datetime';
import { leftWithoutHandoverBefore } from '#shared/domain/handover-window';
import type { TrackingState } from '#shared/domain/tracking';
import type { OpPayload } from '#shared/ops/index';
import { carrierCode as carrierCodeField } from '#shared/ops/fields';
import { trackingUpdatedOp } from '#shared/ops/tracking-updated.op';
import type { HubTables } from '../store/hub-schema';
import type { LogWriter } from '../sync/hub-log.repo';
import { trackedSince } from './tracking-schedule';
import type { ProviderName, TrackReport } from './tracking-provider';

type Db = Kysely<HubTables>;
export type TrackedRow = HubTables['hub_tracking'] & { phone_tail: string | null };

const CURSOR = 'tracking.cursor';
const INGEST_CHUNK = 500;
const EVENTS_MAX = 100;

/**
 * Brings the log's news into hub_tracking: each printed parcel (shipment.printed of a parcel the
 * hub holds with its number) gets a row, each imported order the tail of its receiver's phone, and
 * each handover (handover.closed) the time the courier took its parcels.
 * A cursor in hub_meta remembers how far it read, so each entry is read once.
 */
export async function ingestPrinted(db: Db, now: Date): Promise<number> {
  let added = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const cursor = Number((await trx.selectFrom('hub_meta').select('value').where('key', '=', CURSOR).executeTakeFirst())?.value ?? 0);
      const rows = await trx
        .selectFrom('hub_log')
        .select(['hub_seq', 'type', 'payload', 'created_at'])
        .where('hub_seq', '>', cursor)
        .where('type', 'in', ['order.imported', 'shipment.printed', 'handover.closed'])
        .where('outcome', 'in', ['accepted', 'conflict'])
        .orderBy('hub_seq')
        .limit(INGEST_CHUNK)
        .execute();
      for (const row of rows) {
        const p = JSON.parse(row.payload) as { id?: unknown; at?: unknown; receiver?: { mobile?: unknown; phone?: unknown }; accepted?: unknown };
        if (row.type === 'handover.closed' && Array.isArray(p.accepted)) {
          // The first handover the hub ordered stands (a second one of the same parcel is flagged).
          const ids = p.accepted.filter((id): id is string => typeof id === 'string');
          if (ids.length > 0) await trx.updateTable('hub_tracking').set({ handed_over_at: row.created_at }).where('shipment_id', 'in', ids).where('handed_over_at', 'is', null).execute();
          continue;
        }
        if (row.type === 'order.imported' && typeof p.id === 'string') {
          const tail = phoneTail(String(p.receiver?.mobile ?? '')) || phoneTail(String(p.receiver?.phone ?? ''));
          if (tail) await trx.insertInto('hub_tracking_phones').values({ order_id: p.id, phone_tail: tail }).onConflict((oc) => oc.column('order_id').doUpdateSet({ phone_tail: tail })).execute();
        } else if (row.type === 'shipment.printed' && typeof p.id === 'string') {
          const s = await trx.selectFrom('hub_shipments').select(['order_id', 'carrier_code', 'tracking_no']).where('shipment_id', '=', p.id).executeTakeFirst();
          if (!s?.tracking_no) continue;
          const printedAt = typeof p.at === 'string' && !Number.isNaN(Date.parse(p.at)) ? new Date(p.at).toISOString() : now.toISOString();
          const inserted = await trx
            .insertInto('hub_tracking')
            .values({
              shipment_id: p.id, order_id: s.order_id, carrier_code: s.carrier_code, tracking_no: s.tracking_no, printed_at: printedAt, handed_over_at: null,
              provider: null, state: null, final: 0, fingerprint: null, trace_at: null, trace_nodes: null, subscribed_at: null, next_at: now.toISOString(), failures: 0, last_asked_at: null, last_error: null,
            })
            .onConflict((oc) => oc.column('shipment_id').doNothing())
            .executeTakeFirst();
          added += Number(inserted.numInsertedOrUpdatedRows ?? 0);
        }
      }
      const last = rows.at(-1);
      if (last) {
        const value = String(last.hub_seq);
        await trx.insertInto('hub_meta').values({ key: CURSOR, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      }
      return rows.length < INGEST_CHUNK;
    });
    if (done) return added;
  }
}

/** The last four digits a courier asks for; for a virtual number (138****0000-1234) the four after the '-' (§1.2). */
export function phoneTail(phone: string): string {
  const ext = /-(\d{4})\s*$/.exec(phone);
  if (ext) return ext[1]!;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : '';
}

/** The shop's first handover the hub knows of, or null: from then on a parcel is followed once handed over. */
export async function firstHandoverAt(db: Db): Promise<string | null> {
  const row = await db.selectFrom('hub_tracking').select((eb) => eb.fn.min('handed_over_at').as('first')).executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

const tracked = (db: Db) =>
  db
    .selectFrom('hub_tracking as t')
    .innerJoin('hub_shipments as s', 's.shipment_id', 't.shipment_id')
    .leftJoin('hub_voids as v', 'v.shipment_id', 't.shipment_id')
    .leftJoin('hub_tracking_phones as p', 'p.order_id', 't.order_id')
    .selectAll('t')
    .select('p.phone_tail')
    .where('s.voided', '=', 0)
    .where('v.shipment_id', 'is', null);

/** Live parcels whose next ask is due, the longest waiting first. */
export async function dueParcels(db: Db, now: Date, limit: number, firstHandover: string | null = null): Promise<TrackedRow[]> {
  let due = tracked(db).where('t.final', '=', 0).where('t.next_at', '<=', now.toISOString()).where('t.printed_at', '>=', trackedSince(now));
  // Parcels still waiting for the courier stay out of the round, or enough of them would crowd out the rest.
  if (firstHandover !== null) {
    const before = leftWithoutHandoverBefore(firstHandover);
    due = due.where((eb) => eb.or([eb('t.handed_over_at', 'is not', null), eb('t.printed_at', '<', before)]));
  }
  return due.orderBy('t.next_at').limit(limit).execute();
}

/** The live parcel a push names: by number, and by carrier when the push says which. */
export async function parcelByNumber(db: Db, trackingNo: string, carrierCode: string | null): Promise<TrackedRow | undefined> {
  const rows = await tracked(db).where('t.tracking_no', '=', trackingNo).orderBy('t.printed_at', 'desc').execute();
  return rows.find((r) => carrierCode === null || r.carrier_code === carrierCode) ?? rows[0];
}

export type Schedule = Partial<Pick<HubTables['hub_tracking'], 'next_at' | 'failures' | 'last_asked_at' | 'last_error' | 'subscribed_at' | 'provider'>>;

export async function saveSchedule(db: Db | LogWriter['trx'], shipmentId: string, schedule: Schedule): Promise<void> {
  if (Object.keys(schedule).length === 0) return;
  await db.updateTable('hub_tracking').set(schedule).where('shipment_id', '=', shipmentId).execute();
}

export type Change = { shipmentId: string; carrierCode: string; trackingNo: string; from: TrackingState | null; to: TrackingState | null; hubSeq: number };

/** What one report did: null when it said nothing new, 'stale' when it was older than the trace the hub holds. */
export type Recorded = Change | null | 'stale';

/**
 * Writes what a provider said as one tracking.updated entry, only when the parcel's state or trace
 * differs from the last one written (a fingerprint per parcel): polls and pushes repeat themselves.
 * A report whose trace is older than the one last written changes nothing: a push carries no nonce,
 * so one captured on the plain-HTTP callback can be replayed later, and it must not take a
 * delivered parcel back to 在途 or raise a 问题件 again (a late poll answer neither).
 * Runs in the log writer's transaction, so a poll and a push about one parcel never both write.
 */
export async function recordReport(w: LogWriter, row: TrackedRow, provider: ProviderName, report: TrackReport): Promise<Recorded> {
  const current = await w.trx.selectFrom('hub_tracking').select(['fingerprint', 'state', 'trace_at', 'trace_nodes']).where('shipment_id', '=', row.shipment_id).executeTakeFirst();
  const age = traceAge(report);
  if (current && isOlder(age, current)) return 'stale';
  const reported = report.reportedCarrier !== null && report.reportedCarrier !== row.carrier_code && carrierCodeField.safeParse(report.reportedCarrier).success
    ? report.reportedCarrier : null;
  const payload = fit({
    id: uuidv7(), carrierCode: row.carrier_code, trackingNo: row.tracking_no, source: provider, state: report.state,
    events: report.events.slice(-EVENTS_MAX), destCity: report.destCity, reportedCarrier: reported, at: w.now,
  });
  const fingerprint = createHash('sha256').update(JSON.stringify([payload.state, payload.events, payload.destCity, payload.reportedCarrier])).digest('hex');
  const final = report.final ? 1 : 0;
  if (current?.fingerprint === fingerprint) {
    // The same trace again: nothing to write; a row from before 0012 learns how far its trace reaches.
    if (final || current.trace_at === null) await w.trx.updateTable('hub_tracking').set({ ...age, ...(final ? { final } : {}) }).where('shipment_id', '=', row.shipment_id).execute();
    return null;
  }
  const hubSeq = w.appendHubEntry('tracking.updated', payload, payload.id);
  await w.trx.updateTable('hub_tracking').set({ fingerprint, state: report.state, final, provider, ...age }).where('shipment_id', '=', row.shipment_id).execute();
  return { shipmentId: row.shipment_id, carrierCode: row.carrier_code, trackingNo: row.tracking_no, from: (current?.state ?? null) as TrackingState | null, to: report.state, hubSeq };
}

type TraceAge = { trace_at: string | null; trace_nodes: number };

/** How far a report's trace reaches: its newest node's time (UTC ISO; null with no nodes) and its node count. */
export function traceAge(report: TrackReport): TraceAge {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of report.events) newest = Math.max(newest, Date.parse(e.at));
  return { trace_at: Number.isFinite(newest) ? new Date(newest).toISOString() : null, trace_nodes: report.events.length };
}

/**
 * Older than what the hub holds: its newest node is earlier (or it has none while the hub has
 * some), or it ends at the same node with fewer nodes (a strict prefix). The same or a longer
 * trace is not older, so a carrier correction or a state change on the same nodes still counts.
 */
export function isOlder(report: TraceAge, held: { trace_at: string | null; trace_nodes: number | null }): boolean {
  if (held.trace_at === null) return false;
  if (report.trace_at === null) return true;
  if (report.trace_at !== held.trace_at) return report.trace_at < held.trace_at;
  return report.trace_nodes < (held.trace_nodes ?? 0);
}

/** The newest nodes that fit the op's byte cap (a 100-node trace of long Chinese texts may not). */
function fit(payload: OpPayload<'tracking.updated'>): OpPayload<'tracking.updated'> {
  let p = payload;
  while (p.events.length > 0 && Buffer.byteLength(JSON.stringify(p)) > trackingUpdatedOp.maxBytes - 1024) p = { ...p, events: p.events.slice(1) };
  return p;
}

/** Calls made to a provider today (Beijing), and the pause a provider is under, in hub_meta. */
export async function providerUse(db: Db, provider: ProviderName, now: Date): Promise<{ used: number; pausedUntil: string | null }> {
  const rows = await db.selectFrom('hub_meta').select(['key', 'value']).where('key', 'in', [`tracking.used.${provider}`, `tracking.paused.${provider}`]).execute();
  const used = rows.find((r) => r.key === `tracking.used.${provider}`)?.value.split(' ') ?? [];
  const paused = rows.find((r) => r.key === `tracking.paused.${provider}`)?.value ?? null;
  return { used: used[0] === beijingDay(now.getTime()) ? Number(used[1] ?? 0) : 0, pausedUntil: paused !== null && paused > now.toISOString() ? paused : null };
}

export async function saveProviderUse(db: Db, provider: ProviderName, now: Date, used: number, pausedUntil: string | null): Promise<void> {
  const put = (key: string, value: string) => db.insertInto('hub_meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  await put(`tracking.used.${provider}`, `${beijingDay(now.getTime())} ${used}`);
  await put(`tracking.paused.${provider}`, pausedUntil ?? '');
}
