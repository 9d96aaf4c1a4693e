import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { thrownAppError } from '../../../test/helpers/app-error';
import { toBatchShipCsv, toBatchShipXlsx } from './batch-ship-export';

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

describe('the 批量发货 CSV and excelText', () => {
  it('writes plain digits: the uploader reads cell text, not the ="…" Excel wrapper', () => {
    expect(iconv.decode(toBatchShipCsv(rows), 'gbk')).not.toContain('=');
  });
});
