import { AppError } from '#shared/contract/errors';
import type { BenchRef } from '#shared/contract/common';
import type { DamageDecisionEntry, DamageReason, DamageReport, DamageSource } from '#shared/contract/damage.contract';
import type { PackState } from '#shared/contract/orders.contract';
import { findCarrier } from '#shared/domain/carriers';
import type { DamageDecision } from '#shared/ops/damage-decided.op';
import { trackingNo as trackingNoField } from '#shared/ops/fields';
import { msg } from '#shared/i18n/message';
import type { CatalogRepo } from '../catalog/catalog.repo';
import type { ClaimsRepo } from '../claims/claims.repo';
import type { ReshipRepo } from '../reship/reship.repo';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import type { ShipmentsRepo } from '../shipments/shipments.repo';
import { actorName, type OtherBench } from '../session/person-name';
import type { Actor } from '../session/session.service';
import { createDecisionStock } from './decision-stock';
import { inForceSql } from './in-force';

type ReportRow = {
  id: string; order_id: string | null; external_id: string | null; shipment_id: string | null; tracking_no: string | null; carrier_code: string | null;
  sku_code: string; sku_name: string | null; qty: number; reason: DamageReason; source: DamageSource; description: string; weight_g: number | null;
  photo_hashes: string; station_id: string | null; reporter: string | null; reporter_bench: string | null; reported_at: string; return_id: string | null;
  return_scanned: string | null; decision_id: string | null;
};
type DecisionRow = {
  id: string; decision: DamageDecision; note: string; amount_fen: number | null; carrier_code: string | null; tracking_no: string | null;
  station_id: string | null; decider: string | null; decider_bench: string | null; decided_at: string;
};

// The decision in force: the last the hub ordered; this station's own, not yet ordered, wins locally.
const IN_FORCE = inForceSql('damage_decisions', 'report_id', 'r.id');
const SELECT = `SELECT r.id, r.order_id, o.external_id, r.shipment_id, s.tracking_no, s.carrier_code, r.sku_code, k.name AS sku_name, r.qty,
    r.reason, r.source, r.description, r.weight_g, r.photo_hashes, r.station_id, u.name AS reporter, u.bench_of AS reporter_bench, r.reported_at, r.return_id,
    ret.tracking_no AS return_scanned, ${IN_FORCE} AS decision_id
  FROM damage_reports r LEFT JOIN orders o ON o.id = r.order_id LEFT JOIN shipments s ON s.id = r.shipment_id
  LEFT JOIN skus k ON k.code = r.sku_code LEFT JOIN users u ON u.id = r.reported_by LEFT JOIN returns ret ON ret.id = r.return_id`;
const DECISION = `SELECT d.id, d.decision, d.note, d.amount_fen, d.carrier_code, d.tracking_no, d.station_id, u.name AS decider, u.bench_of AS decider_bench, d.decided_at
  FROM damage_decisions d LEFT JOIN users u ON u.id = d.decided_by`;
const FILTER = `(@filter = 'all' OR (@filter = 'open') = (${IN_FORCE} IS NULL)) AND (@orderId IS NULL OR r.order_id = @orderId)`;

export type ReportInput = {
  orderRef: string | null; skuCode: string; qty: number; reason: DamageReason; source?: DamageSource | undefined; note: string;
  photoHashes: string[]; weightG?: number | null | undefined;
};
export type DecideInput = {
  reportId: string; decision: DamageDecision; note: string; amountFen: number | null; carrierCode: string | null; trackingNo: string | null;
  /** Booked although it takes the shelf below zero. */
  confirmed?: boolean | undefined;
};

/**
 * Damage reports: a report is written once and never changed; a supervisor's decision is its own
 * fact, and the one in force is the last the hub ordered.
 */
export function createDamageService(deps: {
  db: Db; recorder: OpRecorder; orders: OrdersRepo; shipments: ShipmentsRepo; catalog: CatalogRepo; reships: ReshipRepo; claims: ClaimsRepo;
  syncCursor: () => number; benchRef: (stationId: string) => BenchRef; otherBench: OtherBench;
  /** The scale's stable weight right now, when one is attached. */
  stableWeight: () => number | null;
}) {
  const { db, recorder } = deps;
  const stock = createDecisionStock(db);
  const q = {
    page: db.prepare(`${SELECT} WHERE ${FILTER} ORDER BY r.rowid DESC LIMIT @limit OFFSET @offset`),
    total: db.prepare(`SELECT count(*) FROM damage_reports r WHERE ${FILTER}`).pluck(),
    one: db.prepare(`${SELECT} WHERE r.id = ?`),
    decision: db.prepare(`${DECISION} WHERE d.id = ?`),
    decisions: db.prepare(`${DECISION} WHERE d.report_id = ? ORDER BY d.hub_seq IS NULL, d.hub_seq, d.rowid`),
  };
  const toDecision = (d: DecisionRow): DamageDecisionEntry => ({
    id: d.id, decision: d.decision, note: d.note, amountFen: d.amount_fen, carrierCode: d.carrier_code, trackingNo: d.tracking_no,
    decidedBy: actorName(d.decider, d.decider_bench, deps.otherBench, d.station_id), decidedAt: d.decided_at,
  });
  const latestParcel = (orderId: string): DamageReport['orderParcel'] => {
    const live = deps.shipments.ofOrder(orderId).filter((s) => s.voidedAt === null).at(-1);
    return live ? { carrierCode: live.carrierCode, trackingNo: live.trackingNo } : null;
  };
  const toReport = (r: ReportRow): DamageReport => ({
    id: r.id, orderId: r.order_id, orderExternalId: r.external_id, shipmentId: r.shipment_id, trackingNo: r.tracking_no, carrierCode: r.carrier_code,
    orderParcel: r.shipment_id === null && r.order_id !== null ? latestParcel(r.order_id) : null,
    skuCode: r.sku_code, skuName: r.sku_name ?? '', qty: r.qty, reason: r.reason, source: r.source, note: r.description, weightG: r.weight_g,
    photos: JSON.parse(r.photo_hashes) as string[], bench: r.station_id === null ? null : deps.benchRef(r.station_id),
    reportedBy: actorName(r.reporter, r.reporter_bench, deps.otherBench, r.station_id), reportedAt: r.reported_at, returnId: r.return_id,
    returnScanned: r.return_scanned, decision: r.decision_id === null ? null : toDecision(q.decision.get(r.decision_id) as DecisionRow),
  });
  const get = (id: string): DamageReport | null => {
    const row = q.one.get(id) as ReportRow | undefined;
    return row ? toReport(row) : null;
  };
  const require = (id: string): DamageReport => {
    const report = get(id);
    if (!report) throw new AppError('NOT_FOUND', msg('damage.reportNotFound', { id }));
    return report;
  };

  /** An order id, the platform's order number or a parcel's tracking number → the order and the parcel. */
  function lookup(ref: string): { orderId: string; shipmentId: string | null } {
    const parcel = deps.shipments.byTracking(ref);
    if (parcel) return { orderId: parcel.orderId, shipmentId: parcel.id };
    const order = deps.orders.byRef(ref);
    if (!order) throw new AppError('NOT_FOUND', msg('damage.orderNotFound', { ref }));
    return { orderId: order.id, shipmentId: null };
  }

  return {
    lookup,
    report(input: ReportInput, actor: Actor): DamageReport {
      if (!deps.catalog.exists(input.skuCode)) throw new AppError('NOT_FOUND', msg('damage.skuNotFound', { sku: input.skuCode }));
      const found = input.orderRef === null ? null : lookup(input.orderRef);
      const order = found && deps.orders.get(found.orderId);
      // A report names an item of its order: a reship, a claim or a refund is for what the buyer ordered.
      if (order && !order.lines.some((l) => l.skuCode === input.skuCode)) {
        throw new AppError('INVALID_INPUT', msg('damage.skuNotOnOrder', { order: order.externalId, sku: input.skuCode }), { field: 'skuCode' });
      }
      const id = newId();
      const payload = {
        id, orderId: found?.orderId ?? null, shipmentId: found?.shipmentId ?? null, skuCode: input.skuCode, qty: input.qty, reason: input.reason,
        source: input.source ?? defaultSource(found, order?.packState ?? null), note: input.note, weightG: input.weightG === undefined ? deps.stableWeight() : input.weightG,
        photoHashes: input.photoHashes, returnId: null,
      } as const;
      inTransaction(db, () => recorder.record('damage.reported', payload, { actor }));
      return require(id);
    },
    /**
     * Records a supervisor's decision with what it sets going, in one transaction: the stock it
     * moves (recorded first, so whoever later sees the decision has seen its stock too), a reship
     * request or a claim (both given effect by the decision's applier at every bench).
     */
    decide(input: DecideInput, actor: Actor): DamageReport {
      const report = require(input.reportId);
      const at = new Date().toISOString();
      // What this supervisor had seen: a later different decision they had not seen is a conflict.
      const payload = { id: newId(), reportId: report.id, decision: input.decision, note: input.note, seenHubSeq: deps.syncCursor(), ...decisionTerms(input, report) };
      inTransaction(db, () => {
        const movements = stock.movements(report, input.decision);
        // As the stock-adjust dialog does: taking the shelf below zero is said first, and booked once confirmed
        // (the books may be catching up with the shelf).
        const sellable = movements.reduce((sum, m) => (m.bucket === 'sellable' ? sum + m.delta : sum), 0);
        const onHand = deps.catalog.onHand(report.skuCode);
        if (sellable < 0 && onHand + sellable < 0 && !input.confirmed) {
          throw new AppError('CONFLICT', msg('damage.belowZero', { sku: report.skuCode, onHand, after: onHand + sellable }));
        }
        for (const movement of movements) recorder.record('stock.delta', movement, { actor, at });
        recorder.record('damage.decided', payload, { actor, at });
      });
      return require(input.reportId);
    },
    list(filter: { filter: 'open' | 'decided' | 'all'; orderId?: string | undefined; limit: number; offset: number }) {
      const params = { filter: filter.filter, orderId: filter.orderId ?? null, limit: filter.limit, offset: filter.offset };
      return { total: q.total.get(params) as number, reports: (q.page.all(params) as ReportRow[]).map(toReport) };
    },
    get(id: string) {
      const report = require(id);
      const effects = { booked: stock.booked(id), reship: deps.reships.stateOf(id), claim: deps.claims.get(id) };
      return { report, decisions: (q.decisions.all(id) as DecisionRow[]).map(toDecision), effects };
    },
  };
}
export type DamageService = ReturnType<typeof createDamageService>;

/**
 * Where a report says the units were found when its filer does not say (a script, the command line):
 * a parcel named, or an order that has shipped, means the buyer reported it after delivery (a
 * write-off then moves no shelf stock: the units left with the parcel); an order still to ship was
 * found while packing it; no order, on the shelf.
 */
function defaultSource(found: { shipmentId: string | null } | null, packState: PackState | null): DamageSource {
  if (!found) return 'shelf';
  return found.shipmentId !== null || packState === 'shipped' ? 'delivered' : 'bench';
}

/**
 * The money and parcel a decision carries: an amount for a claim or a refund, the carrier and
 * tracking number for a claim (by default the report's parcel); a reship needs the order to ship.
 */
function decisionTerms(input: DecideInput, report: DamageReport): { amountFen: number | null; carrierCode: string | null; trackingNo: string | null } {
  const { decision } = input;
  if (decision === 'reship' && report.orderId === null) throw new AppError('CONFLICT', msg('damage.reshipNeedsOrder'));
  if (decision !== 'claim' && decision !== 'refund') return { amountFen: null, carrierCode: null, trackingNo: null };
  if (input.amountFen === null || input.amountFen <= 0) throw new AppError('INVALID_INPUT', msg('damage.amountRequired'));
  if (decision === 'refund') return { amountFen: input.amountFen, carrierCode: null, trackingNo: null };
  const carrierText = input.carrierCode?.trim() || report.carrierCode;
  const trackingNo = input.trackingNo?.trim() || report.trackingNo;
  if (!carrierText || !trackingNo) throw new AppError('INVALID_INPUT', msg('damage.claimNeedsParcel'));
  // The claim goes to a carrier's claims desk: a code no carrier has ('ABC') would be stored and printed
  // as is, so it is refused here; a name or alias a supervisor or a script types ('圆通') is its code.
  const carrier = findCarrier(carrierText);
  if (!carrier) throw new AppError('INVALID_INPUT', msg('damage.unknownCarrier', { carrier: carrierText }));
  // Refused here in words: the op's own check would name the field (trackingNo) instead.
  if (!trackingNoField.safeParse(trackingNo).success) throw new AppError('INVALID_INPUT', msg('damage.badTrackingNo', { tracking: trackingNo }));
  return { amountFen: input.amountFen, carrierCode: carrier.code, trackingNo };
}
