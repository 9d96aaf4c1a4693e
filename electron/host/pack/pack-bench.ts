import type { BenchLine, BenchOutcome, BenchState, ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { HOLD_KEY } from '#shared/domain/void-hold';
import { msg, type Message } from '#shared/i18n/message';
import type { Order } from '#shared/contract/orders.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import type { CarriersService } from '../carriers/carriers.service';
import type { CatalogRepo } from '../catalog/catalog.repo';
import type { Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import type { AuditRepo } from '../session/audit.repo';
import type { Actor, SessionService } from '../session/session.service';
import type { SettingsService } from '../settings/settings.service';
import type { ShipmentsRepo } from '../shipments/shipments.repo';
import type { ShipmentsService } from '../shipments/shipments.service';
import type { ReshipBench } from '../reship/reship-bench';
import type { ReshipRequest } from '../reship/reship.repo';
import type { PackProgressRepo } from './pack-progress.repo';
import { createWeighing, type ScaleLinkStatus } from './weighing';

export type PackDeps = {
  db: Db; recorder: OpRecorder; audit: AuditRepo; orders: OrdersRepo; catalog: CatalogRepo; progress: PackProgressRepo; shipments: ShipmentsService;
  shipmentsRepo: ShipmentsRepo; carriers: CarriersService; session: SessionService; settings: SettingsService;
  /** How far this bench has pulled the shop's log: a barcode bind says what it had seen. */
  syncCursor: () => number;
  /** Reships (补发): an order that shipped opens for one at the bench, packed and shipped through this same path. */
  reship: ReshipBench;
  /** Starts printing committed shipments (with an actor: again, at their say); resolves when the printer has the bytes (or failed). */
  printShipments: (ids: readonly string[], reprintedBy?: Actor) => Promise<unknown>;
  /** The packing slip's moments (the slip service prints when the bench's trigger matches); never blocks. */
  slipAt?: (moment: 'open' | 'ship', orderId: string) => void;
  /**
   * The bench changed. 'answer': the caller gets this state in its answer, so only other windows
   * need telling; 'change': something else changed it (a print, a pull, an import): tell everyone.
   */
  onState: (state: BenchState, cause: 'answer' | 'change') => void;
  /** Claims the order for this station; returns the other station's name when it was claimed there first. */
  claimOrder: (orderId: string) => string | null;
  /** The scale's link, or null when no scale is set up: a connected scale weighs before auto-ship. */
  scaleStatus: () => ScaleLinkStatus | null;
  /** Puts a weight mismatch in the supervisor's flags list (a flag this bench keeps). */
  raiseWeightFlag: (order: Order, detail: { weightG: number; expectedG: number; deviationG: number }) => void;
  /**
   * The weight of a mismatch the order still has open in the inbox (raised since its last parcel,
   * not resolved), read once when the order opens: it holds the order as it did before.
   */
  heldWeightMismatch?: (orderId: string) => number | null;
  /** A supervisor accepted the weight here: the order's open mismatch in the inbox says so. */
  weightAccepted: (orderId: string, message: Message) => void;
};

/** The open order with what the bench shows of it (a reship's line instead of the order's); the SKU weights are read once, not per scan. */
export type OpenOrder = { order: Order; lines: BenchLine[]; shipments: Shipment[]; itemsWeightG: number | null; reship: ReshipRequest | null };
export type ShipOptions = {
  carrierCode?: string | undefined; weightG?: number | undefined; parcelCount: number; partial: boolean; authorizerPin?: string | undefined;
};
/** The ship form as the packer left it for one order (bench.shipChoice). */
export type ShipChoice = { orderId: string; carrierCode: string | null; weightG: number | null; parcelCount: number };
type RecordedOutcome = Exclude<BenchOutcome, 'weigh' | 'weight_mismatch' | 'confirm_switch'> | 'unbound_line';

export const SUPERVISORS = ['supervisor', 'admin'] as const;

/**
 * What every part of the bench shares: the open order (it survives a restart), the packer's ship
 * form, the parcel on the scale, and the bench's answer (its state, once per call).
 */
export function createPackBench(deps: PackDeps) {
  const { catalog, progress, session, settings } = deps;
  const bench = {
    deps,
    open: null as OpenOrder | null,
    /** The order a packer was asked about opening while another is part packed: scanning it again opens it. */
    switchAsked: null as string | null,
    choice: null as ShipChoice | null,
    weighing: createWeighing(),
    withChoice, load, hasShipped, skuOf, isComplete, blockOf, expectedWeight, checkWeight, carrierByRules,
    state, answer, result, record, progressKeyOf, close, requireOpen,
  };
  const { weighing } = bench;

  /**
   * What is not given comes from the packer's ship form for this order, else the rules, the scale and
   * one parcel — or as many as the numbers fetched for it (子母件): one parcel would leave the
   * children's labels, printed for the picker, on no parcel and never cancelled.
   */
  function withChoice(o: Partial<ShipOptions> & { partial: boolean }): ShipOptions {
    const open = bench.open;
    const c = bench.choice !== null && bench.choice.orderId === open?.order.id ? bench.choice : null;
    const fetched = open && !open.reship ? (deps.shipments.issuedParcels(open.order.id) ?? 1) : 1;
    return { ...o, carrierCode: o.carrierCode ?? c?.carrierCode ?? undefined, weightG: o.weightG ?? c?.weightG ?? undefined, parcelCount: o.parcelCount ?? c?.parcelCount ?? fetched };
  }

  function load(order: Order): OpenOrder {
    const shipments = deps.shipmentsRepo.ofOrder(order.id);
    const reship = deps.reship.openOf(order);
    if (reship) return { order, shipments, reship, ...deps.reship.load(reship, order) };
    const done = new Map(progress.progressOf(order.id).map((p) => [p.lineNo, p]));
    const lines = order.lines.map((l) => ({
      lineNo: l.lineNo, skuCode: l.skuCode, title: l.title, props: l.props, qty: l.qty,
      location: l.skuCode ? catalog.locationOf(l.skuCode) : '',
      image: l.skuCode ? catalog.imageOf(l.skuCode) : null,
      // Shipped whole (perhaps at another bench, which holds the scans): every unit left.
      verified: order.packState === 'shipped' ? l.qty : Math.min(done.get(l.lineNo)?.verified ?? 0, l.qty),
      forced: (done.get(l.lineNo)?.forced ?? 0) === 1,
    }));
    let itemsWeightG: number | null = 0;
    for (const l of order.lines) {
      const w = l.skuCode ? catalog.weightOf(l.skuCode) : null;
      itemsWeightG = w === null || itemsWeightG === null ? null : itemsWeightG + w * l.qty;
    }
    return { order, lines, shipments, itemsWeightG, reship: null };
  }
  /** The order has left (and is not open again for a reship): kept on the bench only for a reprint or a damage report. */
  function hasShipped(o: OpenOrder): boolean {
    return o.order.packState === 'shipped' && !o.reship;
  }
  // The order being packed survives a restart; one that shipped is done, and the bench starts empty
  // rather than at its "may not ship" alarm.
  const restored = progress.openOrderId();
  const restoredOrder = restored ? deps.orders.get(restored) : null;
  if (restoredOrder) {
    const reloaded = load(restoredOrder);
    if (hasShipped(reloaded)) progress.setOpenOrderId(null);
    else bench.open = reloaded;
  }

  /** The SKU a code in a line's text names, by SKU code or barcode, or null: what binding a line is checked against. */
  function skuOf(code: string): string | null {
    return catalog.exists(code) ? code : (catalog.lookupBarcode(code)?.skuCode ?? null);
  }
  function isComplete(o: OpenOrder): boolean {
    return o.lines.every((l) => l.verified >= l.qty);
  }
  function blockOf(o: OpenOrder): Message | null {
    const block = o.order.blockedReason;
    if (block?.key === HOLD_KEY) return heldBy(o, block);
    return block ?? (hasShipped(o) ? msg('blocked.alreadyShipped') : null);
  }
  /** A hold names the void and who voided it, so the packer knows whom to ask (and nobody packs a refunded order). */
  function heldBy(o: OpenOrder, block: Message): Message {
    const voided = o.shipments.find((s) => s.trackingNo === block.params?.tracking && s.voidedAt !== null);
    if (!voided) return block;
    const by = deps.shipmentsRepo.voidedBy(voided.id);
    return msg(by === null ? 'blocked.voidHeldAt' : 'blocked.voidHeldBy', { tracking: voided.trackingNo, at: voided.voidedAt ?? '', ...(by !== null && { by }) });
  }
  function expectedWeight(o: OpenOrder): number | null {
    return o.itemsWeightG === null ? null : o.itemsWeightG + settings.get().packagingWeightG;
  }
  /** The weight check on what the scale settled (or the packer typed) against the order's expected weight. */
  function checkWeight(o: OpenOrder) {
    return weighing.check(expectedWeight(o), { pct: settings.get().weightTolerancePct, g: settings.get().weightToleranceG });
  }
  /** The carrier a parcel takes when the packer picks none: a number fetched for the order (取号), else the rules'. Throws when they choose none. */
  function carrierByRules(o: OpenOrder, weightG: number | null, skuCodes: string[]): string {
    return (o.reship ? null : deps.shipments.issuedCarrier(o.order.id)) ??
      deps.carriers.choose({ province: o.order.receiver.province, weightG: weightG ?? expectedWeight(o), skuCodes });
  }
  /**
   * The carrier shipOpen takes when none is chosen, shown beside "按规则自动选择" so a rule that
   * sends the order to a carrier with no numbers is seen before the last scan. Worked out once per
   * order and weight, not on every scan.
   */
  let autoCarrierOf: { key: string; code: string | null } | null = null;
  function autoCarrier(o: OpenOrder): string | null {
    if (o.reship) return null;
    const weightG = withChoice({ partial: false }).weightG ?? weighing.settledG();
    const key = `${o.order.id}|${weightG}|${o.shipments.length}`;
    if (autoCarrierOf?.key !== key) {
      let code: string | null;
      try {
        code = carrierByRules(o, weightG ?? null, o.lines.flatMap((l) => (l.skuCode ? [l.skuCode] : [])));
      } catch {
        code = null; // No rule, no default and several carriers: the packer picks one.
      }
      autoCarrierOf = { key, code };
    }
    return autoCarrierOf.code;
  }
  function state(): BenchState {
    const { open } = bench;
    return {
      order: open && {
        id: open.order.id, externalId: open.order.externalId, platformStatus: open.order.platformStatus,
        buyerNick: open.order.buyerNick, receiverName: open.order.receiver.name, province: open.order.receiver.province,
        city: open.order.receiver.city, buyerMessage: open.order.buyerMessage, sellerMemo: open.order.sellerMemo,
        shipDeadline: open.order.shipDeadline, blockedReason: blockOf(open), reship: open.reship && deps.reship.shown(open.reship),
        autoCarrier: autoCarrier(open),
      },
      lines: open?.lines ?? [],
      complete: open ? isComplete(open) : false,
      shipments: open?.shipments ?? [],
      expectedWeightG: open ? expectedWeight(open) : null,
      weighing: (() => {
        const scale = deps.scaleStatus();
        // Without a scale the strip shows only a typed weight's hold (and its supervisor button).
        if (scale === null) return weighing.holds() ? weighing.view('none') : null;
        return weighing.view(scale);
      })(),
    };
  }
  /** The state once per call: in the caller's answer, and to the other windows. */
  function answer(): BenchState {
    const s = state();
    deps.onState(s, 'answer');
    return s;
  }
  function result(outcome: BenchOutcome, scanId: string | null, detail: Record<string, string> = {}, extra: Partial<ScanResult> = {}): ScanResult {
    return { scanId, outcome, detail, state: answer(), shipment: null, print: null, warnings: [], ...extra };
  }
  function record(code: string, outcome: RecordedOutcome, extra: { skuCode?: string; lineNo?: number; units?: number } = {}, countsToward = false): string {
    const { open } = bench;
    return progress.record({ orderId: open?.order.id ?? null, packerId: session.user()?.id ?? null, code, outcome, ...extra, progressKey: progressKeyOf(open) }, { countsToward });
  }
  function progressKeyOf(o: OpenOrder | null): string | undefined {
    return o?.reship ? deps.reship.progressKey(o.reship) : undefined;
  }
  function close(): void {
    bench.open = null;
    bench.choice = null;
    progress.setOpenOrderId(null);
  }
  function requireOpen(): OpenOrder {
    if (!bench.open) throw new AppError('NOT_FOUND', msg('pack.scanOrderFirst'));
    return bench.open;
  }

  return bench;
}
export type PackBench = ReturnType<typeof createPackBench>;
