import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { thrownAppError } from '../../../test/helpers/app-error';
import { csvCell, excelTextCell, toBatchShipCsv, toBatchShipXlsx, toCsv } from './batch-ship-export';

const rows = [
  { orderExternalId: '4012345678901234567', carrierName: '圆通速递', trackingNo: 'YT7477226345628' },
  { orderExternalId: '3012345678901234567', carrierName: '中通', trackingNo: '73144233224145' },
];

describe('toBatchShipCsv', () => {
  it('writes GBK with CRLF, the three platform columns, exact ids and full carrier names', () => {
    const bytes = toBatchShipCsv(rows);
    const text = iconv.decode(bytes, 'gbk');
    expect(text).toBe('订单编号,物流公司,运单号\r\n4012345678901234567,圆通速递,YT7477226345628\r\n3012345678901234567,中通快递,73144233224145\r\n');
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  });

  it('writes UTF-8 with a BOM for Excel', () => {
    const bytes = toBatchShipCsv(rows, { encoding: 'utf-8' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('订单编号,物流公司,运单号');
  });

  it('adds 子订单编号 only for split shipments', () => {
    const text = iconv.decode(toBatchShipCsv([{ ...rows[0]!, subOrderId: '4012345678901234501' }, { ...rows[0]!, subOrderId: '4012345678901234502', trackingNo: 'YT7477226345629' }]), 'gbk');
    expect(text.split('\r\n')[0]).toBe('订单编号,物流公司,运单号,子订单编号');
  });

  it('refuses rows the platform would reject, naming the row', () => {
    const bad = (over: object) => () => toBatchShipCsv([rows[0]!, { ...rows[1]!, ...over }]);
    expect(thrownAppError(bad({ orderExternalId: '4.01E+18' })).msg).toEqual({ key: 'batchShip.orderIdDigits', params: { n: 2, order: '4.01E+18' } });
    expect(thrownAppError(bad({ trackingNo: '=HYPERLINK("x")' })).msg).toMatchObject({ key: 'batchShip.trackingBad', params: { n: 2 } });
    expect(thrownAppError(bad({ carrierName: ' ' })).msg).toMatchObject({ key: 'batchShip.carrierMissing', params: { n: 2 } });
    const dup = thrownAppError(bad({ orderExternalId: rows[0]!.orderExternalId, trackingNo: 'YT0000000000001' }));
    expect(dup.msg).toMatchObject({ key: 'batchShip.duplicate', params: { n: 2, first: 1 } });
    // What the person exporting reads: the row and what is wrong, in their language.
    expect(createTranslator('zh-CN').t(dup.msg)).toBe(`第 2 条（订单 ${rows[0]!.orderExternalId}）：与第 1 条重复，一个订单只能上传一个运单号`);
    expect(createTranslator('en').t(dup.msg)).toMatch(/^Row 2 .*repeats row 1/);
  });

  it('writes an XLSX twin whose id cells are text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toBatchShipXlsx(rows)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '订单编号', '物流公司', '运单号']);
    expect(ws.getCell('A2').value).toBe('4012345678901234567');
  });
});

describe('toCsv', () => {
  it('neutralises formula cells and quotes per RFC 4180', () => {
    expect(csvCell('=1+2')).toBe(`"'=1+2"`);
    expect(csvCell('+86 138')).toBe(`"'+86 138"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('round-trips through csv-parse and never emits a cell starting with = + - @ (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', '"', 'a', '中', ' ', '1', "'") });
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
              expect(c).not.toMatch(/^[=+\-@\t\r]/);
              const original = rect[i]![j]!;
              expect(c).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
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

  it('is opt-in: toCsv and the 批量发货 CSV still write plain digits', () => {
    expect(toCsv([['1000000153477864404']], { encoding: 'utf-8' }).subarray(3).toString('utf8')).toBe('1000000153477864404\r\n');
    expect(iconv.decode(toBatchShipCsv(rows), 'gbk')).not.toContain('=');
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
