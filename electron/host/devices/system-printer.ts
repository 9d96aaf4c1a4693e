import { AppError } from '#shared/contract/errors';
import type { PrinterConfig, SystemPrinters } from '#shared/contract/devices.contract';
import { msg } from '#shared/i18n/message';
import type { Layout } from '../labels/label-layout';
import { renderPng } from '../labels/raster';
import type { DriverPrinting, LabelPrinter, PrintJob } from './printer.port';
import { listCupsPrinters, printToCups } from './cups.transport';
import { listWindowsPrinters, printRawToWindows } from './windows-spooler.transport';

export type SystemPrinting = {
  /** Electron's driver printing, in the desktop app only. */
  driver?: DriverPrinting | undefined;
  platform?: NodeJS.Platform;
};

/**
 * The system's printers: Electron's list in the desktop app (what its print dialog shows), else
 * the Windows spooler's or CUPS's.
 */
export async function listSystemPrinters(system: SystemPrinting): Promise<SystemPrinters> {
  if (system.driver) return { source: 'electron', printers: (await system.driver.list()).slice(0, 200), problem: null };
  return (system.platform ?? process.platform) === 'win32' ? listWindowsPrinters() : listCupsPrinters();
}

const pageOf = (layout: Layout) => ({ widthMm: layout.widthMm, heightMm: layout.heightMm });

/**
 * A printer of the operating system by name. TSPL/ZPL bytes go raw (CUPS `lp -o raw`, the Windows
 * spooler's RAW datatype); a PDF label goes through the driver (CUPS with the label's page size;
 * in the desktop app Electron prints it, one image per label at the printer's dots). A system
 * queue does not answer status queries: what it took is what it reports.
 */
export function systemPrinter(config: PrinterConfig, encodeRaw: (job: PrintJob) => Buffer, system: SystemPrinting): LabelPrinter {
  const queue = config.systemPrinter.trim();
  const windows = (system.platform ?? process.platform) === 'win32';
  const name = `${config.kind.toUpperCase()} → ${queue}`;
  const done = (bytes: number) => ({ printer: name, bytes, file: null });
  return {
    name,
    async print(job) {
      if (job.layouts.length === 0) throw new AppError('INVALID_INPUT', msg('devices.nothingToPrint'));
      if (config.kind === 'tspl' || config.kind === 'zpl') {
        const data = encodeRaw(job);
        if (windows) await printRawToWindows(queue, data, job.title);
        else await printToCups({ queue, data, raw: true, title: job.title });
        return done(data.length);
      }
      const { driver } = system;
      if (driver) {
        let bytes = 0;
        for (const layout of job.layouts) {
          const png = renderPng(layout, config.dpi);
          await driver.printImage(queue, png, { ...pageOf(layout), dpi: config.dpi });
          bytes += png.length;
        }
        return done(bytes);
      }
      // Windows without Electron has no documented way to hand a PDF to a driver by itself.
      if (windows) throw new AppError('INVALID_INPUT', msg('devices.system.pdfNeedsDesktop'), { field: 'kind' });
      const pdf = await (await import('../labels/pdf.renderer')).renderPdf(job.layouts, config.dpi);
      const [first] = job.layouts;
      await printToCups({ queue, data: pdf, raw: false, title: job.title, ...(first ? { media: pageOf(first) } : {}) });
      return done(pdf.length);
    },
  };
}
