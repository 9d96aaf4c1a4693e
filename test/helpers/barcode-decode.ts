import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type * as ZplRenderer from 'zpl-renderer-js';

/**
 * Test helpers that read our labels back the way a courier's scanner would: ZPL rendered by
 * zebrash (zpl-renderer-js), TSPL bitmaps unpacked, then decoded by ZXing (zxing-wasm).
 * Everything is local: zxing-wasm is handed its .wasm file, or it would fetch one from a CDN.
 */

export type DecodedBarcode = { format: string; text: string };

const require = createRequire(import.meta.url);
let zxingReady: Promise<unknown> | undefined;

function ensureZxing(): Promise<unknown> {
  zxingReady ??= (() => {
    const file = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return zxingReady;
}

/** Every Code128 and QR code ZXing finds in a PNG (up to `max`: a 交接单 page holds dozens). */
export async function decodeBarcodes(png: Buffer, max = 16): Promise<DecodedBarcode[]> {
  await ensureZxing();
  const results = await readBarcodes(new Uint8Array(png), { formats: ['Code128', 'QRCode'], tryHarder: true, maxNumberOfSymbols: max });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}

/** Renders ZPL offline with zebrash; the ~8 MB module is loaded on first use only. */
export async function zplToPng(zpl: string | Buffer, widthMm: number, heightMm: number, dpmm: number): Promise<Buffer> {
  // Loaded through require: vite would otherwise transform the 8 MB bundle and warn about its missing source map.
  const { ready } = require('zpl-renderer-js') as typeof ZplRenderer;
  const { api } = await ready;
  const text = typeof zpl === 'string' ? zpl : zpl.toString('utf8');
  return Buffer.from(await api.zplToBase64Async(text, widthMm, heightMm, dpmm), 'base64');
}

export type TsplBitmap = { x: number; y: number; widthBytes: number; height: number; offset: number };

/** Finds `BITMAP x,y,widthBytes,height,mode,<raw>` commands in a TSPL job (binary-safe). */
export function findTsplBitmaps(job: Buffer): TsplBitmap[] {
  const found: TsplBitmap[] = [];
  const text = job.toString('latin1');
  const re = /BITMAP (\d+),(\d+),(\d+),(\d+),\d+,/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const [x, y, widthBytes, height] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const offset = m.index + m[0].length;
    found.push({ x, y, widthBytes, height, offset });
    re.lastIndex = offset + widthBytes * height; // skip the payload: it is binary, not commands
  }
  return found;
}

/**
 * Composites every BITMAP of a TSPL job onto a white page (TSPL polarity: a 1 bit is WHITE) and
 * returns it as a PNG. The page size comes from the job's SIZE line and `dpmm`.
 */
export function tsplBitmapsToPng(job: Buffer, dpmm = 8): Buffer {
  const size = /SIZE ([\d.]+) mm,([\d.]+) mm/.exec(job.toString('latin1'));
  if (!size) throw new Error('TSPL job has no SIZE line');
  const width = Math.round(Number(size[1]) * dpmm);
  const height = Math.round(Number(size[2]) * dpmm);
  const png = new PNG({ width, height });
  png.data.fill(255);
  for (const b of findTsplBitmaps(job)) {
    for (let row = 0; row < b.height; row++) {
      for (let col = 0; col < b.widthBytes * 8; col++) {
        const byte = job[b.offset + row * b.widthBytes + (col >> 3)] ?? 0xff;
        const black = (byte & (0x80 >> (col & 7))) === 0;
        const px = b.x + col;
        const py = b.y + row;
        if (px >= width || py >= height) continue;
        const i = (py * width + px) * 4;
        const v = black ? 0 : 255;
        png.data[i] = v;
        png.data[i + 1] = v;
        png.data[i + 2] = v;
      }
    }
  }
  return PNG.sync.write(png);
}
