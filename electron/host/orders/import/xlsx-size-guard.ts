import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { NamedBytes } from './csv-file';

/**
 * An XLSX is a zip of XML, and a zip can claim anything: 424 KB of DEFLATE inflates to 400 MB of
 * XML, which the workbook reader would hold in memory at about fifteen times that. Before a
 * workbook reaches the reader, its central directory is read (yauzl) and its entries counted and
 * their declared sizes summed; then every entry is inflated once, counted and thrown away, so a
 * directory that lies is caught too (yauzl fails a stream that outgrows its declared size).
 */

export const XLSX_LIMITS = {
  /** A 千牛 export has under 20 entries; images or many sheets stay far below this. */
  maxEntries: 1000,
  /**
   * XML bytes once unzipped. A 千牛 export takes ~2.4 KB per order for both sheets (measured), so
   * this is ~25 000 orders per workbook; the reader then peaks near 1 GB.
   */
  maxUnzippedBytes: 64 * 1024 * 1024,
};
export type XlsxLimits = typeof XLSX_LIMITS;

const MIB = 1024 * 1024;

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Inflates a stream only to count it, stopping once `budget` bytes are passed. */
async function countBytes(stream: Readable, budget: number): Promise<number> {
  let n = 0;
  for await (const chunk of stream) {
    n += (chunk as Buffer).length;
    if (n > budget) {
      stream.destroy();
      break;
    }
  }
  return n;
}

/**
 * @throws AppError INVALID_INPUT when the file is not a readable zip, holds too many entries, or
 * unzips (as declared or as inflated) to more than the limit
 */
export async function checkXlsxSize(file: NamedBytes, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const notWorkbook = (): AppError => new AppError('INVALID_INPUT', msg('import.xlsx.notWorkbook', { file: file.name }));
  const tooBig = (): AppError => new AppError('INVALID_INPUT', msg('import.xlsx.tooBig', { file: file.name, max: limits.maxUnzippedBytes / MIB }));
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  let zip: ZipFile;
  let entries: Entry[];
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw notWorkbook();
  }
  if (zip.entryCount > limits.maxEntries) {
    throw new AppError('INVALID_INPUT', msg('import.xlsx.tooManyEntries', { file: file.name, count: zip.entryCount, max: limits.maxEntries }));
  }
  try {
    entries = await readEntries(zip);
  } catch {
    throw notWorkbook();
  }
  if (entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > limits.maxUnzippedBytes) throw tooBig();
  let left = limits.maxUnzippedBytes;
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    try {
      left -= await countBytes(await zip.openReadStreamPromise(entry), left);
    } catch (e) {
      // yauzl's words for an entry that inflates past the size its directory declared.
      throw e instanceof Error && /too many bytes/i.test(e.message) ? tooBig() : notWorkbook();
    }
    if (left < 0) throw tooBig();
  }
}
