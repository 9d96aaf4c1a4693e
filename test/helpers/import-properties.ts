import fc from 'fast-check';
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import { rowErrorSchema, type RowError } from '#shared/contract/common';
import { AppError } from '#shared/contract/errors';
import { catalogs } from '#shared/i18n/catalog';
import { messageSchema, type Message } from '#shared/i18n/message';
import { forbiddenChars } from '../fixtures/hostile-files';

/**
 * What every importer promises whatever it is fed, checked on its outcome: it never throws
 * anything but an INVALID_INPUT AppError with a catalog message; every problem it reports names
 * its file and a row (and a column when the problem is in a cell); and what it accepts holds no
 * refused character, and no string longer than the longest cap.
 */

/** Written here independently of the importers' own rules: the characters nothing accepted may hold. */
// eslint-disable-next-line no-control-regex -- the control characters are what is being looked for
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** True when text holds a character no importer may accept. */
export const holdsRefused = (text: string): boolean => REFUSED.test(text);
/** Codes and ids may not even hold whitespace controls or invisible format characters. */
const REFUSED_IN_CODE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const LONGEST_CAP = 2000;
/** Problems about a whole row or a whole file, which have no column. */
const ROW_LEVEL = new Set([
  'import.file.notDecodable', 'import.file.notDecodableAsClaimed', 'import.file.unterminatedQuote', 'import.moreProblems',
]);

function inCatalog(key: string): boolean {
  let node: unknown = catalogs['zh-CN'];
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string';
}

function expectKnownMessage(m: Message): void {
  expect(messageSchema.safeParse(m).success).toBe(true);
  expect(inCatalog(m.key), `catalog key ${m.key}`).toBe(true);
  for (const p of Object.values(m.params ?? {})) if (typeof p === 'object') expectKnownMessage(p);
}

/** Every reported problem well formed and placed; `pool` problems are per line and have no column. */
export function expectPlacedProblems(errors: readonly RowError[], files: readonly string[], opts: { lines?: boolean } = {}): void {
  for (const e of errors) {
    expect(rowErrorSchema.safeParse(e).success).toBe(true);
    expectKnownMessage(e.msg);
    expect(files).toContain(e.file);
    expect(e.row).toBeGreaterThanOrEqual(1);
    const cellLevel = !opts.lines && !ROW_LEVEL.has(e.msg.key);
    if (cellLevel) expect(e.column, `${e.msg.key} names its column`).toEqual(expect.any(String));
  }
}

/** Strings anywhere in an accepted result: none holds a refused character or is overlong. */
export function expectCleanStrings(value: unknown, codeKeys: ReadonlySet<string> = new Set(), key = ''): void {
  if (typeof value === 'string') {
    expect(REFUSED.test(value), `${key} holds a refused character: ${JSON.stringify(value)}`).toBe(false);
    expect(value.length).toBeLessThanOrEqual(LONGEST_CAP);
    if (codeKeys.has(key)) expect(REFUSED_IN_CODE.test(value), `${key} is a code: ${JSON.stringify(value)}`).toBe(false);
  } else if (Array.isArray(value)) {
    for (const v of value) expectCleanStrings(v, codeKeys, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) expectCleanStrings(v, codeKeys, k);
  }
}

/** Runs an importer; a throw must be an INVALID_INPUT AppError with a catalog message. */
export async function outcome<T>(run: () => T | Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const app = e as AppError;
    expect(app.code).toBe('INVALID_INPUT');
    expectKnownMessage(app.msg);
    expect(app.details).toBeUndefined();
    return null;
  }
}

/** A refused character, alone or inside ordinary text. */
export const refusedChar = fc.constantFrom(...forbiddenChars.map(([, c]) => c));

/** Cells as hostile files hold them: any text, refused characters, stray quotes, line breaks, huge values. */
export const hostileCell = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a"b', 'a"b', '\r\n', '\n', '\r', ',', '\t', ';', '="401"', "'138", '4.01235E+18', '', ' ') },
    { weight: 2, arbitrary: fc.tuple(valid, refusedChar, fc.nat()).map(([v, c, at]) => v.slice(0, at % (v.length + 1)) + c + v.slice(at % (v.length + 1))) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 60, max: 12_000 }), fc.constantFrom('9', '王', 'a ')).map(([n, c]) => c.repeat(n)) },
  );

export type CsvShape = { header: string[]; rows: string[][]; proper: boolean; encoding: 'utf-8' | 'utf-8-bom' | 'gb18030'; delimiter: ',' | '\t' };

/** CSV text of a shape: quoted as RFC 4180 says, or (`proper: false`) cells joined raw, quotes and all. */
export function csvBytes(shape: CsvShape): Buffer {
  const d = shape.delimiter;
  const cell = (c: string): string => (shape.proper && (c.includes('"') || c.includes(d) || /[\r\n]/.test(c)) ? `"${c.replaceAll('"', '""')}"` : c);
  const text = [shape.header, ...shape.rows].map((r) => r.map(cell).join(d)).join('\r\n') + '\r\n';
  if (shape.encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  return Buffer.from(shape.encoding === 'utf-8-bom' ? `\uFEFF${text}` : text, 'utf8');
}

/** True when a properly quoted file carries a refused character in some cell (so it must be refused). */
export const carriesRefused = (shape: CsvShape): boolean =>
  shape.proper && [shape.header, ...shape.rows].some((r) => r.some((c) => REFUSED.test(c.replace(/[\uD800-\uDFFF]/g, ''))));

/**
 * A CSV of hostile cells under `columns` in a random order (a subset of the optional ones), with
 * random quoting, delimiter and encoding.
 */
export function hostileCsv(columns: Record<string, fc.Arbitrary<string>>, required: readonly string[]): fc.Arbitrary<CsvShape> {
  const optional = Object.keys(columns).filter((c) => !required.includes(c));
  return fc
    .tuple(fc.subarray(optional), fc.boolean(), fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030') as fc.Arbitrary<CsvShape['encoding']>, fc.constantFrom(',', '\t') as fc.Arbitrary<CsvShape['delimiter']>)
    .chain(([picked, proper, encoding, delimiter]) =>
      fc.shuffledSubarray([...required, ...picked], { minLength: required.length + picked.length }).chain((header) =>
        fc.array(fc.tuple(...header.map((h) => hostileCell(columns[h] as fc.Arbitrary<string>))), { minLength: 0, maxLength: 6 }).map((rows) => ({
          header,
          rows: rows.map((r) => [...r]),
          proper,
          encoding,
          delimiter,
        })),
      ),
    );
}
