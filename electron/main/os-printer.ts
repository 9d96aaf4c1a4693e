import { BrowserWindow, type WebContents } from 'electron';
import type { SystemPrinter } from '#shared/contract/devices.contract';
import { isSystemPrinterName } from '#shared/domain/printer-target';
import type { DriverPrinting } from '../host/devices/printer.port';

/**
 * Driver printing for the desktop app: the printers Electron's print dialog knows
 * (webContents.getPrintersAsync), and a label printed through a printer's driver
 * (webContents.print) as one image at the printer's own dots, on a page exactly the label's size.
 * The known silent-print pitfalls (research/hardware.md §3.2): pageSize is given in microns, margins
 * are none and the page is sized in CSS too, so the driver's default (A4, or a tiny scale) never
 * applies; the image is drawn pixel for pixel, so barcode bars stay whole printer dots.
 * Not testable on the build machines (no Electron runtime there): verify on a desktop before release.
 */
export function createDriverPrinting(owner: () => WebContents | null): DriverPrinting {
  return {
    async list() {
      const contents = owner();
      if (!contents) return [];
      const printers = await contents.getPrintersAsync();
      return printers
        .filter((p) => isSystemPrinterName(p.name))
        .slice(0, 200)
        .map((p): SystemPrinter => {
          const options = (p.options ?? {}) as Record<string, string | undefined>;
          // CUPS reports printer-state 3 idle, 4 printing, 5 stopped; Windows has no such field.
          const state = options['printer-state'] === '5' ? 'disabled' : options['printer-state'] === '4' ? 'printing' : options['printer-state'] === '3' ? 'idle' : 'unknown';
          return { name: p.name, state, reason: (options['printer-state-reasons'] ?? '').replace(/^none$/, '').slice(0, 200), isDefault: options['is-default'] === 'true' };
        });
    },
    async printImage(printer, png, page) {
      const window = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
      try {
        const w = `${page.widthMm}mm`;
        const h = `${page.heightMm}mm`;
        const html = `<!doctype html><meta charset="utf-8"><style>@page{size:${w} ${h};margin:0}html,body{margin:0;padding:0}
img{display:block;width:${w};height:${h};image-rendering:pixelated}</style><img src="data:image/png;base64,${png.toString('base64')}">`;
        await window.loadURL(`data:text/html;base64,${Buffer.from(html).toString('base64')}`);
        await new Promise<void>((resolve, reject) => {
          window.webContents.print(
            {
              silent: true, deviceName: printer, printBackground: true, color: false,
              margins: { marginType: 'none' }, scaleFactor: 100,
              pageSize: { width: Math.round(page.widthMm * 1000), height: Math.round(page.heightMm * 1000) },
              dpi: { horizontal: page.dpi, vertical: page.dpi },
            },
            // `success` only means the spooler took the job (there is no job id).
            (success, failureReason) => (success ? resolve() : reject(new Error(failureReason || 'print failed'))),
          );
        });
      } finally {
        window.destroy();
      }
    },
  };
}
