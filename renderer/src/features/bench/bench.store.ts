import { create } from 'zustand';
import type { BenchState, ScanResult } from '#shared/contract/bench.contract';
import type { BenchScanned, LabelPrinted } from '#shared/contract/events.contract';
import type { Carrier } from '#shared/contract/carriers.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import { labelsShippedWith } from '#shared/domain/shipment-labels';
import { msg, type Message } from '#shared/i18n/message';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { keepUnchanged } from '../../lib/keep-unchanged';
import { playOutcome } from '../../lib/sounds';
import { speakOutcome } from '../../lib/speech-prompts';
import { benchDamageOrder, useDamageReportStore } from '../damage-report/damage-report.store';
import { needsSupervisorPin, useSessionStore } from '../session/session.store';
import { PARCEL_JOIN, type AuthPrompt, type GatedAction, type LabelNote, type LabelPreview, type LastScan, type ShipOptions } from './bench.types';
import { partialPendingHere, usePartialShipStore } from './partial-ship.store';

export type { AuthPrompt, GatedAction, LabelNote, LabelPreview, LastScan, PanelOutcome, ShipOptions } from './bench.types';

type BenchStore = {
  state: BenchState;
  last: LastScan | null;
  /** Problems after a parcel was committed (host messages); kept until the next order opens. */
  warnings: Message[];
  /** The bench order's labels as the host last reported them, by tracking number; kept until the next order opens. */
  labels: Record<string, LabelNote>;
  lastShipment: Shipment | null;
  preview: LabelPreview | null;
  carriers: Carrier[];
  /** A scan has waited over SLOW_SCAN_MS for the station's answer (the panel shows a spinner). */
  slowScan: boolean;
  busy: 'ship' | 'cancel' | 'reprint' | 'gated' | null;
  auth: AuthPrompt | null;
  /** The unknown barcode the packer may bind to a SKU. */
  bind: { barcode: string } | null;
  /** The scanned item a line without 商家编码 may be bound to (the line chooser is open). */
  bindLine: { barcode: string; skuCode: string; lines: number[]; suggested: number | null } | null;
  scan(code: string, source: 'wedge' | 'manual' | 'serial'): Promise<void>;
  /** The host answered a serial scanner's code or a settled weight (bench.scanned): shown like a scan. */
  onHostScan(event: BenchScanned): void;
  acceptWeight(): void;
  refresh(): Promise<void>;
  applyState(state: BenchState): void;
  /**
   * The host finished (or failed) a label job: its label becomes the preview, and a failure stays
   * on screen until the next order.
   */
  onPrinted(event: LabelPrinted): void;
  loadCarriers(): Promise<void>;
  /** The packer changed the ship form: the host keeps it for a parcel that ships from a scan. */
  shipChoice(choice: { orderId: string; carrierCode: string | null; weightG: number | null; parcelCount: number }): void;
  ship(options: ShipOptions): Promise<void>;
  forceVerify(lineNo: number): Promise<void>;
  openBind(barcode: string): void;
  closeBind(): void;
  bindBarcode(skuCode: string, units: number): Promise<void>;
  /** Opens the line chooser for the last wrong-item scan that named lines without 商家编码. */
  openBindLine(): void;
  closeBindLine(): void;
  bindToLine(lineNo: number): Promise<void>;
  /** Answers "open the other order?": open it (the same code scanned again), or stay on this one. */
  confirmSwitch(open: boolean): Promise<void>;
  submitAuth(pin: string): Promise<void>;
  cancelAuth(): void;
  cancelOrder(): Promise<void>;
  reprintLast(): Promise<void>;
  /** Someone logged in or unlocked: a "please log in" panel is answered, and goes. */
  loggedIn(): void;
  /** The damage form PD:DAMAGE opened was filed: the banner that said "报损" says what was reported (quietly: the form made its own sound). */
  damageFiled(report: { skuCode: string; qty: number }): void;
  reset(): void;
};

export const emptyBenchState: BenchState = { order: null, lines: [], complete: false, shipments: [], expectedWeightG: null, weighing: null };

const initial = {
  state: emptyBenchState,
  last: null,
  warnings: [],
  labels: {},
  lastShipment: null,
  preview: null,
  carriers: [],
  slowScan: false,
  busy: null,
  auth: null,
  bind: null,
  bindLine: null,
} satisfies Partial<BenchStore>;

let seq = 0;
/** Scans sent and not answered yet. */
let inFlight = 0;
const SLOW_SCAN_MS = 150;

/** Each warning once: the same message (key and parameters) from two sources is one line. */
function uniq(list: Message[]): Message[] {
  return [...new Map(list.map((m) => [JSON.stringify(m), m])).values()];
}

export const useBenchStore = create<BenchStore>()((set, get) => {
  /** Applies host state; a different order opening clears the previous order's warnings and label. */
  const applyState = (sent: BenchState) => {
    // The parts a scan did not change keep their objects: their components do not re-render.
    const next = keepUnchanged(get().state, sent);
    const prevId = get().state.order?.id ?? null;
    const nextId = next.order?.id ?? null;
    if (nextId !== null && nextId !== prevId) {
      // An order shipped earlier shows its label again (what a reprint would print).
      const shippedBefore = next.shipments.filter((x) => x.voidedAt === null).at(-1) ?? null;
      set({ state: next, warnings: [], preview: null, lastShipment: shippedBefore, bind: null, bindLine: null, labels: {} });
      if (shippedBefore) void loadPreview(shippedBefore.id);
      return;
    }
    // The host put the shipped order down (another packer logged in): the banner no longer speaks of its label.
    const putDown = nextId === null && prevId !== null && get().last?.outcome === 'completed';
    set(putDown ? { state: next, last: null } : { state: next });
    // A label voided since (at the 发货 screen, or another window) is no longer the one to reprint or show.
    const { lastShipment, preview } = get();
    if (lastShipment && next.shipments.some((s) => s.id === lastShipment.id && s.voidedAt !== null)) {
      const live = next.shipments.filter((s) => s.voidedAt === null).at(-1) ?? null;
      set({ lastShipment: live, preview: preview?.shipmentId === lastShipment.id ? null : preview });
      if (live) void loadPreview(live.id);
    }
  };

  const show = (last: Omit<LastScan, 'seq'>) => {
    seq += 1;
    set({ last: { ...last, seq } });
    playOutcome(last.outcome === 'bound' ? 'command' : last.outcome);
    speakOutcome(last.outcome);
  };

  const showError = (error: UiError, code = '') => {
    // A scan refused outright is answered too: the bind form's code is no longer the one in hand.
    if (code !== '' && get().bind !== null) set({ bind: null });
    show({ outcome: 'error', code, detail: {}, trackingNo: null, printed: false, error });
  };

  /**
   * Remembers the new parcel(s) for reprint and keeps their warnings. Their label preview comes
   * with the host's labels.printed event: no second request after the scan.
   */
  const shipped = (shipments: Shipment[], warnings: Message[]) => {
    const lastShipment = shipments[shipments.length - 1] ?? null;
    const trackingWarnings = shipments.flatMap((s) => (s.trackingWarning ? [s.trackingWarning] : []));
    set({ lastShipment, warnings: uniq([...get().warnings, ...warnings, ...trackingWarnings]) });
    // A pool number was taken: the next order's carrier list shows the free count as it is now.
    void get().loadCarriers();
  };

  /** The label of an order shipped before, opened again (a fresh print brings its own). */
  const loadPreview = async (shipmentId: string) => {
    try {
      const p = await getApi().call('labels.preview', { shipmentId });
      if (get().lastShipment?.id === shipmentId) set({ preview: { shipmentId, ...p } });
    } catch {
      // The preview is a convenience; the label itself was handled (or warned about) already.
    }
  };

  /** Shipped with a label printed before packing (取号): nothing prints now, the packer takes it from the pile. */
  const prePrinted = (shipments: readonly Shipment[], print: unknown) => print === null && shipments.length > 0 && shipments.every((s) => s.printedAt !== null);

  const onScanResult = (code: string, r: ScanResult) => {
    applyState(r.state);
    const fromPile = r.shipment !== null && prePrinted([r.shipment], r.print);
    show({
      outcome: r.outcome,
      code,
      detail: fromPile ? { ...r.detail, prePrinted: '1' } : r.detail,
      // Every parcel that left with this scan is named, not only the first.
      trackingNo: r.shipment ? labelsShippedWith(r.state.shipments, r.shipment).map((s) => s.trackingNo).join(PARCEL_JOIN) || r.shipment.trackingNo : null,
      printed: r.print !== null,
      error: null,
    });
    if (r.shipment) shipped([r.shipment], r.warnings);
    else if (r.warnings.length > 0) set({ warnings: uniq([...get().warnings, ...r.warnings]) });
    // No labels.printed event brings its preview: show the label to look for.
    if (fromPile) void loadPreview(r.shipment!.id);
    // Any answer means the packer has moved on from the code the bind form offered (a rescan verified it, an order opened).
    if (get().bind !== null) set({ bind: null });
    if (r.outcome === 'login' || r.outcome === 'command') void useSessionStore.getState().load();
    // PD:DAMAGE opens the damage form over the order (the bench stays as it is); PD:PHOTO from a serial scanner snaps in it.
    if (r.outcome === 'command' && r.detail['command'] === 'PD:DAMAGE') useDamageReportStore.getState().openWith(benchDamageOrder(r.state));
    if (r.outcome === 'command' && r.detail['command'] === 'PD:PHOTO') useDamageReportStore.getState().snap();
  };

  /** Runs a permission-gated action, with the supervisor PIN when one was given. */
  const runGated = async (request: GatedAction, pin?: string) => {
    const api = getApi();
    const authorizer = pin ? { authorizerPin: pin } : {};
    set({ busy: 'gated' });
    try {
      if (request.action === 'forceVerify') {
        // The last line completes the order as a last scan does: the answer is a scan's.
        onScanResult('', await api.call('bench.forceVerify', { lineNo: request.lineNo, ...authorizer }));
      } else if (request.action === 'bindLine') {
        const { lineNo, barcode } = request;
        const r = await api.call('bench.bindLine', { lineNo, barcode, ...authorizer });
        set({ bindLine: null });
        onScanResult(barcode, r);
      } else if (request.action === 'bind') {
        const { barcode, skuCode, units } = request;
        applyState(await api.call('bench.bindBarcode', { barcode, skuCode, units, ...authorizer }));
        set({ bind: null });
        show({ outcome: 'bound', code: barcode, detail: { barcode, skuCode, units: String(units) }, trackingNo: null, printed: false, error: null });
      } else if (request.action === 'acceptWeight') {
        await doAcceptWeight(pin);
      } else {
        await doShip(request.options, pin);
      }
      set({ auth: null });
    } catch (e) {
      const error = toUiError(e);
      if (error.code === 'FORBIDDEN') set({ auth: { request, error: pin ? error : null } });
      else {
        set({ auth: null });
        showError(error);
      }
    } finally {
      set({ busy: null });
    }
  };

  const doShip = async (options: ShipOptions, pin?: string) => {
    const r = await getApi().call('bench.ship', {
      ...(options.carrierCode ? { carrierCode: options.carrierCode } : {}),
      ...(options.weightG !== undefined ? { weightG: options.weightG } : {}),
      ...(options.parcelCount !== undefined ? { parcelCount: options.parcelCount } : {}),
      partial: options.partial,
      ...(pin ? { authorizerPin: pin } : {}),
    });
    applyState(r.state);
    const lastShipment = r.shipments[r.shipments.length - 1] ?? null;
    const fromPile = prePrinted(r.shipments, r.print);
    show({
      outcome: 'completed',
      code: '',
      detail: fromPile ? { prePrinted: '1' } : {},
      trackingNo: r.shipments.map((s) => s.trackingNo).join(PARCEL_JOIN) || null,
      printed: r.print !== null,
      error: null,
    });
    if (lastShipment) shipped(r.shipments, r.warnings);
    if (fromPile && lastShipment) void loadPreview(lastShipment.id);
    else if (r.warnings.length) set({ warnings: uniq([...get().warnings, ...r.warnings]) });
  };

  /** The supervisor accepted the weight: the host ships the verified order with it. */
  const doAcceptWeight = async (pin?: string) => {
    const r = await getApi().call('bench.acceptWeight', pin ? { authorizerPin: pin } : {});
    applyState(r.state);
    const lastShipment = r.shipments[r.shipments.length - 1] ?? null;
    if (!lastShipment) return;
    show({ outcome: 'completed', code: '', detail: {}, trackingNo: lastShipment.trackingNo, printed: false, error: null });
    shipped(r.shipments, r.warnings);
  };

  const gate = (request: GatedAction) => {
    if (needsSupervisorPin()) set({ auth: { request, error: null } });
    else void runGated(request);
  };

  return {
    ...initial,
    async scan(code, source) {
      const trimmed = code.trim();
      if (!trimmed) return;
      const auth = get().auth;
      if (auth) {
        // A supervisor badge scanned at the PIN prompt would log them in as the packer: drop it.
        set({ auth: { ...auth, scanIgnored: true } });
        playOutcome('error');
        return;
      }
      if (trimmed.toUpperCase() === 'PD:PARTIAL' && get().state.order) {
        // Asked here first: a split the platform cannot take is said before the label; scanned again, it ships anyway.
        const partial = usePartialShipStore.getState();
        if (partialPendingHere(partial.pending)) return partial.confirm();
        if (!(await partial.clear({ partial: true }))) return;
      }
      // No render while the answer is on its way (it comes in a few ms): the spinner only for a slow one.
      inFlight += 1;
      const slow = setTimeout(() => set({ slowScan: true }), SLOW_SCAN_MS);
      try {
        onScanResult(trimmed, await getApi().call('bench.scan', { code: trimmed, source }));
      } catch (e) {
        const error = toUiError(e);
        // PD:PARTIAL is supervisor-only: ask for the PIN instead of a dead end.
        if (error.code === 'FORBIDDEN' && trimmed.toUpperCase() === 'PD:PARTIAL' && get().state.order) {
          set({ auth: { request: { action: 'ship', options: { partial: true } }, error: null } });
        } else {
          showError(error, trimmed);
          // The scan may have counted before what failed after it (the last item counted, then its
          // auto-ship found no waybill number): the lines must show it, or the packer fetches another.
          void get().refresh();
        }
      } finally {
        clearTimeout(slow);
        inFlight -= 1;
        if (inFlight === 0 && get().slowScan) set({ slowScan: false });
      }
    },
    async refresh() {
      try {
        applyState(await getApi().call('bench.getState', {}));
      } catch {
        // Startup or reconnect: the connection banner already says what is wrong; no alarm here.
      }
    },
    applyState,
    onHostScan(event) {
      if (event.result) onScanResult(event.code, event.result);
      else if (event.error) showError(toUiError(event.error), event.code);
    },
    acceptWeight: () => gate({ action: 'acceptWeight' }),
    onPrinted(event) {
      const { state, lastShipment } = get();
      const shipment = state.shipments.find((s) => s.id === event.shipmentId) ?? (lastShipment?.id === event.shipmentId ? lastShipment : null);
      const trouble = event.state === 'failed' || event.state === 'unknown';
      if (!shipment) {
        // Another order's label (a reprint that ended after the next order opened): a note naming
        // its number when it needs the packer, never this order's banner or label.
        if (trouble) set({ warnings: uniq([...get().warnings, msg('bench.printFailed', { tracking: event.trackingNo, reason: event.message ?? msg('errors.PRINT_FAILED') })]) });
        return;
      }
      if (event.preview) set({ lastShipment: shipment, preview: { shipmentId: shipment.id, ...event.preview } });
      // The latest word on a label replaces the one before: a reprint that printed clears its failure.
      set({ labels: { ...get().labels, [event.trackingNo]: { state: event.state, message: event.message } } });
      if (trouble) playOutcome('error');
    },
    async loadCarriers() {
      try {
        set({ carriers: await getApi().call('carriers.list', {}) });
      } catch {
        // The ship controls fall back to "by rules" only.
      }
    },
    shipChoice(choice) {
      getApi().call('bench.shipChoice', choice).catch((e: unknown) => showError(toUiError(e)));
    },
    async ship(options) {
      if (options.partial) return gate({ action: 'ship', options });
      set({ busy: 'ship' });
      try {
        await doShip(options);
      } catch (e) {
        const error = toUiError(e);
        if (error.code === 'FORBIDDEN') set({ auth: { request: { action: 'ship', options }, error: null } });
        else showError(error);
      } finally {
        set({ busy: null });
      }
    },
    async forceVerify(lineNo) {
      gate({ action: 'forceVerify', lineNo });
    },
    openBind: (barcode) => set({ bind: { barcode } }),
    openBindLine() {
      const last = get().last;
      const lines = (last?.detail['unboundLines'] ?? '').split(',').filter(Boolean).map(Number);
      const skuCode = last?.detail['skuCode'];
      if (!last || !skuCode || lines.length === 0) return;
      const suggested = last.detail['suggestedLine'];
      set({ bindLine: { barcode: last.detail['barcode'] ?? last.code, skuCode, lines, suggested: suggested ? Number(suggested) : null } });
    },
    closeBindLine: () => set({ bindLine: null }),
    async bindToLine(lineNo) {
      const chooser = get().bindLine;
      if (chooser) gate({ action: 'bindLine', lineNo, barcode: chooser.barcode, skuCode: chooser.skuCode });
    },
    async confirmSwitch(openIt) {
      const code = get().last?.detail['code'];
      if (openIt && code) return get().scan(code, 'manual');
      // Staying: the panel goes back to "scan items" for the order still open, and the host asks
      // again if the other order is scanned later.
      set({ last: null });
      try {
        applyState(await getApi().call('bench.stay', {}));
      } catch (e) {
        showError(toUiError(e));
      }
    },
    closeBind: () => set({ bind: null }),
    async bindBarcode(skuCode, units) {
      const barcode = get().bind?.barcode;
      if (!barcode) return;
      gate({ action: 'bind', barcode, skuCode, units });
    },
    async submitAuth(pin) {
      const auth = get().auth;
      if (auth) await runGated(auth.request, pin);
    },
    cancelAuth: () => set({ auth: null }),
    async cancelOrder() {
      set({ busy: 'cancel' });
      try {
        applyState(await getApi().call('bench.cancel', {}));
        set({ last: null, warnings: [], preview: null, lastShipment: null, bind: null, bindLine: null, labels: {} });
      } catch (e) {
        showError(toUiError(e));
      } finally {
        set({ busy: null });
      }
    },
    async reprintLast() {
      const { lastShipment, state } = get();
      const target = lastShipment ?? [...state.shipments].reverse().find((s) => s.voidedAt === null) ?? null;
      if (!target) return;
      const group = labelsShippedWith(state.shipments, target);
      // The answer may come after the printer did (or did not): by then another order may be on the bench.
      const stillHere = () => (get().state.order?.id ?? null) === (state.order?.id ?? null);
      set({ busy: 'reprint' });
      try {
        const printed: Shipment[] = [];
        for (const s of group.length > 0 ? group : [target]) printed.push((await getApi().call('shipments.reprint', { id: s.id })).shipment);
        if (!stillHere()) return;
        set({ lastShipment: printed.at(-1) ?? target });
        const trackingNo = printed.map((s) => s.trackingNo).join(PARCEL_JOIN);
        show({ outcome: 'command', code: 'PD:REPRINT', detail: { command: 'PD:REPRINT' }, trackingNo, printed: true, error: null });
      } catch (e) {
        if (!stillHere()) return;
        const error = toUiError(e);
        // The label already waits in the queue for a printer that is off: nothing failed, it prints
        // when the printer is back (as PD:REPRINT says), so no red "操作失败" banner and error tone.
        if (error.msg?.key === 'label.waitingForPrinter') {
          const trackingNo = error.msg.params?.['tracking'];
          show({ outcome: 'command', code: 'PD:REPRINT', detail: { command: 'PD:REPRINT', waiting: '1' }, trackingNo: typeof trackingNo === 'string' ? trackingNo : null, printed: false, error: null });
        } else showError(error);
      } finally {
        set({ busy: null });
      }
    },
    loggedIn() {
      const last = get().last;
      const askedToLogIn = last?.outcome === 'not_logged_in' || (last?.outcome === 'error' && last.error?.msg?.key === 'session.loginFirst');
      // Back to what the bench shows by itself: ready, or the open order's own state.
      if (askedToLogIn) set({ last: null });
    },
    damageFiled({ skuCode, qty }) {
      const last = get().last;
      if (last?.outcome !== 'command' || last.detail['command'] !== 'PD:DAMAGE') return;
      seq += 1;
      set({ last: { ...last, detail: { command: 'PD:DAMAGE', filed: skuCode, qty: String(qty) }, seq } });
    },
    reset: () => set({ ...initial }),
  };
});
