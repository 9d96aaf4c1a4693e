import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { brokenVariants, generateQianniuXlsx, generateTaobaoClassic } from '../../../../test/fixtures/taobao-export.generator';
import { detectImportFormat, MAX_IMPORT_BYTES, type ImportFile } from './detect-format';
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
    const noDetail = thrown(() => detectImportFormat([order]));
    expect(noDetail.message).toContain('缺少宝贝报表');
    expect(noDetail.message).toContain('ExportOrderDetailList202503011030.csv');
    expect(noDetail.details).toMatchObject({ missing: 'detail' });
    const broken = brokenVariants({ seed: 2 });
    expect(thrown(() => detectImportFormat([{ name: 'x.csv', bytes: broken.detailMissing.orderCsv }])).message).toContain('缺少宝贝报表');
    expect(thrown(() => detectImportFormat([detail])).message).toContain('缺少订单报表');
    expect(thrown(() => detectImportFormat([order, order])).message).toContain('两个订单报表');
  });

  it('takes xlsx by the zip signature, one workbook or two', async () => {
    const q = await generateQianniuXlsx({ orders: 3, seed: 1 });
    const one = { name: 'export.dat', bytes: q.xlsx };
    expect(detectImportFormat([one])).toEqual({ kind: 'qianniu-xlsx', files: [one] });
    const two = [{ name: 'a.xlsx', bytes: q.orderXlsx }, { name: 'b.xlsx', bytes: q.itemXlsx }];
    expect(detectImportFormat(two)).toEqual({ kind: 'qianniu-xlsx', files: two });
    expect(thrown(() => detectImportFormat([one, order])).message).toContain('不能一起导入');
  });

  it('hands any other single CSV to the mapping parser with its headers', () => {
    const f = { name: 'erp.csv', bytes: iconv.encode('平台单号 ,品名,数量\r\n1,a,1\r\n', 'gbk') };
    expect(detectImportFormat([f])).toEqual({ kind: 'mapped-csv', file: f, headers: ['平台单号', '品名', '数量'] });
    expect(detectImportFormat([order], { hasMapping: true })).toMatchObject({ kind: 'mapped-csv', file: order });
  });

  it('refuses empty, binary, legacy .xls and oversized files, naming them', () => {
    expect(thrown(() => detectImportFormat([{ name: 'e.csv', bytes: Buffer.alloc(0) }])).message).toBe('e.csv：文件是空的');
    expect(thrown(() => detectImportFormat([{ name: 'bom.csv', bytes: Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a]) }])).message).toContain('没有表头');
    expect(thrown(() => detectImportFormat([{ name: 'p.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]) }])).message).toContain('图片');
    expect(thrown(() => detectImportFormat([{ name: 'old.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]) }])).message).toContain('.xls');
    expect(thrown(() => detectImportFormat([{ name: 'b.bin', bytes: Buffer.from([0x41, 0x00, 0x42]) }])).message).toContain('无法识别');
    const huge = { name: 'huge.csv', bytes: { length: MAX_IMPORT_BYTES + 1 } as unknown as Uint8Array };
    expect(thrown(() => detectImportFormat([huge])).message).toContain('200 MB');
  });

  it('refuses no files and too many files', () => {
    expect(thrown(() => detectImportFormat([])).message).toContain('没有选择文件');
    expect(thrown(() => detectImportFormat([order, detail, order])).message).toContain('最多');
  });

  it('reads the header of a big GBK file from a prefix without splitting a character', () => {
    const big = generateTaobaoClassic({ orders: 600, seed: 3 });
    expect(big.orderCsv.length).toBeGreaterThan(64 * 1024);
    expect(detectImportFormat([{ name: 'a', bytes: big.orderCsv }, { name: 'b', bytes: big.detailCsv }]).kind).toBe('taobao-classic');
  });
});
