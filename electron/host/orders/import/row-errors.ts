import type { RowError } from '#shared/contract/common';
import { msg, type Message } from '#shared/i18n/message';

/**
 * The problems of one import, as a person reads them: each names its file (and sheet), row and
 * column. The same problem in many rows of one column is one entry with a count and the first
 * rows (a second export joined to the wrong first one would otherwise list ninety identical lines),
 * and, when it quotes the bad value, the other values it was found with: each is a cell to fix.
 */

/** Past this many distinct problems, more add nothing a person can act on; the last entry says how many were left out. */
const MAX_ROW_ERRORS = 500;
const LISTED_ROWS = 5;
/** Other bad values an entry lists after its own; the rest are counted. */
const LISTED_VALUES = 10;
/** Distinct values kept per entry to count the rest (a file of 100k bad rows needs no more). */
const KEPT_VALUES = 10_000;

/** The bad value a problem quotes (a cell, a barcode, a code), if it quotes one. */
function quoted(message: Message): string | undefined {
  const v = message.params?.['value'] ?? message.params?.['barcode'] ?? message.params?.['code'];
  return typeof v === 'string' ? v : undefined;
}

/** A file, or a sheet of a workbook. */
export type Place = string | { file: string; sheet?: string };

type Group = { error: RowError; count: number; rows: number[]; values: Set<string> };

export class RowErrors {
  private readonly groups = new Map<string, Group>();
  private dropped = 0;
  private firstDropped: RowError | null = null;
  private total = 0;
  /** The cells of the latest row that already have a problem: one problem per cell is enough. */
  private cellsOfRow = { row: '', columns: new Set<string>() };

  add(place: Place, row: number, column: string | undefined, message: Message): void {
    const { file, sheet } = typeof place === 'string' ? { file: place, sheet: undefined } : place;
    const rowKey = `${file}\u0000${sheet ?? ''}\u0000${row}`;
    if (this.cellsOfRow.row !== rowKey) this.cellsOfRow = { row: rowKey, columns: new Set() };
    if (column !== undefined) {
      if (this.cellsOfRow.columns.has(column)) return;
      this.cellsOfRow.columns.add(column);
    }
    this.total++;
    const key = `${file}\u0000${sheet ?? ''}\u0000${column ?? ''}\u0000${message.key}`;
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      if (group.rows.length < LISTED_ROWS) group.rows.push(row);
      const value = quoted(message);
      if (value !== undefined && value !== quoted(group.error.msg) && group.values.size < KEPT_VALUES) group.values.add(value);
      return;
    }
    const error: RowError = { file, ...(sheet === undefined ? {} : { sheet }), row, ...(column === undefined ? {} : { column }), msg: message };
    if (this.groups.size < MAX_ROW_ERRORS) {
      this.groups.set(key, { error, count: 1, rows: [row], values: new Set() });
    } else {
      this.dropped++;
      this.firstDropped ??= error;
    }
  }

  /** Problems found so far, each repeat counted. */
  get count(): number {
    return this.total;
  }

  /** The problems in the order first met, with a closing note when some were left out. */
  result(): RowError[] {
    const out = [...this.groups.values()].map((g) => (g.count === 1 ? g.error : { ...g.error, msg: withValues(g), repeats: { count: g.count, rows: g.rows } }));
    const first = this.firstDropped;
    if (first === null) return out;
    const { file, sheet, row } = first;
    return [...out, { file, ...(sheet === undefined ? {} : { sheet }), row, msg: msg('import.moreProblems', { count: this.dropped }) }];
  }
}

function withValues({ error, values }: Group): Message {
  if (values.size === 0) return error.msg;
  const listed = [...values].slice(0, LISTED_VALUES).map((v) => `“${v}”`).join(', ');
  const more = values.size > LISTED_VALUES ? msg('report.moreValues', { count: values.size - LISTED_VALUES }) : '';
  return msg('report.alsoValues', { problem: error.msg, values: listed, more });
}

/**
 * Ends the reading of a file after a problem that makes the rest unreadable (a missing column, a
 * broken quote, bytes that do not decode); the problem itself is already in the RowErrors.
 */
export class StopFile extends Error {
  constructor() {
    super('the file cannot be read further');
    this.name = 'StopFile';
  }
}

/** Problems found before any parser ran (a header that does not decode): the import is rejected with them. */
export class ImportRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super('the import is rejected');
    this.name = 'ImportRejected';
  }
}

/** Runs a reader, treating StopFile as the normal end of a rejected file; false when it stopped. */
export function untilStopped(read: () => void): boolean {
  try {
    read();
    return true;
  } catch (e) {
    if (!(e instanceof StopFile)) throw e;
    return false;
  }
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA': a column as a spreadsheet labels it, for columns without a header. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
