import { AppError } from '#shared/contract/errors';
import { beijingStamp } from '#shared/domain/datetime';
import type { LabelPreviewImage } from '#shared/contract/labels.contract';
import { msg, type Message } from '#shared/i18n/message';
import type { LabelSize, PrinterConfig, PrintResult } from '#shared/contract/devices.contract';
import type { Order } from '#shared/contract/orders.contract';
import type { PrintJob } from '#shared/contract/print-queue.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import type { CatalogRepo } from '../catalog/catalog.repo';
import type { DevicesService } from '../devices/devices.service';
import type { OrdersRepo } from '../orders/orders.repo';
import type { Actor } from '../session/session.service';
import type { SettingsService } from '../settings/settings.service';
import type { ShipmentsRepo } from '../shipments/shipments.repo';
import type { ShipmentsService } from '../shipments/shipments.service';
import type { ProviderWaybill } from '../waybills/provider-waybills.repo';
import { findCarrier } from '#shared/domain/carriers';
import { buildCommandSheetLayout } from './command-sheet-layout';
import type { PickLine, WaybillLabelData } from './label-data';
import { encodeLabel } from './label-formats';
import type { Layout } from './label-layout';
import { courierText } from './label-text';
import { buildPickList, buildPickSlipLayouts } from './pick-slip-layout';
import { renderPng } from './raster';
import type { PrintQueue } from './print-queue.service';
import type { WaybillRouting } from './label-data';
import { waybillLayoutFor } from './standard-waybill-layout';
import { buildTestLabelLayout } from './test-label-layout';

type PrintedEvent = {
  shipmentId: string; trackingNo: string; ok: boolean; state: 'done' | 'waiting' | 'failed' | 'unknown' | 'cancelled';
  message: Message | null; file: string | null; preview: LabelPreviewImage | null;
};

/** How the bench reads a job's state: a queued job after a failure waits for its printer by itself. */
const labelState = (job: PrintJob, printed: boolean): PrintedEvent['state'] =>
  printed ? 'done' : job.state === 'queued' || job.state === 'sent' ? 'waiting' : job.state === 'done' ? 'unknown' : job.state;

/**
 * Turns committed shipments and orders into label layouts and sends them to the printer. Waybills
 * (a parcel's, or a number fetched at 取号 printed before packing) go through the label queue
 * (print-queue.service), which survives a printer that is off and never prints a label twice by
 * itself; other sheets print directly. Jobs run one at a time, so two labels never interleave on
 * one printer socket. A failed print leaves the shipment committed and unprinted: the packer
 * reprints (same number) or voids it. Each parcel's job ends with a `labels.printed` event that
 * carries the label as rendered, for the bench.
 */
export function createLabelsService(deps: {
  orders: OrdersRepo; shipmentsRepo: ShipmentsRepo; shipments: ShipmentsService; catalog: CatalogRepo;
  settings: SettingsService; devices: DevicesService;
  /** Waybills print through the label queue (built after this service: it calls back into it). */
  queue: () => PrintQueue;
  /** The provider's record of a number fetched by 取号 (routing, print data), or null for a pool number. */
  issued: (trackingNo: string) => ProviderWaybill | null;
  /** Every number fetched for an order (a 子母件's label says which parcel of how many it is). */
  issuedOf: (orderId: string) => readonly ProviderWaybill[];
  /** A fetched number's label printed (打单): recorded as waybill.printed for every bench. */
  onFetchedPrinted: (trackingNo: string) => void;
  onPrinted: (event: PrintedEvent) => void;
}) {
  let printing: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = printing.then(job, job);
    printing = run.catch(() => undefined);
    return run;
  };
  const size = (): LabelSize => deps.devices.getConfig().labelSize;
  const language = () => deps.settings.get().language;
  const requireOrder = (id: string): Order => {
    const order = deps.orders.get(id);
    if (!order) throw new AppError('NOT_FOUND', msg('label.orderNotFound', { id }));
    return order;
  };

  /**
   * 内件: the order's lines, or for a partial shipment only the units that parcel carries (known
   * from the stock it took off the shelf), so the receiver can check the parcel against the label.
   */
  const itemSummary = (order: Order, shipmentId: string | null): string => {
    const booked = shipmentId ? new Map(deps.shipmentsRepo.stockBookedOn(shipmentId).map((b) => [b.skuCode, b.units])) : new Map<string, number>();
    const ordered = order.lines.reduce((n, l) => n + l.qty, 0);
    const partial = booked.size > 0 && [...booked.values()].reduce((n, u) => n + u, 0) < ordered;
    const lines = partial
      ? order.lines.flatMap((l) => {
          const units = Math.min(l.qty, booked.get(l.skuCode ?? '') ?? 0);
          if (l.skuCode) booked.set(l.skuCode, (booked.get(l.skuCode) ?? 0) - units);
          return units > 0 ? [{ ...l, qty: units }] : [];
        })
      : order.lines;
    return lines.map((l) => `${l.title}${l.props ? ` ${l.props}` : ''} ×${l.qty}`).join('; ');
  };

  /**
   * `routing` is what a provider returned at 取号 for this parcel (null for pool numbers): with it
   * the parcel gets the standard template (waybillLayoutFor).
   */
  type WaybillShipment = Pick<Shipment, 'trackingNo' | 'carrierCode' | 'carrierName' | 'parcelNo' | 'parcelCount' | 'weightG'> & {
    id?: string; routing?: WaybillRouting | null;
  };
  const waybillData = (order: Order, shipment: WaybillShipment): WaybillLabelData => {
    const settings = deps.settings.get();
    return {
      trackingNo: shipment.trackingNo,
      carrierCode: shipment.carrierCode,
      carrierName: shipment.carrierName,
      routing: shipment.routing ?? null,
      buyerMessage: order.buyerMessage,
      recipient: { ...order.receiver },
      sender: settings.sender,
      itemSummary: itemSummary(order, shipment.id ?? null),
      orderId: order.externalId,
      parcelNo: shipment.parcelNo,
      parcelCount: shipment.parcelCount,
      weightG: shipment.weightG,
      printedAt: new Date().toISOString(),
      privacy: settings.privacyMasking,
    };
  };
  const waybillLayout = (shipment: Shipment & { routing?: WaybillRouting | null }, labelSize = size()): Layout =>
    waybillLayoutFor(waybillData(requireOrder(shipment.orderId), { ...shipment, routing: shipment.routing ?? deps.issued(shipment.trackingNo)?.routing ?? null }), labelSize);

  const pickLines = (order: Order): PickLine[] =>
    order.lines.map((l) => ({
      skuCode: l.skuCode ?? '', title: l.title, props: l.props ?? '', qty: l.qty,
      location: l.skuCode ? deps.catalog.locationOf(l.skuCode) : '',
    }));

  /**
   * 菜鸟 / 拼多多 numbers carry encrypted print data only their own component can render: sent there
   * with our custom area. Null when the number is ours to draw.
   */
  function viaComponent(order: Order, shipmentId: string | null, w: ProviderWaybill | null): Promise<PrintResult> | null {
    const printData = w?.printData;
    const component = w && printData ? deps.devices.componentPrinterFor(w.provider) : null;
    if (!w || !printData || !component) return null;
    const customArea = { orderId: order.externalId, items: itemSummary(order, shipmentId), buyerMessage: order.buyerMessage };
    return serial(() => component.print({ trackingNo: w.trackingNo, printData, customArea }));
  }

  /** A fetched number's label before any parcel exists: the order's data and routing, and which of a 子母件's parcels it is. */
  const fetchedLayout = (order: Order, w: ProviderWaybill): Layout => {
    const family = deps.issuedOf(w.orderId).filter((x) => (x.parentNo ?? x.trackingNo) === (w.parentNo ?? w.trackingNo)).length;
    const parcel = {
      trackingNo: w.trackingNo, carrierCode: w.carrierCode, carrierName: findCarrier(w.carrierCode)?.name ?? w.carrierCode,
      parcelNo: w.childIndex + 1, parcelCount: Math.max(family, w.childIndex + 1), weightG: null, routing: w.routing,
    };
    return waybillLayoutFor(waybillData(order, parcel), size());
  };

  /** Prints a fetched number's queued label (打单): the standard template, or the platform's component for its print data. */
  function sendFetched(job: PrintJob): Promise<PrintResult> {
    const w = deps.issued(job.trackingNo);
    if (!w) throw new AppError('NOT_FOUND', msg('waybills.notIssued', { tracking: job.trackingNo }));
    if (w.cancelState) throw new AppError('CONFLICT', msg('label.voided', { tracking: w.trackingNo }));
    // Once a parcel carries the number, its label is the parcel's (printed, or reprinted, from the parcel).
    if (w.shipmentId) throw new AppError('CONFLICT', msg('label.fetchedOnParcel', { tracking: w.trackingNo }));
    const order = requireOrder(w.orderId);
    return viaComponent(order, null, w) ?? serial(() => deps.devices.printer().print({ layouts: [fetchedLayout(order, w)], title: w.trackingNo }));
  }

  /** Renders a queued waybill and hands it to the printer (the print queue calls this, one job at a time). */
  async function sendWaybill(job: PrintJob): Promise<PrintResult> {
    if (job.shipmentId === null) return sendFetched(job);
    const shipment = requireShipment(job.shipmentId);
    const sent = viaComponent(requireOrder(shipment.orderId), shipment.id, deps.issued(shipment.trackingNo));
    if (sent) return sent;
    const layout = waybillLayout(shipment);
    // In line with pick slips and test prints: two jobs never interleave on one printer.
    return serial(() => deps.devices.printer().print({ layouts: [layout], title: job.trackingNo }));
  }

  /** A waybill job ended: a printed label stamps its shipment; either way the bench sees the label and how it went. */
  function settled(job: PrintJob, result: PrintResult | null, error: Message | null): void {
    if (job.shipmentId === null) {
      // No parcel yet: the queue shows how it went; once on paper, every bench learns it.
      if (result) deps.onFetchedPrinted(job.trackingNo);
      return;
    }
    if (result) deps.shipments.markPrinted(job.shipmentId);
    let preview: LabelPreviewImage | null = null;
    try {
      preview = previewOf(waybillLayout(requireShipment(job.shipmentId)));
    } catch {
      // A voided or unknown shipment has no label to show.
    }
    deps.onPrinted({
      shipmentId: job.shipmentId, trackingNo: job.trackingNo, ok: result !== null, state: labelState(job, result !== null), message: error, file: result?.file ?? null, preview,
    });
  }

  const requireShipment = (id: string): Shipment => {
    const shipment = deps.shipmentsRepo.get(id);
    if (!shipment) throw new AppError('NOT_FOUND', msg('label.shipmentNotFound', { id }));
    if (shipment.voidedAt) throw new AppError('CONFLICT', msg('label.voided', { tracking: shipment.trackingNo }));
    return shipment;
  };

  const firstActiveShipment = (code: string): Shipment | undefined => {
    const order = deps.orders.findByCode(code)[0];
    return order ? deps.shipmentsRepo.ofOrder(order.id).find((s) => !s.voidedAt) : undefined;
  };

  const printLayouts = (layouts: Layout[], title: string, printer?: PrinterConfig) =>
    serial(() => deps.devices.printer(printer).print({ layouts, title }));

  return {
    /**
     * Prints committed shipments in order; failures are reported by event, never thrown at the scan.
     * The job starts after the current turn, so the answer to the scan that shipped goes out first.
     * `reprintedBy`: labels printed again at that person's say (PD:REPRINT), audited as reprints.
     */
    printShipments(ids: readonly string[], reprintedBy?: Actor): Promise<void> {
      const shipments = ids.map(requireShipment);
      // 打单拣货: a number printed before packing is already on the parcel; printing it again would
      // put a second label with the same number into the world — unless the packer asks (PD:REPRINT).
      const onPaper = reprintedBy ? [] : shipments.filter((s) => deps.issued(s.trackingNo)?.printedAt);
      for (const s of onPaper) {
        deps.shipments.markPrinted(s.id);
        deps.onPrinted({ shipmentId: s.id, trackingNo: s.trackingNo, ok: true, state: 'done', message: null, file: null, preview: previewOf(waybillLayout(s)) });
      }
      // Its label queued at 取号 and not on paper gives way to the parcel's; one that may be on
      // paper (leaving, or its outcome unknown) leaves the parcel's label to the packer's say.
      const maybeOnPaper = shipments.filter((s) => !onPaper.includes(s) && deps.issued(s.trackingNo) && deps.queue().parcelTakes(s.trackingNo));
      for (const s of maybeOnPaper) {
        const message = msg('label.fetchedMaybePrinted', { tracking: s.trackingNo });
        deps.onPrinted({ shipmentId: s.id, trackingNo: s.trackingNo, ok: false, state: 'unknown', message, file: null, preview: previewOf(waybillLayout(s)) });
      }
      const rest = shipments.filter((s) => !onPaper.includes(s) && !maybeOnPaper.includes(s));
      if (rest.length > 0) deps.queue().enqueue(rest, reprintedBy);
      return Promise.resolve();
    },
    /**
     * Prints a shipment's label again through the queue, and answers with how that attempt went. A
     * job of it still unfinished is the one tried now (the queue never holds two copies of one label).
     */
    async reprint(id: string, actor: Actor) {
      const queue = deps.queue();
      const [jobId] = queue.enqueue([requireShipment(id)], actor);
      const attempt = await queue.nextAttempt(jobId as string);
      // Still off: the label waits in the queue and prints by itself; pressing again adds nothing.
      if (!attempt.result && attempt.job.state === 'queued') {
        throw new AppError('PRINT_FAILED', msg('label.waitingForPrinter', { tracking: attempt.job.trackingNo, reason: attempt.error?.msg ?? msg('errors.PRINT_FAILED') }));
      }
      if (!attempt.result) throw attempt.error ?? new AppError('PRINT_FAILED', msg('label.printFailed', { reason: attempt.job.state }));
      return { shipment: deps.shipmentsRepo.get(id) as Shipment, print: attempt.result };
    },
    sendWaybill,
    settled,
    /**
     * The waybill of an order (its first active shipment, or a preview with a sample number when it
     * has not shipped) or of a tracking number.
     */
    waybillFor(code: string, labelSize = size()): { layout: Layout; title: string } {
      const shipment = deps.shipmentsRepo.byTracking(code) ?? firstActiveShipment(code);
      if (shipment) return { layout: waybillLayout(shipment, labelSize), title: shipment.trackingNo };
      const order = deps.orders.findByCode(code)[0];
      if (!order) throw new AppError('NOT_FOUND', msg('label.nothingFor', { code }));
      return { layout: this.previewLayout(order, labelSize), title: `preview-${order.externalId}` };
    },
    /** The waybill for an order or tracking number, encoded as PNG, PDF, TSPL or ZPL. */
    async renderWaybill(code: string, format: string, labelSize?: LabelSize) {
      const { layout, title } = this.waybillFor(code, labelSize);
      return { bytes: await encodeLabel(layout, format), title };
    },
    previewLayout: (order: Order, labelSize: LabelSize): Layout =>
      waybillLayoutFor(
        waybillData(order, { trackingNo: 'PREVIEW000000', carrierCode: 'OTHER', carrierName: courierText(msg('labelText.previewCarrier')), parcelNo: 1, parcelCount: 1, weightG: null }),
        labelSize,
      ),
    preview(input: { shipmentId?: string | undefined; orderId?: string | undefined; size?: LabelSize | undefined }): LabelPreviewImage {
      const labelSize = input.size ?? size();
      if (input.shipmentId) return previewOf(waybillLayout(requireShipment(input.shipmentId), labelSize));
      if (input.orderId) return previewOf(this.previewLayout(requireOrder(input.orderId), labelSize));
      throw new AppError('INVALID_INPUT', msg('label.previewNeedsTarget'));
    },
    printPickSlips(orderIds: readonly string[]) {
      const printedAt = new Date().toISOString();
      const layouts = orderIds.flatMap((id) => {
        const order = requireOrder(id);
        return buildPickSlipLayouts(
          { orderId: order.externalId, buyerNick: order.buyerNick, buyerMessage: order.buyerMessage, sellerMemo: order.sellerMemo, lines: pickLines(order), printedAt },
          size(),
          language(),
        );
      });
      return printLayouts(layouts, `pick-slips-${beijingStamp(printedAt, { seconds: true })}`);
    },
    printPickList(orderIds: readonly string[]) {
      const printedAt = new Date().toISOString();
      const orders = orderIds.map((id) => requireOrder(id)).map((o) => ({ orderId: o.externalId, lines: pickLines(o) }));
      const layouts = buildPickList({ batchName: '', printedAt, orders }, size(), language());
      return printLayouts(layouts, `pick-list-${beijingStamp(printedAt, { seconds: true })}`);
    },
    /** Prints finished layouts (the 交接单) on the bench's printer, in turn with labels and slips. */
    printLayouts: (layouts: Layout[], title: string) => printLayouts(layouts, title),
    printCommandSheet: () => printLayouts([buildCommandSheetLayout(size(), language())], 'command-barcodes'),
    testPrint: (printer?: PrinterConfig) =>
      printLayouts([buildTestLabelLayout((printer ?? deps.devices.getConfig()).labelSize, deps.settings.get(), language())], 'test-print', printer),
    /** Waits for queued jobs (used by the CLI before it exits). */
    idle: async () => {
      await printing;
      await deps.queue().idle();
    },
  };
}
export type LabelsService = ReturnType<typeof createLabelsService>;

/** What the bench shows: the label as the host laid it out, at the common 203 dpi. */
const previewOf = (layout: Layout): LabelPreviewImage => ({
  pngBase64: renderPng(layout, 203).toString('base64'), widthMm: layout.widthMm, heightMm: layout.heightMm,
});
