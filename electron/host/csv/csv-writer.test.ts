import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, excelTextCell, toCsv, unneutralised } from './csv-writer';

describe('toCsv', () => {
  it('neutralises formula cells and quotes per RFC 4180', () => {
    expect(csvCell('=1+2')).toBe(`"'=1+2"`);
    expect(csvCell('+86 138')).toBe(`"'+86 138"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    // Full-width, as a Chinese IME types them in a buyer message or a SKU name.
    expect(csvCell('＝HYPERLINK("http://x")')).toBe(`"'＝HYPERLINK(""http://x"")"`);
    for (const c of ['＋86', '－5', '＠SUM(A1)']) expect(csvCell(c)).toBe(`"'${c}"`);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-3')).toBe(`"'-3"`);
    // An apostrophe already before a trigger gets one more, so reading it back drops only ours.
    expect(csvCell("'=1")).toBe(`"''=1"`);
    expect(csvCell("'abc")).toBe("'abc");
    expect(unneutralised("''=1")).toBe("'=1");
    expect(unneutralised("'abc")).toBe("'abc");
  });

  it('round-trips through csv-parse and unneutralised, and never emits a cell starting with = + - @ (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', '\n', ',', '"', 'a', '中', ' ', '1', "'") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const width = table[0]!.length;
        const rect = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        for (const encoding of ['utf-8', 'gbk'] as const) {
          const bytes = toCsv(rect, { encoding });
          const text = encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.subarray(3).toString('utf8');
          const back = parse(text, { relax_column_count: true }) as string[][];
          expect(back.length).toBe(rect.length);
          back.forEach((r, i) =>
            r.forEach((c, j) => {
              expect(c).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
              const original = rect[i]![j]!;
              expect(c).toBe(/^'*[=+\-@\t\r＝＋－＠]/.test(original) ? `'${original}` : original);
              expect(unneutralised(c)).toBe(original);
            }),
          );
        }
      }),
    );
  });
});

describe('excelTextCell (toCsv with excelText, for files read in Excel)', () => {
  it('writes a string of 12+ digits as ="…" and leaves every other cell as csvCell writes it', () => {
    expect(excelTextCell('1000000153477864404')).toBe('"=""1000000153477864404"""');
    expect(excelTextCell('731442332241')).toBe('"=""731442332241"""');
    expect(excelTextCell('73144233224')).toBe('73144233224');
    expect(excelTextCell('YT7477226345628')).toBe('YT7477226345628');
    expect(excelTextCell('=1000000153477864404')).toBe(`"'=1000000153477864404"`);
    expect(excelTextCell('-1000000153477864404')).toBe(`"'-1000000153477864404"`);
    expect(excelTextCell(' 1000000153477864404')).toBe(' 1000000153477864404');
    expect(excelTextCell('１０００００００１５３４７７')).toBe('１０００００００１５３４７７');
    expect(excelTextCell(123456789012)).toBe('123456789012');
    expect(excelTextCell(null)).toBe('');
    const csv = toCsv([['订单编号', '运单号', '数量'], ['1000000153477864404', '73144233224145', 2]], { encoding: 'utf-8', excelText: true });
    expect(parse(csv.subarray(3).toString('utf8'))).toEqual([['订单编号', '运单号', '数量'], ['="1000000153477864404"', '="73144233224145"', '2']]);
  });

  it('is opt-in: toCsv writes plain digits unless asked', () => {
    expect(toCsv([['1000000153477864404']], { encoding: 'utf-8' }).subarray(3).toString('utf8')).toBe('1000000153477864404\r\n');
  });

  it('is ="<digits>" only for 12+ digits, otherwise exactly csvCell, and never lets a formula through (property)', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', '"', 'a', '中', ' ', "'", '0', '1', '9', '１') }),
      fc.stringMatching(/^[0-9]{1,30}$/),
      fc.stringMatching(/^[=+\-@\t\r ]?[0-9]{12,24}"?$/),
    );
    fc.assert(
      fc.property(cell, (s) => {
        const out = excelTextCell(s);
        if (/^[0-9]{12,}$/.test(s)) expect(out).toBe(`"=""${s}"""`);
        else expect(out).toBe(csvCell(s));
        // What a spreadsheet reads in the field: a formula only as ="<digits>"; any other =, +, -, @ start still neutralised.
        const read = (parse(`${out},end`) as string[][])[0]![0]!;
        if (/^[=+\-@\t\r]/.test(read)) expect(read).toMatch(/^="[0-9]{12,}"$/);
        if (/^[=+\-@\t\r]/.test(s)) expect(read).toBe(`'${s}`);
      }),
      { numRuns: 2000 },
    );
  });
});
