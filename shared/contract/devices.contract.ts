import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';

export const labelSizes = ['100x150', '76x130', '100x180'] as const;
export const labelSizeSchema = z.enum(labelSizes);
export type LabelSize = z.infer<typeof labelSizeSchema>;

/**
 * How the station prints. `png`/`pdf` save files into the station's labels folder (the default on a
 * fresh install, so printing works with no hardware), or a PDF goes to a system printer; `tspl`/`zpl`
 * send raw printer language over TCP 9100, to a printer device or to a system printer queue. Where a raw printer may send is checked by printerConfigProblem
 * (shared/domain/printer-target) before anything is sent or saved.
 */
export const printerConfigSchema = z.object({
  kind: z.enum(['png', 'pdf', 'tspl', 'zpl']),
  host: z.string().max(255).default(''),
  port: z.number().int().min(1).max(65535).default(9100),
  devicePath: z.string().max(512).default(''),
  /**
   * A printer of the operating system by its queue name (CUPS on Linux and macOS, the spooler on
   * Windows). TSPL/ZPL go to it raw; a PDF printer prints through its driver. Checked by
   * printerConfigProblem: one target only, a name that can never read as an option.
   */
  systemPrinter: z.string().max(127).default(''),
  labelSize: labelSizeSchema.default('100x150'),
  dpi: z.union([z.literal(203), z.literal(300)]).default(203),
  /**
   * printer-font: Chinese sent to the printer's own font (GB18030 on TSPL, E:SIMSUN.TTF on ZPL);
   * bitmap: rasterised here. auto: TSPL printers carry Chinese fonts, most Zebras do not.
   */
  cjkMode: z.enum(['auto', 'printer-font', 'bitmap']).default('auto'),
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

/** The CJK mode a printer actually uses once `auto` is resolved. */
export const effectiveCjkMode = (config: Pick<PrinterConfig, 'kind' | 'cjkMode'>): 'printer-font' | 'bitmap' =>
  config.cjkMode !== 'auto' ? config.cjkMode : config.kind === 'zpl' ? 'bitmap' : 'printer-font';

export const printResultSchema = z.object({
  printer: z.string(),
  bytes: z.number().int(),
  /** Where a file printer wrote the label, if it did. */
  file: z.string().nullable(),
});
export type PrintResult = z.infer<typeof printResultSchema>;

/** A printer the operating system knows, as its printer list shows it. */
export const systemPrinterSchema = z.object({
  name: z.string().max(127),
  /** idle / printing: takes jobs; disabled: the queue holds jobs (stopped, or the printer reported a fault). */
  state: z.enum(['idle', 'printing', 'disabled', 'unknown']),
  /** Why it is disabled, as the system said it (e.g. "paper jam"), or ''. */
  reason: z.string().max(200),
  isDefault: z.boolean(),
});
export type SystemPrinter = z.infer<typeof systemPrinterSchema>;

export const systemPrintersSchema = z.object({
  /** Where the list came from: CUPS (lpstat), the Windows spooler (Get-Printer), or Electron's driver list. */
  source: z.enum(['cups', 'windows', 'electron', 'none']),
  printers: z.array(systemPrinterSchema).max(200),
  /** Why the list is empty or partial (CUPS not installed, scheduler not running), or null. */
  problem: messageSchema.nullable(),
});
export type SystemPrinters = z.infer<typeof systemPrintersSchema>;
/**
 * The slip printer: an ESC/POS receipt printer (58/80 mm) for the packing slip (发货单), reached
 * like a raw label printer (TCP 9100–9109 or a printer device). `trigger` is per bench: off, when
 * an order is opened, or when it ships. `chinese`: raster draws text here (any printer, any
 * character); gb18030 uses the printer's Chinese font in FS & mode.
 */
export const slipPrinterConfigSchema = z.object({
  trigger: z.enum(['off', 'open', 'ship']).default('off'),
  host: z.string().max(255).default(''),
  port: z.number().int().min(1).max(65535).default(9100),
  devicePath: z.string().max(512).default(''),
  paperMm: z.union([z.literal(58), z.literal(80)]).default(80),
  chinese: z.enum(['raster', 'gb18030']).default('raster'),
  code: z.enum(['qr', 'code128', 'none']).default('qr'),
});
export type SlipPrinterConfig = z.infer<typeof slipPrinterConfigSchema>;

/** Where the components listen on 127.0.0.1 (research/providers.md §3.1, §4.1): ws, and wss for TLS. */
export const PRINT_COMPONENT_PORTS = { cainiao: { ws: 13528, wss: 13529 }, pdd: { ws: 5000, wss: 18653 } } as const;

/**
 * A platform print component (菜鸟打印组件, 拼多多打印组件) as this station's printer for that
 * platform's e-waybills, whose encrypted print data only the component can render. Off by
 * default; a station saved before these existed reads as both off.
 */
const componentFields = {
  enabled: z.boolean().default(false),
  /** One of the component's printers by name; '' prints on the component's default printer. */
  printer: z.string().max(255).default(''),
  /** wss on the component's TLS port instead of ws; both stay on 127.0.0.1. */
  secure: z.boolean().default(false),
  /** The seller's custom-area (自定义区) template; '' prints the platform waybill alone. */
  customAreaTemplateUrl: z.string().max(500).regex(/^(https?:\/\/\S+)?$/).default(''),
};
export const printComponentsConfigSchema = z.object({
  cainiao: z.object(componentFields).prefault({}),
  pdd: z
    .object({
      ...componentFields,
      /** Sent as ISVName / ERPId with each print (拼多多 only); what ERPId means is unverified, so the seller sets it. */
      isvName: z.string().max(64).default('Packdesk'),
      erpId: z.string().max(64).default(''),
    })
    .prefault({}),
});
export type PrintComponentsConfig = z.infer<typeof printComponentsConfigSchema>;

export const componentPrintersSchema = z.object({
  printers: z.array(z.object({ name: z.string().max(255), enabled: z.boolean(), isDefault: z.boolean() })).max(500),
  defaultPrinter: z.string().max(255).nullable(),
});
export type ComponentPrinters = z.infer<typeof componentPrintersSchema>;

export const devicesContract = {
  /** The system's printers (CUPS queues, Windows printers), for the system-printer transport. */
  'devices.listSystemPrinters': procedure(z.object({}), systemPrintersSchema),
  /** The configured label printer. */
  'devices.getPrinter': procedure(z.object({}), printerConfigSchema),
  /** Saves the label printer configuration. */
  'devices.setPrinter': procedure(printerConfigSchema, printerConfigSchema),
  /** Prints a test waybill (the shop's sender from Settings, a sample recipient, marked as a test) on the given or configured printer. */
  'devices.testPrint': procedure(z.object({ printer: printerConfigSchema.optional() }), printResultSchema),
  /** The slip printer of this bench. */
  'devices.getSlipPrinter': procedure(z.object({}), slipPrinterConfigSchema),
  /** Saves the slip printer configuration (supervisor or admin). */
  'devices.setSlipPrinter': procedure(slipPrinterConfigSchema, slipPrinterConfigSchema),
  /** Prints a test slip (both code and Chinese, 𠮷 and an emoji) on the given or configured slip printer. */
  'devices.testSlip': procedure(z.object({ printer: slipPrinterConfigSchema.optional() }), printResultSchema),
  /** The platform print components (菜鸟 / 拼多多) this station prints their e-waybills with. */
  'devices.getPrintComponents': procedure(z.object({}), printComponentsConfigSchema),
  /** Saves them (supervisor or admin). */
  'devices.setPrintComponents': procedure(printComponentsConfigSchema, printComponentsConfigSchema),
  /** The printers a component offers, asked over its local WebSocket (wss when `secure`). */
  'devices.listComponentPrinters': procedure(z.object({ component: z.enum(['cainiao', 'pdd']), secure: z.boolean().default(false) }), componentPrintersSchema),
} as const;
