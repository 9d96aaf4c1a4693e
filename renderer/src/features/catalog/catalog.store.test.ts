import { beforeEach, describe, expect, it } from 'vitest';
import type { Sku } from '#shared/contract/catalog.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { useCatalogStore } from './catalog.store';

const sku: Sku = { code: 'TEA-01', name: '龙井 250g', weightG: 260, location: 'A-01', barcodes: [{ barcode: '6901234567892', units: 1 }, { barcode: '16901234567899', units: 12 }], safetyStock: null, onHand: 40, damaged: 0 };

let host: FakeHost;
const catalog = () => useCatalogStore.getState();

beforeEach(() => {
  host = createFakeHost({ 'catalog.list': () => ({ total: 1, skus: [sku] }) });
  setApi(host.api);
  useCatalogStore.setState({ skus: [], editing: null, adjusting: null, report: null, dialogError: null });
});

describe('catalog store', () => {
  it('lists SKUs with barcodes and case packs', async () => {
    await catalog().load();
    expect(catalog().skus[0]?.barcodes[1]).toEqual({ barcode: '16901234567899', units: 12 });
  });

  it('imports a CSV and keeps the report', async () => {
    host.handlers['catalog.importCsv'] = () => ({ skusRead: 3, created: 2, updated: 1, unchanged: 0, barcodes: 5, errors: [], rejected: false, unreadColumns: [] });
    await catalog().importCsv({ name: 'skus.csv', base64: 'eA==' });
    expect(catalog().report).toMatchObject({ created: 2, rejected: false });
    expect(host.callsOf('catalog.list')).toHaveLength(1);
  });

  it('adjusts stock by a signed delta with a reason kind and shows the new on-hand and damaged count', async () => {
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: 40 + delta, damaged: -delta });
    await catalog().load();
    catalog().openAdjust(sku);
    expect(await catalog().adjustStock(-3, 'damaged', '摔了')).toBe(true);
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'TEA-01', delta: -3, kind: 'damaged', note: '摔了' }]);
    expect(catalog().skus[0]).toMatchObject({ onHand: 37, damaged: 3 });
    expect(catalog().adjusting).toBeNull();
  });

  it('saves a SKU and keeps the dialog open with the error when the host refuses', async () => {
    host.handlers['catalog.saveSku'] = () => {
      throw new AppError('CONFLICT', msg('catalog.barcodeTaken', { barcode: '690123', owner: 'TEA-02' }));
    };
    catalog().edit(sku);
    expect(await catalog().saveSku({ ...catalog().editing!.sku, name: '龙井' })).toBe(false);
    expect(catalog().dialogError).toMatchObject({ code: 'CONFLICT' });
    expect(catalog().editing).not.toBeNull();
    host.handlers['catalog.saveSku'] = (s) => ({ ...s, safetyStock: s.safetyStock ?? null, onHand: 40, damaged: 0 });
    expect(await catalog().saveSku({ ...catalog().editing!.sku, name: '龙井' })).toBe(true);
    expect(catalog().editing).toBeNull();
  });

  it('says a new SKU is new, so the host refuses a code the catalog has instead of replacing that SKU', async () => {
    host.handlers['catalog.saveSku'] = (s) => {
      if (s.create && s.code === 'TEA-01') throw new AppError('CONFLICT', msg('catalog.codeExists', { code: 'TEA-01' }));
      return { ...s, safetyStock: s.safetyStock ?? null, onHand: 0, damaged: 0 };
    };
    catalog().edit(null);
    expect(await catalog().saveSku({ ...catalog().editing!.sku, code: 'TEA-01', name: '新茶' })).toBe(false);
    expect(catalog().dialogError).toMatchObject({ code: 'CONFLICT', msg: { key: 'catalog.codeExists' } });
    expect(host.callsOf('catalog.saveSku').at(-1)).toMatchObject({ code: 'TEA-01', create: true });
  });
});
