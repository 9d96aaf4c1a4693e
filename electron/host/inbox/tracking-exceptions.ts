import type { InboxKind, InboxRow } from '#shared/contract/inbox.contract';
import { carrierNameMessage } from '#shared/domain/carriers';
import { destinationDiffers } from '#shared/domain/tracking-city';
import { msg, type Message } from '#shared/i18n/message';
import type { Db } from '../db/open-database';

/**
 * Exceptions tracking tells about parcels that left (issue 10 part 4), derived from tables every
 * bench holds alike (shipments, tracking_parcels, orders), so each bench lists the same row under
 * the same key, `tracking:<what>:<shipment id>`, and a resolution (inbox.resolved) closes it
 * shop-wide. Each query is bounded by the cap and by a window: a parcel is followed for a month.
 */

const HOUR_MS = 3_600_000;
const WINDOW_MS = 30 * 24 * HOUR_MS;

/** The kinds, and the word of their key. */
export const trackingKinds = {
  'no-pickup': 'tracking-no-pickup', stalled: 'tracking-stalled', returned: 'tracking-returned', problem: 'tracking-problem',
  'mismatch-city': 'tracking-mismatch', 'mismatch-carrier': 'tracking-mismatch',
} as const satisfies Record<string, InboxKind>;
export type TrackingWhat = keyof typeof trackingKinds;

export type TrackingExceptionRow = {
  what: TrackingWhat; shipment_id: string; order_id: string; external_id: string; carrier_code: string; tracking_no: string;
  handed_over_at: string | null; state: string | null; reported_carrier: string | null; dest_city: string | null; city: string;
  last_event_at: string | null; last_text: string | null; at: string;
};

export function createTrackingExceptions(db: Db) {
  // 物流信息不一致 needs the city spellings normalised (shared/domain/tracking-city), which SQL cannot do.
  // A shop ships to a few hundred cities: each pair is judged once (bounded, for a hostile file's sake).
  const judged = new Map<string, 0 | 1>();
  db.function('tracking_dest_differs', { deterministic: true }, (reported: unknown, province: unknown, city: unknown, district: unknown) => {
    const key = [reported, province, city, district].join('\u0000');
    let differs = judged.get(key);
    if (differs === undefined) {
      differs = destinationDiffers(String(reported ?? ''), { province: String(province ?? ''), city: String(city ?? ''), district: String(district ?? '') }) ? 1 : 0;
      if (judged.size >= 4096) judged.clear();
      judged.set(key, differs);
    }
    return differs;
  });
  const columns = (what: TrackingWhat, at: string) => `SELECT '${what}' AS what, s.id AS shipment_id, s.order_id, o.external_id, s.carrier_code, s.tracking_no,
      s.handed_over_at, t.state, t.reported_carrier, t.dest_city, o.city, t.last_event_at,
      (SELECT e.text FROM tracking_events e WHERE e.carrier_code = s.carrier_code AND e.tracking_no = s.tracking_no ORDER BY e.at DESC, e.text DESC LIMIT 1) AS last_text,
      ${at} AS at
    FROM shipments s JOIN orders o ON o.id = s.order_id`;
  const tracked = 'JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no';
  const open = (what: TrackingWhat) => `s.voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM inbox_resolutions ir WHERE ir.key = 'tracking:${what}:' || s.id)`;
  const q = {
    // Handed over, and the courier never scanned it: no event and no state from any source.
    'no-pickup': db.prepare(`${columns('no-pickup', 's.handed_over_at')}
      LEFT JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
      WHERE s.handed_over_at IS NOT NULL AND s.handed_over_at < @due AND s.handed_over_at >= @since
        AND (t.tracking_no IS NULL OR t.accepted_at IS NULL AND t.state IS NULL) AND ${open('no-pickup')}
      ORDER BY s.handed_over_at DESC LIMIT @cap`),
    stalled: db.prepare(`${columns('stalled', 'coalesce(t.last_event_at, t.updated_at)')} ${tracked}
      WHERE t.state IN ('accepted', 'in-transit', 'out-for-delivery') AND coalesce(t.last_event_at, t.updated_at) < @quiet
        AND coalesce(t.last_event_at, t.updated_at) >= @since AND ${open('stalled')}
      ORDER BY coalesce(t.last_event_at, t.updated_at) DESC LIMIT @cap`),
    returned: db.prepare(`${columns('returned', 't.updated_at')} ${tracked}
      WHERE t.state = 'returned' AND t.updated_at >= @since AND ${open('returned')} ORDER BY t.updated_at DESC LIMIT @cap`),
    problem: db.prepare(`${columns('problem', 't.updated_at')} ${tracked}
      WHERE t.state = 'problem' AND t.updated_at >= @since AND ${open('problem')} ORDER BY t.updated_at DESC LIMIT @cap`),
    'mismatch-city': db.prepare(`${columns('mismatch-city', 't.updated_at')} ${tracked}
      WHERE t.dest_city <> '' AND t.updated_at >= @since AND tracking_dest_differs(t.dest_city, o.province, o.city, o.district) = 1
        AND ${open('mismatch-city')} ORDER BY t.updated_at DESC LIMIT @cap`),
    'mismatch-carrier': db.prepare(`${columns('mismatch-carrier', 't.updated_at')} ${tracked}
      WHERE t.reported_carrier IS NOT NULL AND t.reported_carrier <> s.carrier_code AND t.updated_at >= @since
        AND ${open('mismatch-carrier')} ORDER BY t.updated_at DESC LIMIT @cap`),
  };
  /** Every tracking exception open now, each query at most `cap` rows. */
  return (nowMs: number, hours: { noPickupHours: number; stalledHours: number }, cap: number): TrackingExceptionRow[][] => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const since = iso(nowMs - WINDOW_MS);
    return [
      q['no-pickup'].all({ due: iso(nowMs - hours.noPickupHours * HOUR_MS), since, cap }),
      q.stalled.all({ quiet: iso(nowMs - hours.stalledHours * HOUR_MS), since, cap }),
      q.returned.all({ since, cap }),
      q.problem.all({ since, cap }),
      q['mismatch-city'].all({ since, cap }),
      q['mismatch-carrier'].all({ since, cap }),
    ] as TrackingExceptionRow[][];
  };
}

const none = { benches: [], flagKind: null, skuCode: null, refId: null, people: [], photos: [] };

/** The row of one tracking exception; the last event (when there is one) is part of the evidence. */
export function trackingRow(r: TrackingExceptionRow, nowMs: number, hours: { noPickupHours: number; stalledHours: number }): InboxRow {
  const carrier = carrierNameMessage(r.carrier_code);
  const parcel = { order: r.external_id, carrier, trackingNo: r.tracking_no };
  const last: Message = r.last_event_at
    ? msg('inbox.evidence.trackingLast', { at: r.last_event_at, text: r.last_text ?? '' })
    : msg('inbox.evidence.trackingNoEvent');
  const hoursSince = (at: string | null) => (at === null ? 0 : Math.max(0, Math.floor((nowMs - Date.parse(at)) / HOUR_MS)));
  const evidence: Message = {
    'no-pickup': () => msg('inbox.evidence.trackingNoPickup', { ...parcel, handedOver: r.handed_over_at ?? r.at, hours: hoursSince(r.handed_over_at), limit: hours.noPickupHours }),
    stalled: () => msg('inbox.evidence.trackingStalled', { ...parcel, state: msg(`tracking.states.${(r.state ?? 'in-transit') as 'in-transit'}`), hours: hoursSince(r.at), last }),
    returned: () => msg('inbox.evidence.trackingReturned', { ...parcel, last }),
    problem: () => msg('inbox.evidence.trackingProblem', { ...parcel, last }),
    'mismatch-city': () => msg('inbox.evidence.trackingCity', { ...parcel, reported: r.dest_city ?? '', city: r.city }),
    'mismatch-carrier': () => msg('inbox.evidence.trackingCarrier', { ...parcel, reported: carrierNameMessage(r.reported_carrier ?? '') }),
  }[r.what]();
  return {
    ...none, key: `tracking:${r.what}:${r.shipment_id}`, kind: trackingKinds[r.what], closes: 'note', derived: true,
    severity: r.what === 'no-pickup' || r.what === 'problem' ? 'alarm' : 'warn', at: r.at,
    orderId: r.order_id, orderExternalId: r.external_id, trackingNo: r.tracking_no, carrierCode: r.carrier_code, evidence, target: 'shipments',
  };
}
