import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printerConfigSchema, type PrinterConfig } from '#shared/contract/devices.contract';
import { decodeBarcodes } from '../../../test/helpers/barcode-decode';
import { samplePickSlip, sampleWaybill } from '../../../test/helpers/label-fixtures';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../../../test/fakes/tcp-printer.fake';
import { buildPickSlipLayouts } from '../labels/pick-slip-layout';
import { encodeTspl } from '../labels/tspl.encoder';
import { encodeZpl } from '../labels/zpl.encoder';
import { buildWaybillLayout } from '../labels/waybill-layout';
import { createPrinter, safeFileName } from './printer-factory';

const config = (c: Partial<PrinterConfig>) => printerConfigSchema.parse(c);
const waybill = (size: PrinterConfig['labelSize'] = '100x150') => buildWaybillLayout(sampleWaybill(), size);
const fast = { statusTimeoutMs: 200, timeouts: { connectTimeoutMs: 1000, idleTimeoutMs: 1000, closeGraceMs: 300 } };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'packdesk-labels-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file printers', () => {
  for (const size of ['100x150', '76x130'] as const) {
    it(`saves a ${size} PNG named after the tracking number that scans back`, async () => {
      const printer = createPrinter(config({ kind: 'png', labelSize: size }), { labelsFolder: dir });
      const result = await printer.print({ layouts: [waybill(size)], title: 'SF1234567890123' });
      expect(result.file).toBe(path.join(dir, 'SF1234567890123.png'));
      const png = await readFile(result.file!);
      expect(result.bytes).toBe(png.length);
      expect((await decodeBarcodes(png)).map((d) => d.text)).toEqual(['SF1234567890123', 'SF1234567890123']);
    });
  }

  it('saves further pages with a -p2, -p3 suffix, into a labels folder it creates as 0700, each file 0600', async () => {
    const folder = path.join(dir, 'labels');
    const printer = createPrinter(config({ kind: 'png' }), { labelsFolder: folder });
    const layouts = buildPickSlipLayouts(samplePickSlip(40), '76x130');
    expect(layouts.length).toBeGreaterThanOrEqual(3);
    await printer.print({ layouts, title: 'pick-3847562910384756291' });
    const files = (await readdir(folder)).sort();
    expect(files).toEqual(['pick-3847562910384756291.png', ...layouts.slice(1).map((_, i) => `pick-3847562910384756291-p${i + 2}.png`)].sort());
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    for (const file of files) expect((await stat(path.join(folder, file))).mode & 0o777, file).toBe(0o600);
  });

  it('saves a PDF with one page per layout', async () => {
    const printer = createPrinter(config({ kind: 'pdf' }), { labelsFolder: dir });
    const result = await printer.print({ layouts: [waybill(), waybill()], title: 'SF1234567890123' });
    expect(result.file).toBe(path.join(dir, 'SF1234567890123.pdf'));
    const doc = await PDFDocument.load(await readFile(result.file!));
    expect(doc.getPageCount()).toBe(2);
  });

  it('never writes outside the labels folder, whatever the title', async () => {
    const printer = createPrinter(config({ kind: 'png' }), { labelsFolder: dir });
    for (const title of ['../../etc/passwd', '..\\..\\evil', '/abs/path', '.hidden', 'con', '']) {
      const result = await printer.print({ layouts: [waybill()], title });
      expect(path.dirname(result.file!)).toBe(dir);
    }
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('顺丰 SF123/1')).toBe('顺丰_SF123_1');
    expect(safeFileName('con')).toBe('_con');
    expect(safeFileName('...')).toBe('label');
  });

  it('refuses an empty job and reports an unwritable folder as PRINT_FAILED', async () => {
    const printer = createPrinter(config({ kind: 'png' }), { labelsFolder: dir });
    await expect(printer.print({ layouts: [], title: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const blocked = createPrinter(config({ kind: 'png' }), { labelsFolder: path.join(dir, 'SF1234567890123.png', 'sub') });
    await printer.print({ layouts: [waybill()], title: 'SF1234567890123' });
    await expect(blocked.print({ layouts: [waybill()], title: 'x' })).rejects.toMatchObject({ code: 'PRINT_FAILED' });
  });
});

describe('raw printers over TCP 9100', () => {
  let fake: FakeTcpPrinter;
  beforeEach(async () => {
    fake = await startFakeTcpPrinter();
  });
  afterEach(async () => {
    await fake.close();
  });
  const raw = (kind: 'tspl' | 'zpl', extra: Partial<PrinterConfig> = {}) =>
    createPrinter(config({ kind, host: fake.host, port: fake.port, ...extra }), { labelsFolder: dir, ...fast });

  it('delivers a TSPL job byte for byte after asking for status', async () => {
    const printer = raw('tspl');
    const result = await printer.print({ layouts: [waybill()], title: 'SF1234567890123' });
    const expected = encodeTspl(waybill(), { dpi: 203, cjkMode: 'printer-font' });
    expect((await fake.waitForJob(1)).equals(expected)).toBe(true);
    expect(result).toEqual({ printer: `TSPL → ${fake.host}:${fake.port}`, bytes: expected.length, file: null });
    expect(fake.connections[0]!.subarray(0, 3)).toEqual(Buffer.from([0x1b, 0x21, 0x3f]));
    expect(fake.statusQueries).toBe(1);
  });

  it('delivers a multi-page ZPL job byte for byte', async () => {
    const printer = raw('zpl', { cjkMode: 'bitmap' });
    const layouts = [waybill(), waybill('100x150')];
    await printer.print({ layouts, title: 'SF1234567890123' });
    const expected = Buffer.concat(layouts.map((l) => encodeZpl(l, { dpi: 203, cjkMode: 'bitmap' })));
    expect((await fake.waitForJob(1)).equals(expected)).toBe(true);
    expect(fake.connections[0]!.subarray(0, 3).toString()).toBe('~HS');
  });

  it('reports paper out as PRINT_FAILED and sends nothing', async () => {
    fake.setStatus(0x04);
    await expect(raw('tspl').print({ layouts: [waybill()], title: 't' })).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.status.paperOut' } });
    await expect(raw('zpl').print({ layouts: [waybill()], title: 't' })).rejects.toMatchObject({ code: 'PRINT_FAILED', msg: { key: 'devices.status.paperOut' } });
    expect(fake.jobs).toEqual([]);
  });

  it('reads the status on request: ready, head open, paused', async () => {
    const printer = raw('tspl');
    expect(await printer.queryStatus!()).toMatchObject({ ready: true, raw: '0x00' });
    fake.setStatus(0x01 | 0x20);
    expect(await printer.queryStatus!()).toMatchObject({ ready: false, reasons: [{ key: 'devices.status.headOpen' }] });
    fake.setStatus(0x10);
    expect(await raw('zpl').queryStatus!()).toMatchObject({ ready: false, reasons: [{ key: 'devices.status.paused' }] });
  });

  it('a refused connection is DEVICE_UNAVAILABLE naming host:port', async () => {
    await fake.setMode('refuse');
    const error = await raw('tspl').print({ layouts: [waybill()], title: 't' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEVICE_UNAVAILABLE', msg: { key: 'devices.tcp.refused', params: { where: `${fake.host}:${fake.port}` } } });
  });

  it('a printer that answered status before and now hangs is DEVICE_UNAVAILABLE, and gets no job', async () => {
    const printer = raw('tspl');
    await printer.print({ layouts: [waybill()], title: 'first' });
    await fake.setMode('hang');
    await expect(printer.print({ layouts: [waybill()], title: 'second' })).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    expect(fake.jobs).toHaveLength(1);
  });

  it('a printer that does not speak status queries still prints, and is asked only once', async () => {
    const silent = await startFakeTcpPrinter({ status: null });
    try {
      const printer = createPrinter(config({ kind: 'tspl', host: silent.host, port: silent.port }), { labelsFolder: dir, ...fast });
      const expected = encodeTspl(waybill(), { dpi: 203, cjkMode: 'printer-font' });
      await printer.print({ layouts: [waybill()], title: 'a' });
      await printer.print({ layouts: [waybill()], title: 'b' });
      // The unanswered query reached the printer as stray bytes before the first job only.
      expect((await silent.waitForJob(1)).equals(Buffer.concat([Buffer.from([0x1b, 0x21, 0x3f]), expected]))).toBe(true);
      expect((await silent.waitForJob(2)).equals(expected)).toBe(true);
    } finally {
      await silent.close();
    }
  });

  it('a reset in the middle of the job is PRINT_FAILED', async () => {
    await fake.setMode('reset-mid-job');
    const printer = raw('tspl', { cjkMode: 'bitmap' });
    await expect(printer.print({ layouts: [waybill()], title: 't' })).rejects.toMatchObject({ code: 'PRINT_FAILED' });
  });

  it('a printer with neither host nor device path is a configuration error', async () => {
    const printer = createPrinter(config({ kind: 'zpl' }), { labelsFolder: dir });
    await expect(printer.print({ layouts: [waybill()], title: 't' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('raw printers on a device file', () => {
  it('writes the whole TSPL job to a character device', async () => {
    // /dev/null is the one character device every Linux has; the job's bytes are checked over TCP above.
    const printer = createPrinter(config({ kind: 'tspl', devicePath: '/dev/null' }), { labelsFolder: dir });
    const result = await printer.print({ layouts: [waybill()], title: 't' });
    expect(result.bytes).toBe(encodeTspl(waybill(), { dpi: 203, cjkMode: 'printer-font' }).length);
  });

  it('never appends to a regular file a device path points at', async () => {
    const file = path.join(dir, 'lp0');
    await writeFile(file, 'keep me\n');
    const printer = createPrinter(config({ kind: 'tspl', devicePath: file }), { labelsFolder: dir });
    await expect(printer.print({ layouts: [waybill()], title: 't' })).rejects.toMatchObject({ code: 'INVALID_INPUT', msg: { key: 'devices.file.notADevice' } });
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
  });

  it('a missing device is DEVICE_UNAVAILABLE and no file is created', async () => {
    const device = path.join(dir, 'usb', 'lp9');
    const printer = createPrinter(config({ kind: 'zpl', devicePath: device }), { labelsFolder: dir });
    await expect(printer.print({ layouts: [waybill()], title: 't' })).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    await expect(readFile(device)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
