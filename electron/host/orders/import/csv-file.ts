import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { CsvSyntaxError, forEachCsvRecord, isBlankRecord, sniffDelimiter, type CsvReadOptions } from './csv-records';
import { decodeText, encodingLabel, UndecodableText } from './decode-text';
import { normaliseHeader } from './header-aliases';
import { columnLetter, StopFile, type RowErrors } from './row-errors';
import { decodedTextHasForbidden, forbiddenInCell, forbiddenInText } from './text-guards';

/**
 * Reading a CSV file as hostile input, for every CSV importer: strict decoding (a damaged file is
 * named with the row where decoding fails), refused characters, cell length caps, rows of the
 * wrong width, unterminated quotes. The importer sees only rows whose problems are already
 * recorded, with the file, the row and the column as the file spells its header.
 */

export type NamedBytes = { name: string; bytes: Uint8Array };

/** What an importer wants of the file's columns, decided from its header row. */
export type CsvPlan = {
  /** Columns worth materialising (see CsvReadOptions.keep). */
  keep?: readonly boolean[];
  /** Most characters per cell, by column; columns without an entry get {@link MAX_CELL_CHARS}. */
  caps?: readonly (number | undefined)[];
  /** Columns holding codes or ids, where no control or format character is allowed at all. */
  codes?: readonly boolean[];
  /** A leading apostrophe (our own export's guard against formulas) is not counted against a cap. */
  apostrophe?: boolean;
};

export type CsvWalk = {
  /**
   * Gets the header record and each column's name for messages (the header as the file spells
   * it, or its letter); may say which columns matter.
   */
  header(fields: string[], names: readonly string[]): CsvPlan | void;
  /**
   * Gets every later record with its spreadsheet row and the share of the file read so far.
   * `fields` is reused for the next record: copy it to keep it.
   */
  row(fields: string[], row: number, fraction: number): void;
};

export type CsvFileOptions = {
  encoding?: 'auto' | 'gbk' | 'utf-8';
  /** `'auto'` picks comma, tab or semicolon from the header line. */
  delimiter?: string;
  /**
   * `'exact'`: a row must have as many cells as the header (platform exports always do; a short
   * row is a broken line). `'no-extra'`: trailing cells may be missing (hand-made lists drop them),
   * but no filled cell may stand past the header (an unquoted comma).
   */
  width?: 'exact' | 'no-extra';
};

/** Any cell longer than this is refused: no field of an order or a SKU comes near it. */
export const MAX_CELL_CHARS = 10_000;
/** Headers longer than this, or holding refused characters, are named by their column letter. */
const MAX_HEADER_NAME = 64;

/** Each column's name in messages: its header as the file spells it, or its letter when that is empty, long or unprintable. */
export function headerNames(header: readonly string[]): string[] {
  return header.map((h, i) => {
    const name = normaliseHeader(h);
    return name === '' || name.length > MAX_HEADER_NAME || forbiddenInText(name) !== null ? columnLetter(i) : name;
  });
}

/** The row a decoding failure falls in: the records of the clean text before it, the last one open. */
export function rowAtEnd(before: string, delimiter: string): number {
  let rows = 0;
  try {
    forEachCsvRecord(before, (_f, row) => {
      rows = row;
    }, { delimiter, keep: [false] });
  } catch (e) {
    if (e instanceof CsvSyntaxError) return e.row;
    throw e;
  }
  return before === '' || /[\r\n]$/.test(before) ? rows + 1 : rows;
}

const delimiterOf = (text: string, wanted: string | undefined): string =>
  wanted === 'auto' ? sniffDelimiter(text.slice(0, Math.max(0, text.search(/\r|\n/)) || 4096)) : (wanted ?? ',');

/** Decodes a file, recording a decoding failure against its row. */
export function decodeFile(file: NamedBytes, errors: RowErrors, opts: CsvFileOptions): string {
  try {
    return decodeText(file.bytes, opts.encoding ?? 'auto').text;
  } catch (e) {
    if (!(e instanceof UndecodableText)) throw e;
    const row = rowAtEnd(e.before, delimiterOf(e.before, opts.delimiter));
    const key = e.claimed ? 'import.file.notDecodableAsClaimed' : 'import.file.notDecodable';
    errors.add(file.name, row, undefined, msg(key, { encoding: encodingLabel(e.encoding) }));
    throw new StopFile();
  }
}

/**
 * Decodes and walks a CSV file, recording every problem in `errors`.
 * @throws StopFile after a problem that ends the reading (see untilStopped)
 * @throws AppError INVALID_INPUT for a file with no header row at all
 */
export function walkCsvFile(file: NamedBytes, errors: RowErrors, walk: CsvWalk, opts: CsvFileOptions = {}): void {
  const text = decodeFile(file, errors, opts);
  const total = text.length || 1;
  // Cells are checked one by one only when the file holds a refused character somewhere.
  const hostile = decodedTextHasForbidden(text);
  const read: CsvReadOptions = { delimiter: delimiterOf(text, opts.delimiter), reuseFields: true };
  let names: string[] = [];
  let plan: CsvPlan = {};
  const column = (i: number): string => names[i] ?? columnLetter(i);
  const checkCells = (fields: readonly string[], row: number): void => {
    const { caps, codes, apostrophe } = plan;
    for (let i = 0; i < fields.length; i++) {
      const cell = fields[i] as string;
      if (cell === '') continue;
      const max = caps?.[i] ?? MAX_CELL_CHARS;
      const length = apostrophe === true && cell.startsWith("'") ? cell.length - 1 : cell.length;
      if (length > max) errors.add(file.name, row, column(i), msg('import.cell.tooLong', { length, max }));
      const bad = forbiddenInCell(cell, codes?.[i] === true, hostile);
      if (bad !== null) errors.add(file.name, row, column(i), msg('import.cell.control', { char: bad }));
    }
  };
  let width = 0;
  try {
    forEachCsvRecord(
      text,
      (fields, row, end) => {
        if (width === 0) {
          width = fields.length;
          names = headerNames(fields);
          if (hostile) checkCells(fields, row);
          plan = walk.header(fields.slice(), names) ?? {};
          // A hostile file is read whole: a refused character in any column is reported.
          if (plan.keep && !hostile) read.keep = plan.keep;
          return;
        }
        if (isBlankRecord(fields)) {
          // A row of spaces and a vertical tab is still a row holding a refused character.
          if (hostile) checkCells(fields, row);
          return;
        }
        const short = fields.length < width && opts.width === 'exact';
        if (short) {
          errors.add(file.name, row, column(fields.length), msg('import.row.tooFewColumns', { expected: width, actual: fields.length }));
        }
        for (let i = width; i < fields.length; i++) {
          if ((fields[i] ?? '').trim() === '') continue;
          errors.add(file.name, row, column(i), msg('import.row.tooManyColumns', { expected: width, actual: fields.length }));
          return;
        }
        checkCells(fields, row);
        // A short row's cells have slid into the wrong columns: reading them would only add noise.
        if (!short) walk.row(fields, row, end / total);
      },
      read,
    );
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    errors.add(file.name, e.row, undefined, msg('import.file.unterminatedQuote'));
    throw new StopFile();
  }
  if (width === 0) throw new AppError('INVALID_INPUT', msg('import.file.empty', { file: file.name }));
}
