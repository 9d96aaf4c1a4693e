import type { FileInput } from '#shared/contract/common';
import type { ParcelTracking, TrackingImportReport } from '#shared/contract/tracking.contract';
import type { TrackingEvent, TrackingState } from '#shared/domain/tracking';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import type { OpPayload } from '#shared/ops/index';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import type { Actor } from '../session/session.service';
import { parseTrackingCsv, type ParsedParcel } from './tracking-csv.parser';
import type { TrackingRepo } from './tracking.repo';

/** An op holds at most 100 events and 64 KB; a longer trace from a file goes as several ops of one parcel, which merge. */
const EVENTS_PER_OP = 100;
const EVENT_BYTES_PER_OP = 48 * 1024;

function chunks(events: readonly TrackingEvent[]): TrackingEvent[][] {
  const out: TrackingEvent[][] = [[]];
  let bytes = 0;
  for (const e of events) {
    const size = Buffer.byteLength(JSON.stringify(e));
    const last = out[out.length - 1]!;
    if (last.length >= EVENTS_PER_OP || (last.length > 0 && bytes + size > EVENT_BYTES_PER_OP)) {
      out.push([e]);
      bytes = size;
    } else {
      last.push(e);
      bytes += size;
    }
  }
  return out;
}

/**
 * Tracking at a bench, with no internet: a supervisor imports what the couriers' sites or an ERP
 * exported, and every bench applies the same tracking.updated ops the hub writes from providers.
 */
export function createTrackingService(deps: { db: Db; recorder: OpRecorder; repo: TrackingRepo; orders: OrdersRepo; now?: () => number }) {
  const { db, recorder, repo } = deps;
  const now = deps.now ?? Date.now;

  /** One parcel's ops: ours is the shop's carrier for the number; the file's, when it differs, is the reported one. */
  function opsOf(p: ParsedParcel, at: string): OpPayload<'tracking.updated'>[] {
    const ours = repo.carrierOf(p.trackingNo);
    const carrierCode = ours ?? p.carrierCode!;
    const reportedCarrier = ours !== null && p.carrierCode !== null && p.carrierCode !== ours ? p.carrierCode : null;
    return chunks(p.events).map((events) => ({
      id: newId(), carrierCode, trackingNo: p.trackingNo, source: 'csv', state: p.state, events, destCity: p.destCity, reportedCarrier, at,
    }));
  }

  return {
    importCsv(file: FileInput, encoding: 'auto' | 'gbk' | 'utf-8', actor: Actor): TrackingImportReport {
      const parsed = parseTrackingCsv({ name: file.name, bytes: Buffer.from(file.base64, 'base64') }, { encoding, carrierOf: repo.carrierOf, now: now() });
      const base = { rowsRead: parsed.rowsRead, parcels: parsed.parcels.length, errors: parsed.errors };
      if (parsed.errors.length > 0) return { ...base, parcels: 0, unknownParcels: 0, delivered: 0, returned: 0, problem: 0, rejected: true };
      const at = new Date(now()).toISOString();
      let unknownParcels = 0;
      inTransaction(db, () => {
        for (const p of parsed.parcels) {
          if (repo.carrierOf(p.trackingNo) === null) unknownParcels++;
          for (const op of opsOf(p, at)) recorder.record('tracking.updated', op, { at, actor });
        }
      });
      const inState = (state: TrackingState) => parsed.parcels.filter((p) => p.state === state).length;
      return { ...base, unknownParcels, delivered: inState('delivered'), returned: inState('returned'), problem: inState('problem'), rejected: false };
    },
    /** A tracking number's parcels, else an order's (by our id or the platform's number). */
    status(ref: string): ParcelTracking[] {
      const text = ref.trim();
      const byNumber = repo.byNumber(normaliseTrackingNo(text));
      if (byNumber.length > 0) return byNumber;
      const order = deps.orders.get(text) ?? deps.orders.findByCode(text)[0] ?? null;
      return order ? repo.ofOrder(order.id) : [];
    },
  };
}
export type TrackingService = ReturnType<typeof createTrackingService>;
