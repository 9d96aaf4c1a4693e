import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { adminStation } from '../host/host-client';

const hosts: { close(): unknown }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

async function station() {
  const { call } = await adminStation(hosts);
  await call('catalog.saveSku', { code: 'SKU-0001', name: '保温杯', weightG: 300, location: 'A-01', barcodes: [{ barcode: '2000000000015', units: 1 }] });
  const skuOf = async (code: string) => (await call('catalog.list', { query: code, limit: 5, offset: 0 })).skus.find((s) => s.code === code);
  return { call, skuOf };
}
const file = (rows: string[]) => ({ name: '商品.csv', base64: iconv.encode(['商家编码,名称,条码,重量', ...rows].join('\r\n'), 'gbk').toString('base64') });

/** A barcode belongs to one SKU: nothing takes it from another without saying so (a scan of the old product would count as the new one). */
describe('the catalog keeps each barcode with its SKU', () => {
  it('a catalog import giving a barcode another SKU has is refused, naming the row, the column and the owner; nothing is saved', async () => {
    const { call, skuOf } = await station();
    const report = await call('catalog.importCsv', { file: file(['TEA-001,龙井,6900000000101,250', 'TEA-003,普洱饼,2000000000015,357']) });
    expect(report).toMatchObject({ rejected: true, created: 0 });
    expect(report.errors).toEqual([expect.objectContaining({ row: 3, column: '条码', msg: { key: 'catalog.barcodeTaken', params: { barcode: '2000000000015', owner: 'SKU-0001' } } })]);
    expect((await skuOf('SKU-0001'))?.barcodes).toEqual([{ barcode: '2000000000015', units: 1 }]);
    expect(await skuOf('TEA-001')).toBeUndefined();
    // The same file naming the SKU that has it is an update, as before.
    expect(await call('catalog.importCsv', { file: file(['SKU-0001,保温杯 500ml,2000000000015,320']) })).toMatchObject({ rejected: false, updated: 1 });
    expect(await skuOf('SKU-0001')).toMatchObject({ name: '保温杯 500ml', weightG: 320 });
  });

  it('a new SKU with a code the catalog has is refused instead of replacing it; editing it still saves', async () => {
    const { call, skuOf } = await station();
    await expect(call('catalog.saveSku', { code: 'SKU-0001', name: '新杯子', weightG: 200, location: '', barcodes: [], create: true }))
      .rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'catalog.codeExists', params: { code: 'SKU-0001' } } });
    expect(await skuOf('SKU-0001')).toMatchObject({ name: '保温杯', location: 'A-01', barcodes: [{ barcode: '2000000000015', units: 1 }] });
    await call('catalog.saveSku', { code: 'SKU-0001', name: '保温杯', weightG: 310, location: 'A-01', barcodes: [{ barcode: '2000000000015', units: 1 }] });
    expect((await skuOf('SKU-0001'))?.weightG).toBe(310);
    expect(await call('catalog.saveSku', { code: 'SKU-0002', name: '新杯子', weightG: 200, location: '', barcodes: [], create: true })).toMatchObject({ code: 'SKU-0002' });
  });

  it('the SKU editor refuses a barcode that is another SKU code, and a code that is another SKU barcode', async () => {
    const { call, skuOf } = await station();
    await expect(call('catalog.saveSku', { code: 'TEA-005', name: '绿茶', weightG: 100, location: '', barcodes: [{ barcode: 'SKU-0001', units: 1 }], create: true }))
      .rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'catalog.barcodeIsCode', params: { barcode: 'SKU-0001' } } });
    await expect(call('catalog.saveSku', { code: '2000000000015', name: '绿茶', weightG: 100, location: '', barcodes: [], create: true }))
      .rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'catalog.codeIsBarcode', params: { code: '2000000000015', owner: 'SKU-0001' } } });
    expect(await skuOf('TEA-005')).toBeUndefined();
  });
});
