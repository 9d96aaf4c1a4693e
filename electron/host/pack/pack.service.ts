import { benchCommands, type BenchCommand, type BenchLine, type BenchOutcome, type BenchState, type ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { msg, type Message } from '#shared/i18n/message';
import { labelsShippedWith } from '#shared/domain/shipment-labels';
import type { Order } from '#shared/contract/orders.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import type { CarriersService } from '../carriers/carriers.service';
import type { CatalogRepo } from '../catalog/catalog.repo';
import { inTransaction, type Db } from '../db/open-database';
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
import { bindingFit, progressOf, skusNamedBy, unboundLinesDetail, unitsLeaving, unitsNeeded } from './scan-details';
import { createWeighing, type ScaleLinkStatus } from './weighing';
import { scanArrived } from '../workers/yield-to-scans';

/** The open order with what the bench shows of it (a reship's line instead of the order's); the SKU weights are read once, not per scan. */
type OpenOrder = { order: Order; lines: BenchLine[]; shipments: Shipment[]; itemsWeightG: number | null; reship: ReshipRequest | null };
export type ShipOptions = {
  carrierCode?: string | undefined; weightG?: number | undefined; parcelCount: number; partial: boolean; authorizerPin?: string | undefined;
};
/** The ship form as the packer left it for one order (bench.shipChoice). */
type ShipChoice = { orderId: string; carrierCode: string | null; weightG: number | null; parcelCount: number };

const SUPERVISORS = ['supervisor', 'admin'] as const;
const isCommand = (code: string): code is BenchCommand => (benchCommands as readonly string[]).includes(code.toUpperCase());

/** A Taobao-style order number: 15–20 digits (item barcodes are 8–14: EAN, UPC, ITF-14). */
const ORDER_NUMBER = /^\d{15,20}$/;

/**
 * The bench: one scan in, one outcome out. Item scans are matched against the open order's lines
 * (a barcode may be a case pack worth N units); every scan is committed before it is answered;
 * the last right item ships the order when auto-complete is on.
 */
export function createPackService(deps: {
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
}) {
  const { orders, catalog, progress, session, settings } = deps;
  let open: OpenOrder | null = null;
  /** The order a packer was asked about opening while another is part packed: scanning it again opens it. */
  let switchAsked: string | null = null;
  let choice: ShipChoice | null = null;
  const weighing = createWeighing();
  /** What is not given comes from the packer's ship form for this order, else the rules, the scale and one parcel. */
  const withChoice = (o: Partial<ShipOptions> & { partial: boolean }): ShipOptions => {
    const c = choice !== null && choice.orderId === open?.order.id ? choice : null;
    return { ...o, carrierCode: o.carrierCode ?? c?.carrierCode ?? undefined, weightG: o.weightG ?? c?.weightG ?? undefined, parcelCount: o.parcelCount ?? c?.parcelCount ?? 1 };
  };

  const load = (order: Order): OpenOrder => {
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
  };
  /** The order has left (and is not open again for a reship): kept on the bench only for a reprint or a damage report. */
  const hasShipped = (o: OpenOrder) => o.order.packState === 'shipped' && !o.reship;
  // The order being packed survives a restart; one that shipped is done, and the bench starts empty
  // rather than at its "may not ship" alarm.
  const restored = progress.openOrderId();
  const restoredOrder = restored ? orders.get(restored) : null;
  if (restoredOrder) {
    const reloaded = load(restoredOrder);
    if (hasShipped(reloaded)) progress.setOpenOrderId(null);
    else open = reloaded;
  }

  /** The SKU a code in a line's text names, by SKU code or barcode, or null: what binding a line is checked against. */
  const skuOf = (code: string): string | null => (catalog.exists(code) ? code : (catalog.lookupBarcode(code)?.skuCode ?? null));
  const isComplete = (o: OpenOrder) => o.lines.every((l) => l.verified >= l.qty);
  const blockOf = (o: OpenOrder): Message | null =>
    o.order.blockedReason ?? (hasShipped(o) ? msg('blocked.alreadyShipped') : null);
  const expectedWeight = (o: OpenOrder): number | null =>
    o.itemsWeightG === null ? null : o.itemsWeightG + settings.get().packagingWeightG;
  /** The weight check on what the scale settled (or the packer typed) against the order's expected weight. */
  const checkWeight = (o: OpenOrder) => weighing.check(expectedWeight(o), { pct: settings.get().weightTolerancePct, g: settings.get().weightToleranceG });
  /** The carrier a parcel takes when the packer picks none: a number fetched for the order (取号), else the rules'. Throws when they choose none. */
  const carrierByRules = (o: OpenOrder, weightG: number | null, skuCodes: string[]): string =>
    (o.reship ? null : deps.shipments.issuedCarrier(o.order.id)) ??
    deps.carriers.choose({ province: o.order.receiver.province, weightG: weightG ?? expectedWeight(o), skuCodes });
  /**
   * The carrier shipOpen takes when none is chosen, shown beside "按规则自动选择" so a rule that
   * sends the order to a carrier with no numbers is seen before the last scan. Worked out once per
   * order and weight, not on every scan.
   */
  let autoCarrierOf: { key: string; code: string | null } | null = null;
  const autoCarrier = (o: OpenOrder): string | null => {
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
  };
  const state = (): BenchState => ({
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
  });
  /** The state once per call: in the caller's answer, and to the other windows. */
  const answer = (): BenchState => {
    const s = state();
    deps.onState(s, 'answer');
    return s;
  };
  const result = (outcome: BenchOutcome, scanId: string | null, detail: Record<string, string> = {}, extra: Partial<ScanResult> = {}): ScanResult => ({
    scanId, outcome, detail, state: answer(), shipment: null, print: null, warnings: [], ...extra,
  });
  const record = (code: string, outcome: Exclude<BenchOutcome, 'weigh' | 'weight_mismatch' | 'confirm_switch'>, extra: { skuCode?: string; lineNo?: number; units?: number } = {}, countsToward = false) =>
    progress.record({ orderId: open?.order.id ?? null, packerId: session.user()?.id ?? null, code, outcome, ...extra, progressKey: progressKeyOf(open) }, { countsToward });
  const progressKeyOf = (o: OpenOrder | null) => (o?.reship ? deps.reship.progressKey(o.reship) : undefined);

  function openOrder(order: Order, code: string): ScanResult {
    // The open order, the claim and the scan in one commit: one fsync for the packer to wait on, not three.
    const { blocked, outcome, scanId, warnings } = inTransaction(deps.db, () => {
      const opened = load(order);
      open = opened;
      choice = null;
      weighing.forOrder(order.id, deps.heldWeightMismatch?.(order.id) ?? null);
      progress.setOpenOrderId(order.id);
      const blocked = blockOf(opened);
      const outcome = blocked ? 'blocked' : 'opened';
      // A reship is its own parcel, packed wherever: the order's first claim is not in question (two parcels for one reship are flagged at the hub).
      const claimedBy = blocked || opened.reship ? null : deps.claimOrder(order.id);
      const warnings = claimedBy ? [msg('pack.claimedElsewhere', { station: claimedBy })] : [];
      return { blocked, outcome, scanId: record(code, outcome), warnings } as const;
    });
    if (!blocked) deps.slipAt?.('open', order.id);
    return result(outcome, scanId, { orderId: order.externalId }, { warnings });
  }

  function verifyItem(current: OpenOrder, code: string, hit: { skuCode: string; units: number }): ScanResult {
    const candidates = current.lines.filter((l) => l.skuCode === hit.skuCode);
    const detail = { barcode: code, skuCode: hit.skuCode, units: String(hit.units) };
    if (candidates.length === 0) {
      return result('wrong_item', record(code, 'wrong_item', { skuCode: hit.skuCode }), { ...detail, ...unboundLinesDetail(current.lines, hit.skuCode, skuOf) });
    }
    const line = candidates.find((l) => l.verified + hit.units <= l.qty);
    if (!line) {
      // A case pack on a line needing fewer is not "full": the panel says how many the line still needs.
      return result('over_scan', record(code, 'over_scan', { skuCode: hit.skuCode }), { ...detail, needs: String(unitsNeeded(current.lines, hit.skuCode)) });
    }
    const scanId = record(code, 'verified', { skuCode: hit.skuCode, lineNo: line.lineNo, units: hit.units }, true);
    line.verified += hit.units;
    return completeIfLast(current, scanId, { ...detail, lineNo: String(line.lineNo) });
  }

  /** After a line gained units (scanned or forced): the last one ships the order when auto-complete is on. */
  function completeIfLast(current: OpenOrder, scanId: string, detail: Record<string, string>): ScanResult {
    if (isComplete(current) && settings.get().autoCompleteOnLastScan) {
      const scale = deps.scaleStatus();
      const typed = withChoice({ partial: false }).weightG;
      // With a scale set up the shop weighs every parcel, and it waits for a weight (the weight may have
      // settled already). Unplugged, a weight typed on the ship form stands in; else it waits and the
      // bench asks for one: shipping unweighed only when the cable came out before the last scan was
      // the same parcel going out two ways.
      if (scale !== null && !weighing.accepted()) {
        if (scale !== 'connected' && typed !== undefined && weighing.settledG() !== typed) weighing.settled(typed, 'typed');
        if (scale !== 'connected' && weighing.settledG() === null && weighing.holds()) return heldResult(current, scanId, detail);
        return weighAndShip(current, scanId, detail) ?? result('weigh', scanId, detail);
      }
      // A mismatch still open holds it without a scale too, until a supervisor accepts.
      if (weighing.holds()) return heldResult(current, scanId, detail);
      // A weight typed on the ship form is checked as a scale's would be.
      if (typed !== undefined && !weighing.accepted()) {
        weighing.settled(typed, 'typed');
        return weighAndShip(current, scanId, detail) ?? result('weigh', scanId, detail);
      }
      return shipped(scanId, detail, shipOpen(withChoice({ partial: false })));
    }
    return result('verified', scanId, detail);
  }

  /**
   * Another order scanned while this one is part packed is one already shipped (not open for a
   * reship): say so and stay. Asking "switch?" first only to say "shipped" after cost a scan and
   * left the half-packed order.
   */
  const shippedAlready = (current: OpenOrder, next: Order) =>
    next.id !== current.order.id && next.packState === 'shipped' && next.blockedReason === null && deps.reship.openOf(next) === null &&
    progressOf(current.lines).verified > 0;

  /**
   * Another order scanned while this one is part packed (and not shipped): ask before leaving it.
   * Nothing is recorded: it is a question; the scan that answers it opens the order (or counts an item).
   */
  function askSwitch(current: OpenOrder, next: Order, asked: string | null): ScanResult | null {
    const { verified, units } = progressOf(current.lines);
    if (next.id === current.order.id || verified === 0 || asked === next.id) return null;
    switchAsked = next.id;
    return result('confirm_switch', null, {
      orderId: next.externalId, fromOrderId: current.order.externalId, verified: String(verified), units: String(units), code: next.externalId,
    });
  }

  const shipped = (scanId: string | null, detail: Record<string, string>, created: ReturnType<typeof shipOpen>) =>
    result('completed', scanId, { ...detail, trackingNo: created.shipments[0]?.trackingNo ?? '' }, {
      shipment: created.shipments[0] ?? null, warnings: created.warnings,
    });

  /**
   * The expected-weight check on the settled weight of a fully verified order: within tolerance it
   * ships (auto-complete on); outside it raises a flag and holds the order. Null: nothing settled yet.
   */
  function weighAndShip(current: OpenOrder, scanId: string | null, detail: Record<string, string>): ScanResult | null {
    const expectedG = expectedWeight(current);
    const status = checkWeight(current);
    const weightG = weighing.settledG();
    if (status === 'waiting' || weightG === null) return null;
    const weightDetail = { ...detail, weightG: String(weightG), expectedG: String(expectedG ?? '') };
    if ((status === 'light' || status === 'heavy') && weighing.holds() && expectedG !== null) {
      const view = weighing.view('connected');
      deps.raiseWeightFlag(current.order, { weightG, expectedG, deviationG: view.deviationG });
      return result('weight_mismatch', scanId, { ...weightDetail, deviationG: String(view.deviationG) });
    }
    // Within tolerance now, but this parcel weighed wrong before: only a supervisor lets it out.
    if (weighing.holds()) return heldResult(current, scanId, detail);
    if (!settings.get().autoCompleteOnLastScan) return result('verified', scanId, weightDetail);
    return shipped(scanId, weightDetail, shipOpen(withChoice({ partial: false, weightG })));
  }

  /**
   * A mismatch no supervisor accepted: the answer is a mismatch again, with the weight that did not
   * match (`heldG`) beside today's. Nothing new goes to the inbox: its row is still there.
   */
  function heldResult(current: OpenOrder, scanId: string | null, detail: Record<string, string>): ScanResult {
    const expectedG = expectedWeight(current);
    const weightG = weighing.settledG();
    const view = weighing.view('connected');
    return result('weight_mismatch', scanId, {
      ...detail, expectedG: String(expectedG ?? ''), heldG: String(weighing.mismatchG() ?? ''),
      ...(weightG === null ? {} : { weightG: String(weightG), deviationG: String(view.deviationG) }),
    });
  }

  function runCommand(command: BenchCommand): ScanResult {
    const detail = { command };
    switch (command) {
      case 'PD:CANCEL':
      case 'PD:NEXT':
        close();
        return result('command', null, detail);
      case 'PD:LOGOUT':
        session.logout();
        return result('command', null, detail);
      // The bench opens its damage form (or snaps a photo in it): the order stays as it is.
      case 'PD:DAMAGE':
      case 'PD:PHOTO':
        return result('command', null, detail);
      case 'PD:SHIP':
      case 'PD:PARTIAL': {
        const shipped = shipOpen(withChoice({ partial: command === 'PD:PARTIAL' }));
        return result('completed', null, { ...detail, trackingNo: shipped.shipments[0]?.trackingNo ?? '' }, {
          shipment: shipped.shipments[0] ?? null, warnings: shipped.warnings,
        });
      }
      case 'PD:REPRINT': {
        const live = open?.shipments.filter((s) => !s.voidedAt) ?? [];
        const last = live.at(-1);
        if (!last) throw new AppError('NOT_FOUND', msg('pack.nothingToReprint'));
        const labels = labelsShippedWith(live, last);
        // A label on paper a second time is what a supervisor checks when a number may be on two parcels.
        void deps.printShipments(labels.map((s) => s.id), session.authorize(['packer', ...SUPERVISORS]));
        return result('command', null, { ...detail, trackingNo: labels.map((s) => s.trackingNo).join(' · ') });
      }
    }
  }

  function close(): void {
    open = null;
    choice = null;
    progress.setOpenOrderId(null);
  }

  function requireOpen(): OpenOrder {
    if (!open) throw new AppError('NOT_FOUND', msg('pack.scanOrderFirst'));
    return open;
  }

  /**
   * A weight typed (not weighed: no scale has settled one) for a whole parcel goes through the
   * scale's check: outside the tolerance it holds the order for a supervisor and goes to the inbox
   * (its one row). Packers typed 2500 g for a 1563 g order and it shipped with only a warning on screen.
   * Typed again while held, it is checked again, so what leaves is the weight on the form: skipping
   * it shipped a 2-parcel order at the 800 g typed first (400 g a parcel) with 207 g on the form.
   * A mismatch a connected scale weighed is put right on the scale (its settled weight wins).
   */
  function checkTypedWeight(current: OpenOrder, weightG: number): void {
    if (weighing.accepted() || weighing.settledG() === weightG) return;
    if (weighing.holds() && weighing.settledG() !== null && !weighing.typed() && deps.scaleStatus() === 'connected') return;
    weighing.settled(weightG, 'typed');
    const expectedG = expectedWeight(current);
    const status = checkWeight(current);
    if ((status === 'light' || status === 'heavy') && expectedG !== null) {
      deps.raiseWeightFlag(current.order, { weightG, expectedG, deviationG: weighing.view('none').deviationG });
    }
  }

  /** Ships the open order; the caller answers with the state. */
  function shipOpen(options: ShipOptions) {
    const current = requireOpen();
    const blocked = blockOf(current);
    if (blocked) throw new AppError('BLOCKED', blocked);
    // A reship leaves whole: its one line is what the supervisor decided to send.
    const partial = options.partial && !current.reship;
    if (current.reship && !deps.reship.isOpen(current.reship)) throw new AppError('CONFLICT', msg('pack.reshipNotOpen', { order: current.order.externalId }));
    if (!partial && !isComplete(current)) throw new AppError('CONFLICT', msg('pack.notAllVerified'));
    if (!partial && options.weightG !== undefined) checkTypedWeight(current, options.weightG);
    if (!partial && weighing.holds()) {
      throw new AppError('CONFLICT', msg('pack.weightMismatch', { weight: weighing.mismatchG() ?? 0, expected: expectedWeight(current) ?? 0 }));
    }
    const { units, reship } = current.reship ? deps.reship.shipment(current.reship) : { units: unitsLeaving(current.lines, deps.shipmentsRepo.shippedUnits(current.order.id), partial), reship: null };
    if (partial && units.size === 0) throw new AppError('CONFLICT', msg('pack.nothingNewToShip'));
    // Asked only now: a shipment that cannot happen is refused before anyone is asked for a PIN.
    const actor = partial ? session.authorize(SUPERVISORS, options.authorizerPin) : session.authorize(['packer', ...SUPERVISORS]);
    const weightG = options.weightG ?? weighing.settledG();
    const carrierCode = options.carrierCode ?? carrierByRules(current, weightG, [...units.keys()]);
    const created = deps.shipments.create({ order: current.order, carrierCode, parcelCount: options.parcelCount, weightG, partial, units, actor, reship });
    current.order = orders.get(current.order.id) ?? current.order;
    // Shipped like any order: the next scan of it opens its next reship, if another is waiting.
    current.reship = null;
    current.shipments = deps.shipmentsRepo.ofOrder(current.order.id);
    void deps.printShipments(created.shipments.map((s) => s.id));
    deps.slipAt?.('ship', current.order.id);
    return created;
  }

  return {
    getState: state,
    /** The scale's settled weight now (a damage report files it), or null. */
    settledWeight: () => weighing.settledG(),
    cancel(): BenchState {
      close();
      return answer();
    },
    /**
     * Another user logged in at this bench: an order that has shipped, kept on the bench for a reprint
     * or a damage report, is put down. The next packer starts at an empty bench, not at a shipped
     * order's "may not ship" alarm for an order they never scanned.
     */
    userChanged(): void {
      if (!open || !hasShipped(open)) return;
      close();
      deps.onState(state(), 'change');
    },
    stay(): BenchState {
      switchAsked = null;
      return answer();
    },
    ship: (options: Partial<ShipOptions> & { partial: boolean }) => ({ ...shipOpen(withChoice(options)), print: null, state: answer() }),
    /** The packer changed the ship form: kept for the open order only. */
    shipChoice(c: ShipChoice): Record<string, never> {
      if (c.orderId === open?.order.id) choice = c;
      return {};
    },
    /** Reloads the open order after something else changed it (print stamped, void, re-import). */
    /** The scale connected or went away: every window shows it, order open or not. */
    scaleChanged: () => deps.onState(state(), 'change'),
    refresh(): void {
      if (!open) return;
      const order = orders.get(open.order.id);
      open = order ? load(order) : null;
      deps.onState(state(), 'change');
    },
    scan(raw: string): ScanResult {
      scanArrived();
      const code = raw.trim();
      const asked = switchAsked;
      switchAsked = null;
      if (isCommand(code)) return runCommand(code.toUpperCase() as BenchCommand);
      // A badge is looked up (a scrypt hash) only when the code is no item and no order: item scans stay fast.
      const badgeLogin = () => {
        const badge = session.loginWithBadge(code);
        return badge ? result('login', null, { name: badge.user?.name ?? '' }) : null;
      };
      if (!session.isActive()) return badgeLogin() ?? result('not_logged_in', record(code, 'not_logged_in'), { barcode: code });
      const hit = catalog.lookupBarcode(code);
      // The order being packed: open and allowed to ship (not blocked, not shipped already).
      const packing = open && !blockOf(open) ? open : null;
      if (packing && hit) return verifyItem(packing, code, hit);
      const found = orders.findByCode(code)[0] ?? orderOfWaybill(code);
      if (found && packing && shippedAlready(packing, found)) {
        return result('blocked', record(code, 'blocked'), { barcode: code, shippedOrder: found.externalId });
      }
      if (found) return (packing && askSwitch(packing, found, asked)) ?? openOrder(found, code);
      const login = hit ? null : badgeLogin();
      if (login) return login;
      // An item for an order that must not ship is refused as that order's (one more unit of a shipped
      // order too: its label is out); another item after one that shipped is the next parcel's, scanned
      // before its order: it is named, as with no order open.
      const nextParcel = open !== null && hit !== undefined && hasShipped(open) && !open.lines.some((l) => l.skuCode === hit.skuCode);
      if (open && hit && !nextParcel) return result('blocked', record(code, 'blocked', { skuCode: hit.skuCode }), { barcode: code });
      // A platform order number matching no order is one mistyped (or not imported yet), not an item to bind.
      if (ORDER_NUMBER.test(code)) return result('not_found', record(code, 'not_found'), { barcode: code, orderNumber: '1' });
      // Only an unknown code met while packing may be an item to bind; otherwise nothing matches it.
      if (packing) return result('unknown_barcode', record(code, 'unknown_barcode'), { barcode: code });
      if (hit) {
        const sku = { skuCode: hit.skuCode, skuName: catalog.nameOf(hit.skuCode) };
        return result('not_found', record(code, 'not_found', { skuCode: hit.skuCode }), { barcode: code, ...sku });
      }
      return result('not_found', record(code, 'not_found'), { barcode: code });
    },
    /**
     * A parcel settled on the scale. For a fully verified open order the check runs now (and ships
     * it when it passes); the answer goes to the bench like a scan's. Null when nothing is waiting
     * for a weight (no order, or it already left).
     */
    weighed(grams: number): ScanResult | null {
      // A shipped order is blocked unless it is open for a reship.
      if (!open || blockOf(open)) return null;
      weighing.settled(grams);
      const current = open;
      const answer = isComplete(current) ? weighAndShip(current, null, {}) : null;
      if (!answer) deps.onState(state(), 'change');
      return answer;
    },
    /** A supervisor accepts a weight outside the tolerance (permission or PIN, audited); the order ships when verified. */
    acceptWeight(authorizerPin?: string) {
      const current = requireOpen();
      if (!weighing.holds()) throw new AppError('CONFLICT', msg('pack.noWeightToAccept'));
      // A weight typed since the mismatch is checked (and audited) first: the supervisor lets out what the form shows.
      const typed = withChoice({ partial: false }).weightG;
      if (typed !== undefined && isComplete(current)) checkTypedWeight(current, typed);
      const actor = session.authorize(SUPERVISORS, authorizerPin);
      const expectedG = expectedWeight(current);
      // The parcel leaves with its latest weight; the audit keeps the one that did not match too.
      const weightG = weighing.settledG();
      const mismatchG = weighing.mismatchG();
      // The acceptance and the parcel it lets out are one change: audited in the shipment's transaction.
      const created = inTransaction(deps.db, () => {
        deps.audit.record(actor, 'bench.acceptWeight', current.order.id, { weightG, expectedG, ...(mismatchG !== weightG ? { mismatchG } : {}) });
        weighing.accept();
        deps.weightAccepted(current.order.id, msg('inbox.evidence.weightAccepted', { order: current.order.externalId, weight: mismatchG ?? weightG ?? 0, expected: expectedG ?? 0 }));
        return isComplete(current) ? shipOpen(withChoice({ partial: false, weightG: weightG ?? undefined })) : null;
      });
      return { shipments: created?.shipments ?? [], warnings: created?.warnings ?? [], print: null, state: answer() };
    },
    forceVerify(lineNo: number, authorizerPin?: string): ScanResult {
      const current = requireOpen();
      const line = current.lines.find((l) => l.lineNo === lineNo);
      if (!line) throw new AppError('NOT_FOUND', msg('pack.lineNotFound', { line: lineNo }));
      const blocked = blockOf(current);
      if (blocked) throw new AppError('BLOCKED', blocked);
      const actor = session.authorize(SUPERVISORS, authorizerPin);
      const units = line.qty - line.verified;
      const scanId = progress.record(
        { orderId: current.order.id, packerId: actor.userId, code: `FORCE:${actor.authorizerId ?? actor.userId}`, outcome: 'forced', skuCode: line.skuCode ?? undefined, lineNo, units, progressKey: progressKeyOf(current) },
        { countsToward: true, forced: true, alongside: () => deps.audit.record(actor, 'bench.forceVerify', current.order.id, { lineNo, units }) },
      );
      line.verified = line.qty;
      line.forced = true;
      return completeIfLast(current, scanId, { lineNo: String(lineNo), forced: '1', ...(line.skuCode ? { skuCode: line.skuCode } : {}) });
    },
    /**
     * A line without 商家编码 becomes the SKU of the item just scanned (a supervisor's say), at
     * every bench; that scan then counts on it. Refused before any PIN is asked when it cannot be.
     */
    bindLine(input: { lineNo: number; barcode: string; authorizerPin?: string | undefined }): ScanResult {
      const current = requireOpen();
      const blocked = blockOf(current);
      if (blocked) throw new AppError('BLOCKED', blocked);
      const line = current.lines.find((l) => l.lineNo === input.lineNo);
      if (!line) throw new AppError('NOT_FOUND', msg('pack.lineNotFound', { line: input.lineNo }));
      if (line.skuCode) throw new AppError('CONFLICT', msg('pack.lineHasSku', { line: line.lineNo, sku: line.skuCode }));
      const hit = catalog.lookupBarcode(input.barcode);
      if (!hit) throw new AppError('NOT_FOUND', msg('pack.barcodeUnknown', { barcode: input.barcode }));
      // The offer leaves such a line out; a call made anyway (another client, a stale panel) must not let a wrong item through.
      if (bindingFit(line, hit.skuCode, skuOf) === 'other') {
        throw new AppError('CONFLICT', msg('pack.lineNamesOtherSku', { line: line.lineNo, named: [...skusNamedBy(line, skuOf)].join(', '), sku: hit.skuCode }));
      }
      const actor = session.authorize(SUPERVISORS, input.authorizerPin);
      const orderId = current.order.id;
      inTransaction(deps.db, () => {
        deps.recorder.record('order.line-bound', { orderId, lineNo: line.lineNo, skuCode: hit.skuCode }, { actor });
        deps.audit.record(actor, 'bench.bindLine', orderId, { lineNo: line.lineNo, skuCode: hit.skuCode, barcode: input.barcode });
      });
      open = load(orders.get(orderId) ?? current.order);
      return verifyItem(open, input.barcode, hit);
    },
    bindBarcode(input: { barcode: string; skuCode: string; units: number; authorizerPin?: string | undefined }): BenchState {
      const actor = session.authorize(SUPERVISORS, input.authorizerPin);
      if (!catalog.exists(input.skuCode)) throw new AppError('NOT_FOUND', msg('pack.skuNotFound', { sku: input.skuCode }));
      const previous = catalog.lookupBarcode(input.barcode);
      inTransaction(deps.db, () => {
        deps.recorder.record('barcode.bound', { barcode: input.barcode, skuCode: input.skuCode, units: input.units, seenHubSeq: deps.syncCursor() }, { actor });
        deps.audit.record(actor, 'catalog.bindBarcode', input.barcode, {
          skuCode: input.skuCode, units: input.units, previousSku: previous?.skuCode ?? null, previousUnits: previous?.units ?? null,
        });
      });
      if (open) open = load(open.order);
      return answer();
    },
  };

  function orderOfWaybill(code: string): Order | null {
    const shipment = deps.shipmentsRepo.byTracking(code);
    return shipment ? orders.get(shipment.orderId) : null;
  }
}
export type PackService = ReturnType<typeof createPackService>;
