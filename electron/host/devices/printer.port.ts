import type { PrintResult, SystemPrinter } from '#shared/contract/devices.contract';
import type { Message } from '#shared/i18n/message';
import type { Layout } from '../labels/label-layout';

/** What to print: one or more label pages, and a title used for file names (e.g. the tracking number). */
export type PrintJob = { layouts: Layout[]; title: string };

/**
 * What a printer said about itself. `reasons` are messages (paper out, head open …), `message` sums
 * them up; a printer that is busy printing is still `ready`.
 */
export type PrinterStatus = { ready: boolean; reasons: Message[]; message: Message; raw: string };

/**
 * A label printer: PNG/PDF files, or TSPL/ZPL bytes over TCP 9100 or a device file. `print`
 * resolves once the bytes are handed over (or the file is written) and rejects with an AppError:
 * DEVICE_UNAVAILABLE when the printer cannot be reached, PRINT_FAILED when it refused or broke
 * off the job, INVALID_INPUT when the job or configuration cannot be printed at all.
 */
export interface LabelPrinter {
  readonly name: string;
  print(job: PrintJob): Promise<PrintResult>;
  /** Asks the printer for its state where the language allows it; null when it did not answer. */
  queryStatus?(): Promise<PrinterStatus | null>;
}

/**
 * Details of a failure after the first byte of a job may have left: part or all of the label may
 * be on paper. The print queue never sends such a job again by itself; the packer decides.
 */
export const DELIVERY_UNKNOWN = { delivery: 'unknown' } as const;

/** Whether a failed job may have printed (see DELIVERY_UNKNOWN). Anything else failed before a byte left. */
export const mayHavePrinted = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'details' in error &&
  typeof error.details === 'object' && error.details !== null && (error.details as { delivery?: unknown }).delivery === 'unknown';

/**
 * The operating system's driver printing, where the app can reach it (Electron's
 * webContents.getPrintersAsync / webContents.print, injected by electron/main). A label goes as an
 * image rendered at the printer's dots, on a page exactly the label's size.
 */
export type DriverPrinting = {
  list(): Promise<SystemPrinter[]>;
  printImage(printer: string, png: Buffer, page: { widthMm: number; heightMm: number; dpi: number }): Promise<void>;
};
