import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { effectiveCjkMode, type PrinterConfig, type PrintResult } from '#shared/contract/devices.contract';
import { renderPng } from '../labels/raster';
import { encodeTspl } from '../labels/tspl.encoder';
import { encodeZpl } from '../labels/zpl.encoder';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
import { writeDeviceFile } from './device-file.transport';
import type { LabelPrinter, PrinterStatus, PrintJob } from './printer.port';
import { systemPrinter, type SystemPrinting } from './system-printer';
import { printerTransport } from '#shared/domain/printer-target';
import {
  decodeTsplStatus,
  decodeZplStatus,
  openTcp9100,
  TSPL_STATUS_QUERY,
  tsplStatusComplete,
  ZPL_STATUS_QUERY,
  zplStatusComplete,
  type Tcp9100Connection,
  type Tcp9100Timeouts,
} from './tcp9100.transport';

export type PrinterDefaults = {
  /** Where PNG/PDF printers write: the station's labels folder, and nowhere else. */
  labelsFolder: string;
  /** Overrides for tests; production uses the transport defaults. */
  timeouts?: Partial<Tcp9100Timeouts>;
  statusTimeoutMs?: number;
  /** The system's printers: Electron's driver printing in the desktop app, the platform for tests. */
  system?: SystemPrinting;
};

/**
 * Builds the printer a configuration describes. Cheap; callers keep one per configuration. Where a
 * raw printer may send is the caller's check (printerConfigProblem); this builds what it is given.
 */
export function createPrinter(config: PrinterConfig, defaults: PrinterDefaults): LabelPrinter {
  if (printerTransport(config) === 'system') return systemPrinter(config, rawEncoder(config), defaults.system ?? {});
  switch (config.kind) {
    case 'png':
    case 'pdf':
      return filePrinter(config, defaults.labelsFolder);
    case 'tspl':
    case 'zpl':
      return rawPrinter(config, defaults);
  }
}

function filePrinter(config: PrinterConfig, folder: string): LabelPrinter {
  const kind = config.kind;
  const name = `${kind.toUpperCase()} → ${folder}`;
  return {
    name,
    async print(job) {
      requirePages(job);
      const base = safeFileName(job.title);
      const files: Array<[string, Buffer]> =
        kind === 'pdf'
          ? [[`${base}.pdf`, await (await import('../labels/pdf.renderer')).renderPdf(job.layouts, config.dpi)]]
          : job.layouts.map((layout, i) => [`${base}${i === 0 ? '' : `-p${i + 1}`}.png`, renderPng(layout, config.dpi)]);
      let bytes = 0;
      const written: string[] = [];
      for (const [name, data] of files) {
        written.push(await writeAtomically(folder, name, data));
        bytes += data.length;
      }
      return { printer: name, bytes, file: written[0] ?? null };
    },
  };
}

function rawPrinter(config: PrinterConfig, defaults: PrinterDefaults): LabelPrinter {
  const host = config.host.trim();
  const devicePath = config.devicePath.trim();
  const language = config.kind === 'tspl' ? 'TSPL' : 'ZPL';
  const encode = rawEncoder(config);

  if (!host) {
    const name = `${language} → ${devicePath || '(no device)'}`;
    return {
      name,
      async print(job) {
        requirePages(job);
        if (!devicePath) throw new AppError('INVALID_INPUT', msg('devices.needTarget'), { field: 'host' });
        const data = encode(job);
        return { printer: name, bytes: await writeDeviceFile(devicePath, data), file: null };
      },
    };
  }

  const target = { host, port: config.port };
  const statusTimeoutMs = defaults.statusTimeoutMs ?? 500;
  // Not every printer answers status queries. After the first silence we stop asking (so a label
  // never waits on a question nobody answers); a printer that answered before and now is silent
  // is treated as hung.
  let answersStatus: boolean | undefined;

  const askStatus = async (conn: Tcp9100Connection): Promise<PrinterStatus | null> => {
    const reply =
      config.kind === 'tspl'
        ? await conn.request(TSPL_STATUS_QUERY, tsplStatusComplete, statusTimeoutMs)
        : await conn.request(ZPL_STATUS_QUERY, zplStatusComplete, statusTimeoutMs);
    if (!reply) return null;
    return config.kind === 'tspl' ? decodeTsplStatus(reply) : decodeZplStatus(reply);
  };

  const name = `${language} → ${host}:${config.port}`;
  return {
    name,
    async print(job) {
      requirePages(job);
      // Encode before connecting: a label that cannot be encoded should not touch the printer.
      const data = encode(job);
      const conn = await openTcp9100(target, defaults.timeouts);
      try {
        if (answersStatus !== false) {
          const status = await askStatus(conn);
          if (status === null) {
            if (answersStatus === true) {
              throw new AppError('DEVICE_UNAVAILABLE', msg('devices.tcp.silent', { where: `${host}:${config.port}` }), target);
            }
            answersStatus = false;
          } else {
            answersStatus = true;
            if (!status.ready) throw new AppError('PRINT_FAILED', status.message, { ...target, status });
          }
        }
        const bytes = await conn.send(data);
        return { printer: name, bytes, file: null } satisfies PrintResult;
      } finally {
        conn.destroy();
      }
    },
    async queryStatus() {
      // A printer known not to answer is not asked (each question would wait out its timeout).
      if (answersStatus === false) return null;
      const conn = await openTcp9100(target, defaults.timeouts);
      try {
        const status = await askStatus(conn);
        if (status !== null) answersStatus = true;
        return status;
      } finally {
        conn.destroy();
      }
    },
  };
}

/** TSPL or ZPL bytes for every page of a job. */
const rawEncoder = (config: PrinterConfig) => (job: PrintJob): Buffer =>
  Buffer.concat(
    job.layouts.map((layout) => {
      const options = { dpi: config.dpi, cjkMode: effectiveCjkMode(config) };
      return config.kind === 'zpl' ? encodeZpl(layout, options) : encodeTspl(layout, options);
    }),
  );

function requirePages(job: PrintJob): void {
  if (job.layouts.length === 0) throw new AppError('INVALID_INPUT', msg('devices.nothingToPrint'));
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A title made safe as a file name: letters (including Chinese), digits, '-', '_' and '.' only,
 * no leading dot, no Windows device names, at most 100 characters. Path separators and '..'
 * cannot survive, so a title can never leave the labels folder.
 */
export function safeFileName(title: string): string {
  let name = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._]+/, '')
    .replace(/[._]+$/, '')
    .slice(0, 100);
  if (WINDOWS_RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  return name || 'label';
}

/**
 * Writes through a temporary file and a rename, so a viewer or a crash never sees half a label.
 * Labels carry receivers' names and addresses: the folder is 0700 and each file 0600.
 */
async function writeAtomically(folder: string, name: string, data: Buffer): Promise<string> {
  const root = path.resolve(folder);
  const file = path.join(root, name);
  if (path.dirname(file) !== root) throw new AppError('INVALID_INPUT', msg('devices.unsafeFileName', { name }));
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(root, { recursive: true, mode: PRIVATE_DIR_MODE });
    await fs.writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
    await fs.rename(tmp, file);
    return file;
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    throw new AppError('PRINT_FAILED', msg('devices.cannotSaveLabel', { folder: root, reason: e.code ?? e.message }), { folder: root, code: e.code });
  }
}
