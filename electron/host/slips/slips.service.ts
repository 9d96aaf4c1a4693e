import { AppError } from '#shared/contract/errors';
import { slipPrinterConfigSchema, type PrintResult, type SlipPrinterConfig } from '#shared/contract/devices.contract';
import type { Order } from '#shared/contract/orders.contract';
import { msg, type Message } from '#shared/i18n/message';
import { labelText } from '../labels/label-text';
import type { OrdersRepo } from '../orders/orders.repo';
import type { SettingsRepo } from '../settings/settings.repo';
import type { SettingsService } from '../settings/settings.service';
import type { Tcp9100Timeouts } from '../devices/tcp9100.transport';
import { encodeSlip } from './escpos-slip.encoder';
import { buildPackingSlip } from './packing-slip';
import { sendSlip, slipTargetProblem } from './slip-printer';

export type SlipMoment = 'open' | 'ship';
export type SlipOutcome = { orderId: string; orderExternalId: string; ok: boolean; message: Message | null; bytes: number };

/**
 * The bench's packing slips. A slip prints when the bench's trigger matches (an order opened or
 * shipped); it never holds up a scan: the job runs after the answer, one at a time, and its
 * outcome is reported to `onPrinted` rather than thrown at the packer.
 */
export function createSlipsService(deps: {
  settingsRepo: SettingsRepo; settings: SettingsService; orders: OrdersRepo;
  onPrinted?: (outcome: SlipOutcome) => void; timeouts?: Partial<Tcp9100Timeouts>;
}) {
  let config: SlipPrinterConfig = deps.settingsRepo.get('slipPrinter', slipPrinterConfigSchema.default(slipPrinterConfigSchema.parse({})));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const usable = (next: SlipPrinterConfig): SlipPrinterConfig => {
    // An 'off' slip printer may be saved half set up; one that prints must have a valid target.
    const problem = next.trigger === 'off' && !next.host.trim() && !next.devicePath.trim() ? null : slipTargetProblem(next);
    if (problem) throw new AppError('INVALID_INPUT', problem.message, { field: problem.field });
    return next;
  };

  const slipBytes = (order: Order, printer: SlipPrinterConfig): Promise<Buffer> => {
    const s = deps.settings.get();
    const content = buildPackingSlip({
      shopName: s.sender.name, orderId: order.externalId, buyerNick: order.buyerNick,
      receiver: { name: order.receiver.name, province: order.receiver.province, city: order.receiver.city },
      lines: order.lines.map((l) => ({ skuCode: l.skuCode, title: l.title, props: l.props, qty: l.qty })),
      buyerMessage: order.buyerMessage, sellerMemo: order.sellerMemo, printedAt: new Date().toISOString(), privacy: s.privacyMasking,
    }, labelText(s.language));
    return encodeSlip(content, printer);
  };

  /** One order's slip, in turn with the others; the bench hears how it went (the banner names the order, and clears once its slip is out). */
  const reported = (orderId: string, printer: SlipPrinterConfig): Promise<PrintResult> => {
    const order = deps.orders.get(orderId);
    const orderExternalId = order?.externalId ?? orderId;
    const printed = serial(async () => {
      if (!order) throw new AppError('NOT_FOUND', msg('label.orderNotFound', { id: orderId }));
      return sendSlip(usable(printer), await slipBytes(order, printer), deps.timeouts);
    });
    return printed.then(
      (r) => (deps.onPrinted?.({ orderId, orderExternalId, ok: true, message: null, bytes: r.bytes }), r),
      (e: unknown) => {
        deps.onPrinted?.({ orderId, orderExternalId, ok: false, bytes: 0, message: e instanceof AppError ? e.msg : msg('label.printFailed', { reason: String(e) }) });
        throw e;
      },
    );
  };

  return {
    getConfig: () => config,
    setConfig(next: SlipPrinterConfig): SlipPrinterConfig {
      config = usable(slipPrinterConfigSchema.parse(next));
      deps.settingsRepo.set('slipPrinter', config);
      return config;
    },
    /** Called by the bench at each moment; prints when this bench's trigger is that moment. */
    at(moment: SlipMoment, orderId: string): void {
      if (config.trigger !== moment) return;
      const printer = config;
      void new Promise<void>((resolve) => setImmediate(resolve)).then(() => reported(orderId, printer)).catch(() => undefined);
    },
    /** The slip of an order again (one did not print): its outcome is reported like the bench's own, and the caller hears a failure too. */
    reprint: (orderId: string): Promise<PrintResult> => reported(orderId, config),
    /** A test slip from a sample order: a GB2312 line, 𠮷 and an emoji, and the code. */
    testPrint(printer: SlipPrinterConfig = config): Promise<PrintResult> {
      return serial(async () => {
        const t = labelText(deps.settings.get().language);
        const content = { rows: [{ text: t(msg('slipText.packingSlip')), big: true, bold: true, align: 'center' as const }, { text: t(msg('slipText.testSlip')) }], code: 'TEST-0001' };
        return sendSlip(usable(printer), await encodeSlip(content, printer), deps.timeouts);
      });
    },
    idle: () => queue.then(() => undefined),
  };
}
export type SlipsService = ReturnType<typeof createSlipsService>;
