import { newId } from '../db/new-id';
import { AppError } from '#shared/contract/errors';
import { carrierNameMessage } from '#shared/domain/carriers';
import { beijingStamp } from '#shared/domain/datetime';
import { msg, type Message } from '#shared/i18n/message';
import type { DamageReason } from '#shared/contract/damage.contract';
import { HELD_SHOWN, NOT_HANDED_OVER_NAMED, type ExportSummary, type Shipment } from '#shared/contract/shipments.contract';
import { EXPORTED_PER_OP } from '#shared/ops/shipment-exported.op';
import type { VoidReasonCode } from '#shared/ops/shipment-voided.op';
import type { Order } from '#shared/contract/orders.contract';
import type { CarriersService } from '../carriers/carriers.service';
import type { WaybillPoolRepo } from '../carriers/waybill-pool.repo';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import type { AuditRepo } from '../session/audit.repo';
import type { Actor } from '../session/session.service';
import { BATCH_SHIP_FILE_NAME, toBatchShipCsv, toBatchShipXlsx } from './batch-ship-export';
import { planBatchShip, type BatchShipPlan } from './batch-ship-plan';
import { createExportParcelsRepo } from './export-parcels.repo';
import { partialSplitProblem } from './partial-check';
import type { ProviderWaybillsRepo } from '../waybills/provider-waybills.repo';
import type { ShipmentsRepo } from './shipments.repo';

/** Units leaving the shelf with a shipment: per SKU. */
export type ShippedUnits = ReadonlyMap<string, number>;

export type ShipInput = {
  order: Order;
  carrierCode: string;
  parcelCount: number;
  weightG: number | null;
  partial: boolean;
  units: ShippedUnits;
  actor: Actor;
  /** A reship (补发) of an order that already shipped: the report it answers and the parcel it replaces. */
  reship?: ShipmentReship | null | undefined;
};
export type ShipmentReship = { reportId: string; ofShipmentId: string | null; reason: DamageReason };

export type ExportOptions = { onlyNotExported: boolean; onlyHandedOver?: boolean | undefined };

const summaryOf = (p: BatchShipPlan): ExportSummary => ({
  rows: p.rows.length, parcels: p.mark.length, notHandedOver: p.notHandedOver.length, notHandedOverNos: p.notHandedOver.slice(0, NOT_HANDED_OVER_NAMED),
  held: p.held.slice(0, HELD_SHOWN), heldCount: p.held.length, extra: p.extra.slice(0, HELD_SHOWN), extraCount: p.extra.length,
  changes: p.changes.slice(0, HELD_SHOWN), changeCount: p.changes.length,
  elsewhere: p.elsewhere.slice(0, HELD_SHOWN), elsewhereCount: p.elsewhere.length,
  handoversUsed: p.handoversUsed, onlyHandedOver: p.onlyHandedOver,
});

const POOL_LOW_WATER = 20;
/** SKUs named one by one when a parcel leaves the shelf short; the rest are counted. */
const SHORT_NAMED = 5;

/**
 * A parcel's part of the shipment's weight: the bench weighs (or the packer types) the whole
 * shipment once, so N parcels share it, the first ones taking the odd grams. Each parcel was
 * recorded, labelled and exported at the whole weight: two parcels of 1.03 kg made 2.06 kg.
 */
export function parcelShare(weightG: number | null, parcelNo: number, parcelCount: number): number | null {
  if (weightG === null || parcelCount <= 1) return weightG;
  return Math.floor(weightG / parcelCount) + (parcelNo <= weightG % parcelCount ? 1 : 0);
}

/**
 * Shipments: the waybill number is taken from the pool and committed together with the shipment,
 * the order state, the stock movement and their outbox ops, before anything is printed. A print
 * that fails afterwards never frees the number: reprint keeps it, void retires it.
 */
export function createShipmentsService(deps: {
  db: Db; repo: ShipmentsRepo; pool: WaybillPoolRepo; orders: OrdersRepo; carriers: CarriersService; recorder: OpRecorder; audit: AuditRepo;
  /** Numbers a provider issued for orders (取号): an order's own number goes before the pool. */
  providerWaybills: ProviderWaybillsRepo;
  /** A void or a ship asked a provider's cancel: send it now rather than at the next round. */
  afterCancelAsked?: () => void;
  /** What to do about an empty pool right now (reconnect to the hub, or import numbers). */
  emptyPoolAdvice?: () => Message;
  /** Units on the shelf (the sellable bucket) of a SKU, as this bench knows it. */
  onHand: (skuCode: string) => number;
}) {
  const { db, repo, pool, orders, carriers, recorder, audit, providerWaybills } = deps;
  const parcels = createExportParcelsRepo(db);
  const plan = (opts: ExportOptions) => planBatchShip({ parcels, order: (id) => orders.get(id) }, { all: !opts.onlyNotExported, onlyHandedOver: opts.onlyHandedOver });

  /**
   * "库存不足：MUG -2 · CUP -1", one line for the SKUs this parcel took below zero: a shop that books
   * no stock in sees it on every parcel, and it must not push the lines and the label off the bench.
   */
  const shortOfStock = (skuCodes: readonly string[]): Message[] => {
    const short = skuCodes.map((sku) => ({ sku, qty: deps.onHand(sku) })).filter((s) => s.qty < 0);
    if (short.length === 0) return [];
    const named = short.slice(0, SHORT_NAMED).map((s) => `${s.sku} ${s.qty}`);
    if (short.length > SHORT_NAMED) named.push(`+${short.length - SHORT_NAMED}`);
    return [msg('ship.stockNegative', { skus: named.join(' · ') })];
  };

  return {
    /**
     * Commits the shipment(s) of one order; returns them with any warnings (pool running low, SKUs
     * the shelf did not hold enough of). A parcel is physical: it ships even beyond stock, but the
     * packer is told which SKUs are now below zero.
     */
    create(input: ShipInput): { shipments: Shipment[]; warnings: Message[] } {
      const carrier = carriers.requireCarrier(input.carrierCode);
      // Read before the parcel exists: the split is judged against the parcels that left earlier.
      const splitProblem = input.partial && !input.reship ? partialSplitProblem(parcels, input.order, input.units) : null;
      const at = new Date().toISOString();
      let unused = 0;
      const ids = inTransaction(db, () => {
        // A reship ships an order again, once per report; anything else ships an order once.
        if (input.reship ? repo.reshipShipped(input.reship.reportId) : orders.get(input.order.id)?.packState === 'shipped') {
          throw new AppError('CONFLICT', msg(input.reship ? 'ship.reshipShipped' : 'ship.alreadyShipped', { order: input.order.externalId }));
        }
        const created: string[] = [];
        const trackingNos: string[] = [];
        // Parcels packed together share a group: the hub tells a second parcel from a second shipment.
        const groupId = newId();
        // A number fetched for this order (取号) is its first parcel's; 子母件 children go to the next ones.
        const issued = input.reship ? null : providerWaybills.readyFor(input.order.id);
        const own = issued?.main.carrierCode === carrier.code ? [issued.main, ...issued.children].map((w) => w.trackingNo) : [];
        for (let parcelNo = 1; parcelNo <= input.parcelCount; parcelNo++) {
          const id = parcelNo === 1 ? groupId : newId();
          const trackingNo = own[parcelNo - 1] ?? pool.take(carrier.code, id);
          if (trackingNo === null) {
            const advice = deps.emptyPoolAdvice?.() ?? msg('ship.poolAdvice.import');
            throw new AppError('POOL_EMPTY', msg('ship.poolEmpty', { carrier: carrierNameMessage(carrier.code), advice }), { carrierCode: carrier.code });
          }
          const shipment = {
            id, orderId: input.order.id, carrierCode: carrier.code, trackingNo, parcelNo, parcelCount: input.parcelCount,
            weightG: parcelShare(input.weightG, parcelNo, input.parcelCount), partial: input.partial, packerId: input.actor.userId, at, groupId, orderExternalId: input.order.externalId,
            reship: input.reship ?? null,
          };
          recorder.record('shipment.created', shipment, { at, actor: input.actor });
          created.push(id);
          trackingNos.push(trackingNo);
        }
        // The order left with another carrier than the one its number was fetched for: that number
        // will never be used, so it is cancelled at the provider rather than left live.
        if (issued && own.length === 0) {
          recorder.record('waybill.cancel-requested', { trackingNo: issued.main.trackingNo, reason: 'unused', at }, { at, actor: input.actor });
        }
        // Fewer parcels than the 子母件 numbers fetched (it fit in two boxes, not three): the children
        // past the last parcel will never be used either. Each is cancelled on its own; the parent
        // and the children on parcels stay live.
        const spare = own.slice(input.parcelCount);
        for (const trackingNo of spare) recorder.record('waybill.cancel-requested', { trackingNo, reason: 'unused', at }, { at, actor: input.actor });
        unused = spare.length + (issued && own.length === 0 ? 1 + issued.children.length : 0);
        // A multi-parcel shipment books its goods on its first parcel.
        for (const [skuCode, units] of input.units) {
          recorder.record('stock.delta', { id: newId(), skuCode, delta: -units, cause: 'ship', ref: groupId, note: '', bucket: 'sellable', kind: null }, { at, actor: input.actor });
        }
        if (input.partial || input.actor.authorizerId) {
          // What left and under which numbers: a partial ship's line must say what it let go without the rest.
          const units = [...input.units.values()].reduce((n, u) => n + u, 0);
          audit.record(input.actor, input.partial ? 'ship.partial' : 'ship', input.order.id, { shipments: created, trackingNos: trackingNos.slice(0, 50), units });
        }
        return created;
      });
      const warnings: Message[] = [];
      const shipments = ids.map((id) => repo.get(id) as Shipment);
      // A shop that prints only fetched numbers has no pool to run low.
      const pooled = shipments.some((s) => providerWaybills.get(s.trackingNo) === null);
      const free = pool.freeCount(carrier.code);
      if (pooled && free < POOL_LOW_WATER) warnings.push(msg('ship.poolLow', { carrier: carrierNameMessage(carrier.code), count: free }));
      warnings.push(...shortOfStock([...input.units.keys()]));
      if (splitProblem) warnings.push(msg('export.partialHeld', { reason: splitProblem }));
      if (unused > 0) {
        warnings.push(msg('ship.unusedCancelled', { count: unused }));
        deps.afterCancelAsked?.();
      }
      return { shipments, warnings };
    },

    /** The carrier of the number fetched for this order (取号), if one is ready: it decides the carrier. */
    issuedCarrier: (orderId: string): string | null => providerWaybills.readyFor(orderId)?.main.carrierCode ?? null,
    /** How many parcels the numbers fetched for this order are for (a 子母件's parent and children), if any are ready. */
    issuedParcels(orderId: string): number | null {
      const issued = providerWaybills.readyFor(orderId);
      return issued ? 1 + issued.children.length : null;
    },

    /** Records a successful print (first print or reprint). */
    markPrinted(id: string): Shipment {
      const at = new Date().toISOString();
      inTransaction(db, () => recorder.record('shipment.printed', { id, at }, { at }));
      return repo.get(id) as Shipment;
    },

    /**
     * Retires the number with a reason; the goods go back on the shelf and the order can ship again
     * (once no parcel of it is live), unless the reason's code holds it (订单取消/退款, shared/domain/void-hold).
     */
    void(id: string, { reason, reasonCode }: { reason: string; reasonCode: VoidReasonCode }, actor: Actor): Shipment {
      const shipment = repo.get(id);
      if (!shipment) throw new AppError('NOT_FOUND', msg('ship.notFound', { id }));
      const at = new Date().toISOString();
      inTransaction(db, () => {
        if (repo.get(id)?.voidedAt) throw new AppError('CONFLICT', msg('ship.alreadyVoid', { tracking: shipment.trackingNo }));
        // The sibling and the goods booked on this parcel are read before the void changes them.
        const sibling = repo.liveSibling(shipment);
        const booked = repo.stockBookedOn(id);
        recorder.record('shipment.voided', { id, reason, reasonCode, at }, { at, actor });
        // A provider's number is cancelled there too, by whoever holds the account, once online.
        const issued = providerWaybills.get(shipment.trackingNo);
        if (issued && issued.parentNo === null && issued.cancelState === null) {
          recorder.record('waybill.cancel-requested', { trackingNo: shipment.trackingNo, reason: 'voided', at }, { at, actor });
        }
        // The goods return to the shelf, unless they still travel in a sibling parcel of the same
        // shipment: then the booking moves to that parcel (the ledger only ever gains entries).
        for (const { skuCode, units } of booked) {
          recorder.record('stock.delta', { id: newId(), skuCode, delta: units, cause: 'void', ref: id, note: '', bucket: 'sellable', kind: null }, { at, actor });
          if (sibling) recorder.record('stock.delta', { id: newId(), skuCode, delta: -units, cause: 'ship', ref: sibling, note: '', bucket: 'sellable', kind: null }, { at, actor });
        }
        audit.record(actor, 'shipment.void', id, { trackingNo: shipment.trackingNo, reason });
      });
      deps.afterCancelAsked?.();
      return repo.get(id) as Shipment;
    },

    /** What the next 批量发货 file would hold, written and stamped by nothing. */
    exportPreview(opts: ExportOptions): ExportSummary {
      return summaryOf(plan(opts));
    },

    /** The 批量发货 file, CSV or XLSX; the parcels it answers for are stamped so the next export skips them. */
    async exportBatchShip(file: { encoding: 'gbk' | 'utf-8'; format: 'csv' | 'xlsx' }, opts: ExportOptions) {
      const planned = plan(opts);
      const bytes = file.format === 'xlsx' ? await toBatchShipXlsx(planned.rows) : toBatchShipCsv(planned.rows, { encoding: file.encoding });
      const at = new Date().toISOString();
      // One op per slice of parcels: every bench stamps them, so none uploads the same numbers again.
      inTransaction(db, () => {
        for (let i = 0; i < planned.mark.length; i += EXPORTED_PER_OP) recorder.record('shipment.exported', { ids: planned.mark.slice(i, i + EXPORTED_PER_OP), at }, { at });
      });
      // Named on the shop's clock: a file made at 01:12 in Beijing says 0112, whatever the PC's zone.
      const name = `${BATCH_SHIP_FILE_NAME}-${beijingStamp(at)}`;
      return { fileName: file.format === 'xlsx' ? `${name}.xlsx` : `${name}-${file.encoding}.csv`, base64: Buffer.from(bytes).toString('base64'), ...summaryOf(planned) };
    },
  };
}
export type ShipmentsService = ReturnType<typeof createShipmentsService>;
