import { PNG } from 'pngjs';

/** One `GS v 0` raster image found in an ESC/POS stream: 1 = black dot, rows MSB first. */
export type EscposRaster = { offset: number; width: number; height: number; bytesPerRow: number; data: Buffer };

/**
 * Finds the `GS v 0 m xL xH yL yH d…` images in an ESC/POS byte stream the way a printer reads
 * them (the header says how many data bytes follow, so image data is never mistaken for commands).
 * Other commands are skipped byte by byte; this is a test reader, not a full ESC/POS parser.
 */
export function decodeRasters(bytes: Buffer): EscposRaster[] {
  const out: EscposRaster[] = [];
  let i = 0;
  while (i + 8 <= bytes.length) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const bytesPerRow = (bytes[i + 4] as number) + 256 * (bytes[i + 5] as number);
      const height = (bytes[i + 6] as number) + 256 * (bytes[i + 7] as number);
      const size = bytesPerRow * height;
      const data = bytes.subarray(i + 8, i + 8 + size);
      if (data.length !== size) throw new Error(`GS v 0 at ${i} promises ${size} bytes, ${data.length} follow`);
      out.push({ offset: i, width: bytesPerRow * 8, height, bytesPerRow, data });
      i += 8 + size;
    } else {
      i++;
    }
  }
  return out;
}

/** The rasters stacked top to bottom into one image (they are printed one after another). */
export function stackRasters(rasters: EscposRaster[]): EscposRaster {
  const width = Math.max(0, ...rasters.map((r) => r.width));
  const bytesPerRow = width / 8;
  const height = rasters.reduce((n, r) => n + r.height, 0);
  const data = Buffer.alloc(bytesPerRow * height);
  let row = 0;
  for (const r of rasters) {
    for (let y = 0; y < r.height; y++) r.data.copy(data, (row + y) * bytesPerRow, y * r.bytesPerRow, (y + 1) * r.bytesPerRow);
    row += r.height;
  }
  return { offset: 0, width, height, bytesPerRow, data };
}

export const dot = (r: EscposRaster, x: number, y: number): number => ((r.data[y * r.bytesPerRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;

/** Rows that carry any ink. */
export function inkedRows(r: EscposRaster): number[] {
  const rows: number[] = [];
  for (let y = 0; y < r.height; y++) {
    if (r.data.subarray(y * r.bytesPerRow, (y + 1) * r.bytesPerRow).some((b) => b !== 0)) rows.push(y);
  }
  return rows;
}

/** A PNG (as rendered for the printer) thresholded the way node-thermal-printer does, as a raster. */
export function pngToRaster(png: Buffer): EscposRaster {
  const img = PNG.sync.read(png);
  const bytesPerRow = Math.ceil(img.width / 8);
  const data = Buffer.alloc(bytesPerRow * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const grey = 0.2126 * (img.data[i] as number) + 0.7152 * (img.data[i + 1] as number) + 0.0722 * (img.data[i + 2] as number);
      if ((img.data[i + 3] as number) > 126 && grey < 128) data[y * bytesPerRow + (x >> 3)] = (data[y * bytesPerRow + (x >> 3)] as number) | (0x80 >> (x & 7));
    }
  }
  return { offset: 0, width: bytesPerRow * 8, height: img.height, bytesPerRow, data };
}
