import { AppError } from '#shared/contract/errors';
import type { BenchRef } from '#shared/contract/common';
import type { DamageReason } from '#shared/contract/damage.contract';
import type { ReturnCondition, ReturnLookup, ReturnRecord } from '#shared/contract/returns.contract';
import { msg, type Message } from '#shared/i18n/message';
import type { StockBucket } from '#shared/ops/stock-delta.op';
import type { CatalogRepo } from '../catalog/catalog.repo';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import type { OtherBench } from '../session/person-name';
import type { ShipmentsRepo } from '../shipments/shipments.repo';
import type { Actor } from '../session/session.service';
import { createReturnsRepo } from './returns.repo';

export type ReceiveInput = {
  ref: string | null;
  allowUnknown: boolean;
  items: { skuCode: string; qty: number; condition: ReturnCondition; reason: DamageReason | null }[];
  photoHashes: string[];
  note: string;
};

/** Asks for a supervisor's authority (their login or PIN) for a return the order does not account for, saying why; their actor. */
export type Supervise = (why: Message) => Actor;

/** Units per SKU of an order's lines. */
function unitsOfLines(lines: readonly { skuCode: string | null; qty: number }[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const l of lines) if (l.skuCode) units.set(l.skuCode, (units.get(l.skuCode) ?? 0) + l.qty);
  return units;
}

const BUCKET: Record<Exclude<ReturnCondition, 'missing'>, StockBucket> = { good: 'sellable', defective: 'damaged' };

/**
 * 退货入库: a returned parcel is looked up by its tracking number or order, and received item by
 * item in one transaction: the return, good units back on the shelf, defective units into the
 * damaged bucket each with a damage report (source 'return'), missing units only noted. A parcel
 * that matches no order is kept as an unknown return.
 */
export function createReturnsService(deps: {
  db: Db; recorder: OpRecorder; orders: OrdersRepo; shipments: ShipmentsRepo; catalog: CatalogRepo;
  /** An order id, platform order number or tracking number → the order and parcel (NOT_FOUND otherwise). */
  lookupOrder: (ref: string) => { orderId: string; shipmentId: string | null };
  benchRef: (stationId: string) => BenchRef; otherBench: OtherBench;
}) {
  const { db, recorder, catalog } = deps;
  const repo = createReturnsRepo(db, deps.benchRef, deps.otherBench);

  /**
   * The order and parcel a scanned number names. An order number names no parcel itself: the order's only live
   * parcel is the one that came back; with several (a partial shipment) which one is not known, so none is linked.
   */
  function find(ref: string): { orderId: string; shipmentId: string | null } | null {
    let found: { orderId: string; shipmentId: string | null };
    try {
      found = deps.lookupOrder(ref);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
    if (found.shipmentId !== null) return found;
    const live = deps.shipments.ofOrder(found.orderId).filter((s) => s.voidedAt === null);
    return live.length === 1 ? { orderId: found.orderId, shipmentId: live[0]!.id } : found;
  }

  type Lines = readonly { skuCode: string | null; qty: number }[];

  /** Units per SKU the parcel took off the shelf, or the order's lines when no parcel is known. */
  function expected(lines: Lines, shipmentId: string | null): Map<string, number> {
    const units = new Map<string, number>();
    for (const b of shipmentId ? deps.shipments.stockBookedOn(shipmentId) : []) units.set(b.skuCode, (units.get(b.skuCode) ?? 0) + b.units);
    return units.size > 0 ? units : unitsOfLines(lines);
  }

  /** A SKU code, or a barcode of one (a case barcode counts its units). */
  function resolveSku(code: string): { skuCode: string; units: number } {
    if (catalog.exists(code)) return { skuCode: code, units: 1 };
    const hit = catalog.lookupBarcode(code);
    if (hit) return { skuCode: hit.skuCode, units: hit.units };
    throw new AppError('NOT_FOUND', msg('returns.skuNotFound', { sku: code }));
  }

  /**
   * Units of a SKU that left, as earlier returns are counted: over the whole order. This parcel's units, or the
   * order's own lines when they are more (a partial shipment's other parcel may carry the same SKU).
   */
  function shippedOf(parcel: ReadonlyMap<string, number>, lines: Lines) {
    const ordered = unitsOfLines(lines);
    return (sku: string) => Math.max(parcel.get(sku) ?? 0, ordered.get(sku) ?? 0);
  }

  /**
   * Why the order cannot account for these units, or null: it has not shipped yet, or with what earlier
   * returns brought back they come to more of a SKU than its parcel carried (the same parcel received
   * twice, a unit counted twice, another product). Real goods on the bench may still be taken in, by a supervisor.
   */
  function unaccounted(found: { orderId: string; shipmentId: string | null }, items: { skuCode: string; qty: number; condition: ReturnCondition }[]): Message | null {
    const order = deps.orders.get(found.orderId);
    if (!order) return null;
    if (found.shipmentId === null && order.packState !== 'shipped' && (order.platformStatus === 'WAIT_SELLER_SEND_GOODS' || order.platformStatus === null)) {
      return msg('returns.notShipped', { order: order.externalId });
    }
    const shipped = shippedOf(expected(order.lines, found.shipmentId), order.lines);
    const back = repo.backOf(found.orderId);
    const now = new Map<string, number>();
    for (const i of items) if (i.condition !== 'missing') now.set(i.skuCode, (now.get(i.skuCode) ?? 0) + i.qty);
    // Every SKU the order does not account for, each said: a supervisor confirms what they were told of.
    const over: Message[] = [];
    for (const [sku, qty] of now) {
      const earlier = back.get(sku) ?? 0;
      const left = shipped(sku);
      if (qty + earlier <= left) continue;
      over.push(left === 0 ? msg('returns.notInParcel', { sku, count: qty }) : msg('returns.overShipped', { sku, total: qty + earlier, shipped: left, earlier }));
    }
    const what = over.reduceRight<Message | null>((rest, m) => (rest ? msg('returns.andAlso', { first: m, rest }) : m), null);
    return what && msg('returns.moreThanShipped', { what });
  }

  return {
    lookup(ref: string): ReturnLookup | null {
      const found = find(ref);
      if (!found) return null;
      const order = deps.orders.get(found.orderId);
      if (!order) return null;
      const parcel = found.shipmentId ? deps.shipments.get(found.shipmentId) : null;
      const parcelUnits = expected(order.lines, found.shipmentId);
      const shipped = shippedOf(parcelUnits, order.lines);
      const back = repo.backOf(order.id);
      return {
        ref,
        order: { id: order.id, externalId: order.externalId, receiverName: order.receiver.name, buyerNick: order.buyerNick, shipped: order.packState === 'shipped' },
        parcel: parcel ? { id: parcel.id, trackingNo: parcel.trackingNo, carrierCode: parcel.carrierCode } : null,
        // What is still to come back: no more than the parcel carried, nor than earlier returns of the order left (as receive counts them).
        expected: [...parcelUnits].map(([skuCode, qty]) => {
          const returned = back.get(skuCode) ?? 0;
          return { skuCode, skuName: catalog.nameOf(skuCode), qty: Math.max(0, Math.min(qty, shipped(skuCode) - returned)), returned };
        }),
        earlier: repo.ofOrder(order.id),
      };
    },

    receive(input: ReceiveInput, packer: Actor, supervise: Supervise): ReturnRecord {
      const found = input.ref === null ? null : find(input.ref);
      if (input.ref !== null && !found && !input.allowUnknown) throw new AppError('NOT_FOUND', msg('returns.notFound', { ref: input.ref }));
      const items = input.items.map((i) => {
        const { skuCode, units } = resolveSku(i.skuCode);
        return { skuCode, qty: i.qty * units, condition: i.condition, reason: i.condition === 'defective' ? (i.reason ?? 'broken') : null };
      });
      if (found && items.length === 0) throw new AppError('INVALID_INPUT', msg('returns.nothingMarked'));
      // Missing is counted against the parcel that left: an unknown return has none to miss from.
      const missing = items.find((i) => i.condition === 'missing');
      if (!found && missing) throw new AppError('INVALID_INPUT', msg('returns.missingUnknown', { sku: missing.skuCode }));
      // A defective unit becomes a damage report; 其他 says what in the note.
      if (items.some((i) => i.reason === 'other') && input.note.trim() === '') throw new AppError('INVALID_INPUT', msg('returns.noteRequired'));
      const why = found ? unaccounted(found, items) : null;
      const actor = why ? supervise(why) : packer;
      const id = newId();
      const orderId = found?.orderId ?? null;
      const shipmentId = found?.shipmentId ?? null;
      inTransaction(db, () => {
        recorder.record('return.received', {
          id, orderId, shipmentId, trackingNo: input.ref, items, photoHashes: input.photoHashes, note: input.note, confirmed: why !== null,
        }, { actor });
        // One movement per SKU and bucket: the hub books them against what the return lists.
        const moves = new Map<string, { skuCode: string; bucket: StockBucket; qty: number }>();
        for (const i of items) {
          if (i.condition === 'missing') continue;
          const bucket = BUCKET[i.condition];
          const key = `${bucket} ${i.skuCode}`;
          moves.set(key, { skuCode: i.skuCode, bucket, qty: (moves.get(key)?.qty ?? 0) + i.qty });
        }
        for (const m of moves.values()) {
          recorder.record('stock.delta', { id: newId(), skuCode: m.skuCode, delta: m.qty, cause: 'return', ref: id, note: '', bucket: m.bucket, kind: null }, { actor });
        }
        // The return's note is about the parcel (买家七天无理由), not the damage: it stays with the return the report
        // links, and is the report's description only where 其他 demanded it say what is wrong.
        for (const i of items.filter((x) => x.condition === 'defective')) {
          recorder.record('damage.reported', {
            id: newId(), orderId, shipmentId, skuCode: i.skuCode, qty: i.qty, reason: i.reason ?? 'broken', source: 'return', note: i.reason === 'other' ? input.note : '',
            weightG: null, photoHashes: input.photoHashes, returnId: id,
          }, { actor });
        }
      });
      return repo.require(id);
    },

    list: repo.list,
    get: repo.require,
  };
}
export type ReturnsService = ReturnType<typeof createReturnsService>;
