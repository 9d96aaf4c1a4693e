import { AppError } from '#shared/contract/errors';
import type { BenchRef } from '#shared/contract/common';
import { HANDOVER_MAX_PARCELS, type HandoverAbandonReason, type HandoverDetail, type HandoverOutcome, type HandoverScan } from '#shared/contract/handover.contract';
import { findCarrier } from '#shared/domain/carriers';
import { msg } from '#shared/i18n/message';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';
import { createHandoverRepo, isStopped, type HandoverRow, type ParcelRow } from './handover.repo';
import { createHandoverView } from './handover-view';
import { scanArrived } from '../workers/yield-to-scans';

/**
 * Courier handovers (交接): open one for a carrier's pickup, scan each parcel into it, close it
 * with the courier's name and signature. Every step is an op, so a handover is the shop's: another
 * bench or a phone lists it, scans into it and closes it after sync. A scan is judged here against
 * what this bench knows — the last order import included, so a parcel whose order turned
 * cancelled or refund-pending is intercepted (拦截) with no network at all.
 */
export function createHandoverService(deps: {
  db: Db; recorder: OpRecorder; benchRef: (stationId: string) => BenchRef;
  /** A signature or photo is in this bench's attachment store (photos.put kept it). */
  hasAttachment: (sha256: string) => boolean;
  /** A bench's name in the shop (this one's too), null when it has none: the 交接人 is named with their bench. */
  benchName?: (stationId: string) => string | null;
  now?: () => number;
}) {
  const { db, recorder } = deps;
  const repo = createHandoverRepo(db);
  const view = createHandoverView({ repo, benchRef: deps.benchRef, now: deps.now ?? Date.now, ...(deps.benchName ? { benchName: deps.benchName } : {}) });

  const require = (id: string): HandoverRow => {
    const h = repo.get(id);
    if (!h) throw new AppError('NOT_FOUND', msg('handover.notFound', { id }));
    return h;
  };
  const requireOpen = (id: string): HandoverRow => {
    const h = require(id);
    if (h.closed_at !== null) throw new AppError('CONFLICT', msg('handover.alreadyClosed', { courier: h.courier_name ?? '' }));
    // Abandoned here or at another bench (abandon wins over any scan after it): the next pickup is a new handover.
    if (h.abandoned_at !== null) throw new AppError('CONFLICT', msg('handover.alreadyAbandoned', { at: h.abandoned_at }));
    return h;
  };

  /** The parcel a scanned code names: as scanned, then as the carrier prints it (upper case). */
  const parcelFor = (code: string): ParcelRow | undefined => repo.byTracking(code) ?? repo.byTracking(code.toUpperCase());

  /** What a scan into handover `h` finds, in the order a person would check. */
  function judge(h: HandoverRow, p: ParcelRow | undefined): HandoverOutcome {
    if (!p) return 'unexpected-unknown';
    if (p.voided_at !== null) return 'unexpected-voided';
    if (p.carrier_code !== h.carrier_code) return 'unexpected-carrier';
    if (p.handover_id !== null) return 'duplicate';
    const scannedInto = repo.acceptedInOpen(p.id);
    if (scannedInto !== null) return 'duplicate';
    return isStopped(p) ? 'intercepted' : 'accepted';
  }

  /** The handover open for the carrier, opened now if there is none. */
  function openFor(carrierCode: string, actor: Actor): string {
    if (!findCarrier(carrierCode)) throw new AppError('INVALID_INPUT', msg('handover.unknownCarrier', { carrier: carrierCode }));
    return inTransaction(db, () => {
      const open = repo.openFor(carrierCode);
      if (open) return open.id;
      const made = newId();
      recorder.record('handover.opened', { id: made, carrierCode }, { actor });
      return made;
    });
  }

  function scan(handoverId: string, code: string, actor: Actor): { scan: HandoverScan; handover: HandoverDetail } {
    // A courier's pickup is scanned as fast as a pack: imports and pulls keep to short slices meanwhile.
    scanArrived();
    const text = code.trim();
    const scanId = inTransaction(db, () => {
      const h = requireOpen(handoverId);
      const parcel = parcelFor(text);
      const outcome = judge(h, parcel);
      const id = newId();
      recorder.record('handover.scanned', { id, handoverId, code: text, shipmentId: parcel?.id ?? null, outcome }, { actor });
      return id;
    });
    const handover = view.detail(require(handoverId));
    return { scan: handover.scans.find((s) => s.id === scanId)!, handover };
  }

  return {
    /** Carriers whose courier has parcels waiting, most first. */
    carriers: () =>
      repo.awaitingCounts(view.since()).map((c) => ({ ...c, carrierName: findCarrier(c.carrierCode)?.name ?? c.carrierCode })),
    /** Opens a handover for the carrier, or carries on with the one already open for it. */
    open: (carrierCode: string, actor: Actor): HandoverDetail => view.detail(require(openFor(carrierCode, actor))),
    scan,
    /**
     * A scan with no handover on screen: the parcel names its carrier, so the pickup is that
     * carrier's — its open handover, or a new one — and the scan goes into it. A code with no parcel
     * opens nothing (there is no carrier to open for); an order number is told apart.
     */
    scanFirst(code: string, actor: Actor): { scan: HandoverScan; handover: HandoverDetail } {
      const text = code.trim();
      const parcel = parcelFor(text);
      if (!parcel) throw new AppError('NOT_FOUND', repo.isOrderNumber(text) ? msg('handover.outcomes.unexpected-order') : msg('handover.noParcel', { code: text }));
      return scan(openFor(parcel.carrier_code, actor), text, actor);
    },
    /**
     * Closes with the courier's name and the signature (or photos): the reconciliation as this bench
     * sees it now is what the op records — a parcel whose order turned since its scan is kept back.
     */
    close(input: { handoverId: string; courierName: string; signatureHash: string | null; photoHashes: string[] }, actor: Actor): HandoverDetail {
      const courierName = input.courierName.trim();
      if (courierName === '') throw new AppError('INVALID_INPUT', msg('handover.courierRequired'));
      if (input.signatureHash === null && input.photoHashes.length === 0) throw new AppError('INVALID_INPUT', msg('handover.signatureRequired'));
      for (const hash of [input.signatureHash, ...input.photoHashes]) {
        if (hash !== null && !deps.hasAttachment(hash)) throw new AppError('NOT_FOUND', msg('handover.attachmentMissing', { hash: hash.slice(0, 12) }));
      }
      inTransaction(db, () => {
        const rec = view.reconcile(requireOpen(input.handoverId));
        const too = [rec.accepted, rec.missing, rec.intercepted].find((l) => l.length > HANDOVER_MAX_PARCELS);
        if (too) throw new AppError('INVALID_INPUT', msg('handover.tooManyParcels', { count: too.length, max: HANDOVER_MAX_PARCELS }));
        const ids = (rows: ParcelRow[]) => rows.map((p) => p.id);
        recorder.record('handover.closed', {
          handoverId: input.handoverId, courierName, signatureHash: input.signatureHash, photoHashes: [...new Set(input.photoHashes)],
          accepted: ids(rec.accepted), missing: ids(rec.missing), intercepted: ids(rec.intercepted),
        }, { actor });
      });
      return view.detail(require(input.handoverId));
    },
    /**
     * Abandons (作废) a handover opened by mistake: recorded as such, never closed — no sheet, no
     * parcel handed over or missing, and every parcel scanned into it waits for the next pickup.
     * Undoing scanned parcels is a supervisor's call: `supervise` asks for one only then.
     */
    abandon(input: { handoverId: string; reason: HandoverAbandonReason; note: string }, packer: Actor, supervise: () => Actor): HandoverDetail {
      const note = input.note.trim();
      if (input.reason === 'other' && note === '') throw new AppError('INVALID_INPUT', msg('handover.abandon.noteRequired'));
      inTransaction(db, () => {
        const parcels = view.reconcile(requireOpen(input.handoverId)).accepted.length;
        const actor = parcels > 0 ? supervise() : packer;
        recorder.record('handover.abandoned', { handoverId: input.handoverId, reason: input.reason, note, parcels }, { actor });
      });
      return view.detail(require(input.handoverId));
    },
    list(state: 'open' | 'closed' | 'all', limit: number, offset: number) {
      return { total: repo.total(state), handovers: repo.page(state, limit, offset).map(view.summary) };
    },
    get: (id: string): HandoverDetail => view.detail(require(id)),
  };
}
export type HandoverService = ReturnType<typeof createHandoverService>;
