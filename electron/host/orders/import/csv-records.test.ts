import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, forEachCsvRecord, isBlankRecord, readCsvHeader, readCsvRecords, sniffDelimiter } from './csv-records';

describe('readCsvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and embedded line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\r\nline2\nline3"\r\n';
    expect(readCsvRecords(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\r\nline2\nline3'],
    ]);
  });

  it('keeps Taobao text-formula ids whole, in both spellings', () => {
    expect(readCsvRecords('="4012345678901234567",x\n"=""4012345678901234567""",y\n')).toEqual([
      ['="4012345678901234567"', 'x'],
      ['="4012345678901234567"', 'y'],
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends, and a missing final newline', () => {
    expect(readCsvRecords('a,b\rc,d\ne,f\r\ng,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('keeps empty cells, trailing commas and blank lines (so row numbers match a spreadsheet)', () => {
    expect(readCsvRecords('a,,b,\n\nc\n')).toEqual([['a', '', 'b', ''], [''], ['c']]);
    expect(readCsvRecords('a,')).toEqual([['a', '']]);
    expect(readCsvRecords('')).toEqual([]);
  });

  it('numbers rows by record, not by physical line', () => {
    const rows: number[] = [];
    forEachCsvRecord('h\n"multi\nline"\nnext\n', (_f, row) => {
      rows.push(row);
    });
    expect(rows).toEqual([1, 2, 3]);
  });

  it('fails on an unterminated quote, naming the row where it opened', () => {
    try {
      readCsvRecords('h1,h2\nok,1\n"broken,2\nmore\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect((e as CsvSyntaxError).row).toBe(3);
    }
  });

  it('skips unwanted columns without changing the shape', () => {
    const out: string[][] = [];
    forEachCsvRecord('a,b,c\n1,"2,2",3\n', (f) => void out.push(f), { keep: [true, false, true] });
    expect(out).toEqual([['a', '', 'c'], ['1', '', '3']]);
  });

  it('can hand every record the same array, refilled in place', () => {
    const seen: string[][] = [];
    const arrays = new Set<string[]>();
    forEachCsvRecord('a,b,c\n1,2\n\nx,y,z,w\n', (f) => {
      arrays.add(f);
      seen.push([...f]);
    }, { reuseFields: true, keep: [true, false, true] });
    expect(arrays.size).toBe(1);
    expect(seen).toEqual([['a', '', 'c'], ['1', ''], [''], ['x', '', 'z', 'w']]);
  });

  it('supports tab and semicolon delimiters and sniffs them', () => {
    expect(readCsvRecords('a\tb\n1\t2\n', '\t')).toEqual([['a', 'b'], ['1', '2']]);
    expect(sniffDelimiter('订单编号\t标题\t数量')).toBe('\t');
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('a,b;c,d')).toBe(',');
  });

  it('reads only the header when asked', () => {
    expect(readCsvHeader('x, y ,z\n1,2,3\n')).toEqual(['x', ' y ', 'z']);
    expect(readCsvHeader('')).toBeNull();
  });

  it('agrees with csv-parse on RFC 4180 input (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', '=', '1') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        expect(readCsvRecords(text)).toEqual(parse(text, { relax_column_count: true }));
      }),
    );
  });

  it('isBlankRecord sees Excel leftovers as blank', () => {
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['', ' ', ''])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});
