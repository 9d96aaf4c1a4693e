import { z } from 'zod';

/**
 * The print components' WebSocket frames (research/providers.md §3.1 菜鸟, §4.1 拼多多): JSON text,
 * a header `{cmd, requestID, version:"1.0"}` on requests and `{cmd, requestID}` echoed on replies,
 * and `notifyPrintResult` frames pushed by the component. Known fields are typed and capped; fields
 * we do not read are dropped, because component builds add fields (errorCode, printer type…) and a
 * new field is no reason to stop printing. Nothing here recurses into what it does not know, so a
 * deeply nested frame costs no more than its (capped) size.
 */

/** A getPrinters reply is a few KB; print replies carry no preview (we never ask for one). */
export const FRAME_MAX_BYTES = 256 * 1024;
export const PROTOCOL_VERSION = '1.0';

const text = (max: number) => z.string().max(max);
/** `status`/`msg` as the components send them: sometimes absent, sometimes null. */
const status = text(32).nullish();
const message = text(1000).nullish();

/** Every frame: a command name; replies echo our requestID (notifications carry none). */
export const frameHeaderSchema = z.object({ cmd: text(64), requestID: text(128).nullish() });

export const printersReplySchema = z.object({
  cmd: z.literal('getPrinters'),
  requestID: text(128),
  status,
  msg: message,
  defaultPrinter: text(255).nullish(),
  printers: z
    .array(z.object({ name: text(255), status: text(32).nullish() }))
    .max(500)
    .nullish(),
});
export type PrintersReply = z.infer<typeof printersReplySchema>;

export const printReplySchema = z.object({
  cmd: z.literal('print'),
  requestID: text(128),
  status,
  msg: message,
  taskID: text(128).nullish(),
});
export type PrintReply = z.infer<typeof printReplySchema>;

export const notifyPrintResultSchema = z.object({
  cmd: z.literal('notifyPrintResult'),
  printer: text(255).nullish(),
  taskID: text(128),
  /** 菜鸟: rendered, then printed or failed; 拼多多: printed or failed. */
  taskStatus: text(32),
  printStatus: z
    .array(
      z.object({
        documentID: text(128).nullish(),
        /** success / failed (拼多多 also canceled). */
        status: text(32).nullish(),
        msg: message,
        detail: text(1000).nullish(),
      }),
    )
    .max(100)
    .nullish(),
});
export type NotifyPrintResult = z.infer<typeof notifyPrintResultSchema>;

/**
 * The custom area (自定义区) printed next to the platform's encrypted waybill: the fields the
 * seller's custom-area template binds. Capped here so a long buyer message cannot bloat a task.
 */
export type CustomArea = { orderId: string; items: string; buyerMessage: string };
export const customAreaData = (area: CustomArea): CustomArea => ({
  orderId: area.orderId.slice(0, 64),
  items: area.items.slice(0, 500),
  buyerMessage: area.buyerMessage.slice(0, 200),
});
