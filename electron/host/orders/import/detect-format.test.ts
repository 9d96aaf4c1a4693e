import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { brokenVariants, generateQianniuXlsx, generateTaobaoClassic } from '../../../../test/fixtures/taobao-export.generator';
import { detectImportFormat, MAX_IMPORT_BYTES, type ImportFile } from './detect-format';
import { ImportRejected } from './row-errors';
import { thrownAppError as thrown } from '../../../../test/helpers/app-error';

const g = generateTaobaoClassic({ orders: 20, seed: 1 });
const order: ImportFile = { name: g.orderFileName, bytes: g.orderCsv };
const detail: ImportFile = { name: g.detailFileName, bytes: g.detailCsv };

describe('detectImportFormat', () => {
  it('recognises the classic pair in either order', () => {
    expect(detectImportFormat([order, detail])).toEqual({ kind: 'taobao-classic', orderFile: order, detailFile: detail });
    expect(detectImportFormat([detail, order])).toMatchObject({ kind: 'taobao-classic', orderFile: order, detailFile: detail });
  });

  it('recognises the pair by headers even when renamed', () => {
    const a = { name: '订单.csv', bytes: g.orderCsv };
    const b = { name: '宝贝.csv', bytes: g.detailCsv };
    expect(detectImportFormat([b, a])).toMatchObject({ kind: 'taobao-classic', orderFile: a, detailFile: b });
  });

  it('says which half of the pair is missing', () => {
    expect(thrown(() => detectImportFormat([order])).msg).toEqual({
      key: 'import.classic.missingDetail',
      params: { file: order.name, expected: 'ExportOrderDetailList202503011030.csv' },
    });
    const broken = brokenVariants({ seed: 2 });
    expect(thrown(() => detectImportFormat([{ name: 'x.csv', bytes: broken.detailMissing.orderCsv }])).msg.key).toBe('import.classic.missingDetail');
    expect(thrown(() => detectImportFormat([detail])).msg).toEqual({ key: 'import.classic.missingOrders', params: { file: detail.name } });
    expect(thrown(() => detectImportFormat([order, order])).msg.key).toBe('import.classic.twoOrderFiles');
  });

  it('takes xlsx by the zip signature, one workbook or two', async () => {
    const q = await generateQianniuXlsx({ orders: 3, seed: 1 });
    const one = { name: 'export.dat', bytes: q.xlsx };
    expect(detectImportFormat([one])).toEqual({ kind: 'qianniu-xlsx', files: [one] });
    const two = [{ name: 'a.xlsx', bytes: q.orderXlsx }, { name: 'b.xlsx', bytes: q.itemXlsx }];
    expect(detectImportFormat(two)).toEqual({ kind: 'qianniu-xlsx', files: two });
    expect(thrown(() => detectImportFormat([one, order])).msg.key).toBe('import.file.mixed');
  });

  it('hands any other single CSV to the mapping parser', () => {
    const f = { name: 'erp.csv', bytes: iconv.encode('平台单号 ,品名,数量\r\n1,a,1\r\n', 'gbk') };
    expect(detectImportFormat([f])).toEqual({ kind: 'mapped-csv', file: f });
    expect(detectImportFormat([order], { hasMapping: true })).toMatchObject({ kind: 'mapped-csv', file: order });
  });

  it('refuses empty, binary, legacy .xls and oversized files, naming them', () => {
    const refusal = (name: string, bytes: Uint8Array) => thrown(() => detectImportFormat([{ name, bytes }])).msg;
    expect(refusal('e.csv', Buffer.alloc(0))).toEqual({ key: 'import.file.empty', params: { file: 'e.csv' } });
    expect(refusal('bom.csv', Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a]))).toEqual({ key: 'import.file.noHeader', params: { file: 'bom.csv' } });
    expect(refusal('p.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toEqual({ key: 'import.file.isImage', params: { file: 'p.png' } });
    expect(refusal('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toEqual({ key: 'import.file.isXls', params: { file: 'old.xls' } });
    expect(refusal('b.bin', Buffer.from([0x41, ...Array<number>(40).fill(0), 0x42]))).toEqual({ key: 'import.file.notText', params: { file: 'b.bin' } });
    expect(refusal('订单.xlsx', Buffer.from('<html><body>登录超时</body></html>'))).toEqual({ key: 'import.xlsx.notWorkbook', params: { file: '订单.xlsx' } });
    const huge = { length: MAX_IMPORT_BYTES + 1 } as unknown as Uint8Array;
    expect(refusal('huge.csv', huge)).toEqual({ key: 'import.file.tooBig', params: { file: 'huge.csv', max: 200 } });
  });

  it('leaves a text export with a stray NUL in a cell to its parser, which names the cell', () => {
    const text = iconv.decode(g.orderCsv, 'gbk').replace('\r\n', '\r\n\u0000');
    expect(detectImportFormat([{ ...order, bytes: iconv.encode(text, 'gbk') }, detail]).kind).toBe('taobao-classic');
  });

  it('refuses no files and too many files', () => {
    expect(thrown(() => detectImportFormat([])).msg).toEqual({ key: 'import.file.none' });
    expect(thrown(() => detectImportFormat([order, detail, order])).msg).toEqual({ key: 'import.file.tooMany', params: { count: 3, max: 2 } });
  });

  it('names the row where a header that claims UTF-8 stops being UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFF订单编号,', 'utf8'), Buffer.from([0xb6, 0xa9]), Buffer.from('\r\n1,2\r\n')]);
    const e = (() => {
      try {
        detectImportFormat([{ name: 'h.csv', bytes }]);
      } catch (err) {
        return err as ImportRejected;
      }
      throw new Error('expected a rejection');
    })();
    expect(e).toBeInstanceOf(ImportRejected);
    expect(e.errors).toEqual([{ file: 'h.csv', row: 1, msg: { key: 'import.file.notDecodableAsClaimed', params: { encoding: 'UTF-8' } } }]);
  });

  it('reads the header of a big GBK file from a prefix without splitting a character', () => {
    const big = generateTaobaoClassic({ orders: 600, seed: 3 });
    expect(big.orderCsv.length).toBeGreaterThan(64 * 1024);
    expect(detectImportFormat([{ name: 'a', bytes: big.orderCsv }, { name: 'b', bytes: big.detailCsv }]).kind).toBe('taobao-classic');
  });
});
