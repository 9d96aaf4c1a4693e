import type { BenchRef } from '#shared/contract/common';
import type { HandoverAbandoned, HandoverAbandonReason, HandoverDetail, HandoverOutcome, HandoverParcel, HandoverScan, HandoverSummary } from '#shared/contract/handover.contract';
import { findCarrier } from '#shared/domain/carriers';
import { handoverNumber } from '#shared/domain/handover-number';
import { HANDOVER_WINDOW_DAYS } from '#shared/domain/handover-window';
import { benchSaid, userSaid, type NameSaid } from '#shared/domain/factory-names';
import { decodeMessage, msg, type Message } from '#shared/i18n/message';
import { isStopped, type HandoverRepo, type HandoverRow, type ParcelRow, type ScanRow } from './handover.repo';

const DAY_MS = 86_400_000;
/** Neither closed nor abandoned (作废): its scans are reconciled against what waits now. */
export const isUnderWay = (h: HandoverRow): boolean => h.closed_at === null && h.abandoned_at === null;
/** The latest scans a handover shows (the counts hold them all): a pickup of thousands is answered per scan. */
export const SCANS_SHOWN = 100;

/** What an open handover stands at: the parcels taken, still expected and kept back, by id. */
export type Reconciliation = { accepted: ParcelRow[]; missing: ParcelRow[]; intercepted: ParcelRow[]; expected: number };

/** Why a parcel is kept back: the order's block, or a second parcel of an order shipped at two benches. */
const stopReason = (p: ParcelRow): Message | null =>
  p.blocked_stop === 1 && p.blocked_reason ? decodeMessage(p.blocked_reason) : p.double_shipped === 1 ? msg('handover.detail.doubleShipped') : null;
const parcelOf = (p: ParcelRow): HandoverParcel => ({
  shipmentId: p.id, trackingNo: p.tracking_no, orderExternalId: p.external_id, reason: isStopped(p) ? stopReason(p) : null,
});

/** Reads handovers as the screen, the CLI and the 交接单 show them. */
export function createHandoverView(deps: {
  repo: HandoverRepo; benchRef: (stationId: string) => BenchRef; now: () => number;
  /** A bench's name in the shop, this one's too; null when it has none (a bench working alone). */
  benchName?: (stationId: string) => string | null;
}) {
  const { repo } = deps;
  /**
   * Who closed it, as the courier's sheet names them: every bench has a 管理员, so a factory
   * administrator is named with their bench ("管理员 · 打包台 A"), this bench's own too, when it has a name.
   */
  const closer = (userId: string): NameSaid | null => {
    const user = repo.user(userId);
    if (user === null) return null;
    const name = userSaid(user.name, user.benchOf !== null);
    const bench = user.benchOf === null ? null : (deps.benchName?.(user.benchOf) ?? null);
    return bench === null ? name : msg('users.withBench', { name, bench: benchSaid(bench) });
  };
  /** `parcels`: scanned in (each once) and put back — what an abandoned one's page says instead of 0 handed over. */
  const abandonedOf = (h: HandoverRow, parcels: number): HandoverAbandoned | null =>
    h.abandoned_at === null
      ? null
      : {
          at: h.abandoned_at, by: h.abandoned_by === null ? null : closer(h.abandoned_by), reason: (h.abandon_reason ?? 'other') as HandoverAbandonReason,
          note: h.abandon_note ?? '', parcels,
        };
  const since = () => new Date(deps.now() - HANDOVER_WINDOW_DAYS * DAY_MS).toISOString();

  /**
   * An open handover against what this bench knows now: accepted are the parcels its scans took
   * (at any bench) that are still live and not taken by another handover; a parcel whose order has
   * turned since — even one already scanned — is intercepted; the rest of the carrier's awaiting
   * parcels are missing so far.
   */
  function reconcile(h: HandoverRow, scans: ScanRow[], parcels: ReadonlyMap<string, ParcelRow>): Reconciliation {
    const taken = new Map<string, ParcelRow>();
    const kept = new Map<string, ParcelRow>();
    for (const s of scans) {
      if (s.shipment_id === null || (s.outcome !== 'accepted' && s.outcome !== 'intercepted')) continue;
      const p = parcels.get(s.shipment_id);
      if (!p || p.voided_at !== null || (p.handover_id !== null && p.handover_id !== h.id)) continue;
      (isStopped(p) ? kept : taken).set(p.id, p);
    }
    const missing: ParcelRow[] = [];
    for (const p of repo.awaiting(h.carrier_code, since())) {
      if (taken.has(p.id) || kept.has(p.id)) continue;
      if (isStopped(p)) kept.set(p.id, p);
      else missing.push(p);
    }
    const accepted = [...taken.values()].reverse();
    const intercepted = [...kept.values()];
    return { accepted, missing, intercepted, expected: accepted.length + missing.length + intercepted.length };
  }

  function scanOf(s: ScanRow, parcels: ReadonlyMap<string, ParcelRow>): HandoverScan {
    const p = s.shipment_id === null ? undefined : parcels.get(s.shipment_id);
    // An order number scanned off the slip is told apart from a number nobody knows: the packer needs the label's.
    const outcome = s.outcome === 'unexpected-unknown' && repo.isOrderNumber(s.code) ? 'unexpected-order' : (s.outcome as HandoverOutcome);
    return {
      id: s.id, code: s.code, outcome, trackingNo: p?.tracking_no ?? null, orderExternalId: p?.external_id ?? null,
      detail: p ? scanDetail(s.outcome as HandoverOutcome, p) : null, bench: deps.benchRef(s.station_id), at: s.at,
    };
  }

  /**
   * An abandoned handover's parcels: each its scans took in, put back to wait for the next pickup.
   * One that has left with a later pickup since, or whose label was voided, says so.
   */
  function putBack(scans: ScanRow[], parcels: ReadonlyMap<string, ParcelRow>): HandoverParcel[] {
    const ids = new Set(scans.flatMap((s) => (s.outcome === 'accepted' && s.shipment_id !== null ? [s.shipment_id] : [])));
    return [...ids].flatMap((id) => {
      const p = parcels.get(id);
      if (!p) return [];
      const reason = p.voided_at !== null
        ? msg('handover.detail.voided', { reason: p.void_reason ?? '' })
        : p.handed_over_at !== null ? msg('handover.detail.handedOver', { at: p.handed_over_at }) : null;
      return [{ ...parcelOf(p), reason }];
    });
  }

  function summaryOf(h: HandoverRow, scans: ScanRow[], rec: Reconciliation | null): HandoverSummary {
    const base = {
      id: h.id, number: handoverNumber({ id: h.id, carrierCode: h.carrier_code, openedAt: h.opened_at }), carrierCode: h.carrier_code, carrierName: findCarrier(h.carrier_code)?.name ?? h.carrier_code, openedAt: h.opened_at,
      openedAtBench: deps.benchRef(h.station_id), closedAt: h.closed_at, courierName: h.courier_name, abandoned: null,
    };
    if (rec) {
      const unexpected = scans.filter((s) => s.outcome.startsWith('unexpected-')).length;
      const duplicate = scans.filter((s) => s.outcome === 'duplicate').length;
      return {
        ...base, state: 'open',
        counts: { expected: rec.expected, scanned: scans.length, accepted: rec.accepted.length, missing: rec.missing.length, intercepted: rec.intercepted.length, unexpected, duplicate },
      };
    }
    // Closed: as the close recorded it. Abandoned: its scans, and nothing taken, missing or kept back.
    const c = repo.closedCounts(h.id);
    return {
      ...base, state: h.closed_at === null ? 'abandoned' : 'closed', abandoned: abandonedOf(h, c.scanned_in),
      counts: {
        expected: c.accepted + c.missing + c.intercepted, scanned: c.scanned, accepted: c.accepted, missing: c.missing, intercepted: c.intercepted,
        unexpected: c.unexpected, duplicate: c.duplicate,
      },
    };
  }

  function detail(h: HandoverRow): HandoverDetail {
    const scans = repo.scans(h.id);
    const parcels = repo.scannedParcels(h.id);
    const shownScans = scans.slice(0, SCANS_SHOWN).map((s) => scanOf(s, parcels));
    const unexpected = scans.filter((s) => s.outcome !== 'accepted' && s.outcome !== 'intercepted').map((s) => scanOf(s, parcels));
    const extras = {
      unexpected, scans: shownScans, signatureHash: h.signature_hash, photoHashes: JSON.parse(h.photo_hashes) as string[],
      closedBy: h.closed_by === null ? null : closer(h.closed_by), putBack: [] as HandoverParcel[],
    };
    if (isUnderWay(h)) {
      const rec = reconcile(h, scans, parcels);
      return {
        ...summaryOf(h, scans, rec), ...extras,
        accepted: rec.accepted.map(parcelOf), missing: rec.missing.map(parcelOf), intercepted: rec.intercepted.map(parcelOf),
      };
    }
    const lists = { accepted: [] as HandoverParcel[], missing: [] as HandoverParcel[], intercepted: [] as HandoverParcel[] };
    for (const row of repo.closedParcels(h.id)) {
      const p = repo.parcel(row.shipment_id);
      if (p) lists[row.state].push(parcelOf(p));
    }
    if (h.closed_at === null) extras.putBack = putBack(scans, parcels);
    for (const list of [...Object.values(lists), extras.putBack]) list.sort((a, b) => (a.trackingNo < b.trackingNo ? -1 : 1));
    return { ...summaryOf(h, scans, null), ...extras, ...lists };
  }

  return {
    reconcile: (h: HandoverRow) => reconcile(h, repo.scans(h.id), repo.scannedParcels(h.id)),
    detail,
    summary: (h: HandoverRow) => {
      if (!isUnderWay(h)) return summaryOf(h, [], null);
      const scans = repo.scans(h.id);
      return summaryOf(h, scans, reconcile(h, scans, repo.scannedParcels(h.id)));
    },
    since,
  };
}
export type HandoverView = ReturnType<typeof createHandoverView>;

/** What a scan's outcome is about, as the reader would ask: which carrier, why kept back, why void. */
export function scanDetail(outcome: HandoverOutcome, p: ParcelRow): Message | null {
  switch (outcome) {
    case 'intercepted':
      return stopReason(p);
    case 'unexpected-carrier':
      return msg('handover.detail.otherCarrier', { carrier: findCarrier(p.carrier_code)?.name ?? p.carrier_code });
    case 'unexpected-voided':
      return msg('handover.detail.voided', { reason: p.void_reason ?? '' });
    case 'duplicate':
      return p.handed_over_at ? msg('handover.detail.handedOver', { at: p.handed_over_at }) : msg('handover.detail.alreadyScanned');
    default:
      return null;
  }
}
