// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sku } from '#shared/contract/catalog.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { useCatalogStore } from './catalog.store';
import { SkuEditDialog, StockAdjustDialog } from './CatalogDialogs';
import { CatalogScreen } from './CatalogScreen';
import { StockCountDialog } from './StockCountDialog';
import { readWeight } from './catalog-fields';

const sku = (over: Partial<Sku> = {}): Sku => ({
  code: 'SKU-0004', name: '玻璃杯', weightG: 300, location: 'B-02', barcodes: [{ barcode: '6901234567892', units: 1 }], onHand: 0, damaged: 0, ...over,
});

let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  host = createFakeHost({ 'catalog.list': () => ({ total: 1, skus: [sku()] }) });
  setApi(host.api);
  useCatalogStore.setState({ skus: [sku()], editing: null, adjusting: null, dialogError: null, saving: false });
});
afterEach(cleanup);

const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const saveButton = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;
const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
    await settle();
  });
};

describe('SKU editor', () => {
  it('reads the weight as the CSV import does, says why it cannot, and drops a stale refusal once the form changes', async () => {
    host.handlers['catalog.saveSku'] = (s) => {
      if (s.barcodes.some((b) => b.barcode === '2000000000015')) throw new AppError('CONFLICT', msg('catalog.barcodeTaken', { barcode: '2000000000015', owner: 'SKU-0001' }));
      return { ...s, onHand: 0, damaged: 0 };
    };
    act(() => useCatalogStore.getState().edit(sku()));
    render(<SkuEditDialog />);

    fireEvent.click(screen.getByText('添加条码'));
    type(screen.getAllByLabelText('条码')[1]!, '2000000000015');
    await click(saveButton('sku-save'));
    expect(screen.getByRole('alert').textContent).toContain('条码 2000000000015 已属于 SKU-0001');

    // The barcode goes: so does the refusal about it.
    fireEvent.click(screen.getAllByText('删除')[1]!);
    expect(screen.queryByText(/2000000000015 已属于/)).toBeNull();

    // A weight the box cannot read says so, and only then is 保存 held back.
    type(screen.getByTestId('sku-weight'), '0.35kgs');
    expect(screen.getByTestId('sku-weight-problem').textContent).toBe('重量无法识别：“0.35kgs”（例：350、350g 或 0.35kg）');
    expect(saveButton('sku-save').disabled).toBe(true);
    type(screen.getByTestId('sku-weight'), '200000kg');
    expect(screen.getByTestId('sku-weight-problem').textContent).toBe('重量超过上限 100000000 克');
    expect(saveButton('sku-save').disabled).toBe(true);

    type(screen.getByTestId('sku-weight'), '0.35kg');
    expect(screen.queryByTestId('sku-weight-problem')).toBeNull();
    expect(saveButton('sku-save').disabled).toBe(false);
    await click(saveButton('sku-save'));
    expect(host.callsOf('catalog.saveSku').at(-1)).toMatchObject({ code: 'SKU-0004', weightG: 350, barcodes: [{ barcode: '6901234567892', units: 1 }], create: false });
    expect(useCatalogStore.getState().editing).toBeNull();
  });

  it('names a case count it cannot take instead of greying out 保存', () => {
    act(() => useCatalogStore.getState().edit(sku()));
    render(<SkuEditDialog />);
    type(screen.getByLabelText('件数'), '0');
    expect(screen.getByTestId('sku-units-problem').textContent).toBe('件数：请输入 1 到 10000 之间的整数');
    expect(saveButton('sku-save').disabled).toBe(true);
    type(screen.getByLabelText('件数'), '12');
    expect(screen.queryByTestId('sku-units-problem')).toBeNull();
    expect(saveButton('sku-save').disabled).toBe(false);
  });

  it('weighs like the import: grams, or kg/g with a unit, rounded half up', () => {
    expect(['350', '350g', '350 克', '0.35kg', '0.35KG', '1.2公斤', '0.0005kg', '0.0004kg', '12.5', ''].map((w) => readWeight(w).grams)).toEqual([350, 350, 350, 350, 350, 1200, 1, 0, 13, null]);
    expect(['abc', '-5', '1,5', '0.35 lb', '1e3'].map((w) => readWeight(w).problem)).toEqual(['format', 'format', 'format', 'format', 'format']);
  });
});

describe('stock adjustment', () => {
  const open = (onHand = 0) => {
    act(() => useCatalogStore.getState().openAdjust(sku({ onHand })));
    render(<StockAdjustDialog />);
    type(screen.getByTestId('stock-reason'), '盘点更正');
  };

  it('says under the field what is wrong with a change, in its own words, and never sends it', async () => {
    open();
    for (const typed of ['99999999999', '5.5', 'abc', '1e3', '-1000001']) {
      type(screen.getByTestId('stock-delta'), typed);
      expect(screen.getByTestId('stock-delta-problem').textContent).toBe('变动数量：请输入 -1,000,000 到 1,000,000 之间的整数');
      expect(saveButton('stock-save').disabled).toBe(true);
      await click(saveButton('stock-save'));
    }
    type(screen.getByTestId('stock-delta'), '0');
    expect(screen.getByTestId('stock-delta-problem').textContent).toBe('变动数量不能为 0');
    expect(host.callsOf('stock.adjust')).toEqual([]);
    expect(screen.queryByText(/stock\.delta/)).toBeNull();
  });

  it('reads full-width digits as digits', async () => {
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: delta });
    open();
    type(screen.getByTestId('stock-delta'), '１０');
    expect(screen.queryByTestId('stock-delta-problem')).toBeNull();
    expect(screen.getByTestId('stock-after').textContent).toBe('10');
    await click(saveButton('stock-save'));
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'SKU-0004', delta: 10, reason: '盘点更正' }]);
  });

  it('warns before saving a change that takes the shelf below zero, and still lets it be saved', async () => {
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: delta });
    open(0);
    type(screen.getByTestId('stock-delta'), '-5');
    expect(screen.getByTestId('stock-delta-warning').textContent).toBe('保存后库存将为 -5，低于 0。若是账目尚未跟上实物，仍可保存。');
    expect(saveButton('stock-save').disabled).toBe(false);
    type(screen.getByTestId('stock-delta'), '+3');
    expect(screen.queryByTestId('stock-delta-warning')).toBeNull();
    type(screen.getByTestId('stock-delta'), '－５');
    expect(screen.getByTestId('stock-delta-warning')).toBeTruthy();
    await click(saveButton('stock-save'));
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'SKU-0004', delta: -5, reason: '盘点更正' }]);
  });

  it('drops the host refusal once the change is edited', async () => {
    host.handlers['stock.adjust'] = () => {
      throw new AppError('CONFLICT', msg('catalog.skuNotFound', { code: 'SKU-0004' }));
    };
    open(10);
    type(screen.getByTestId('stock-delta'), '2');
    await click(saveButton('stock-save'));
    expect(screen.getByText(/没有 SKU SKU-0004/)).toBeTruthy();
    type(screen.getByTestId('stock-delta'), '3');
    expect(screen.queryByText(/没有 SKU SKU-0004/)).toBeNull();
  });
});

describe('the catalog list', () => {
  it('shows each SKU\'s damaged units beside what is on the shelf (the return and write-off stock was nowhere to be seen)', async () => {
    host.handlers['catalog.list'] = () => ({ total: 2, skus: [sku({ code: 'SKU-0001', onHand: 47, damaged: 3 }), sku({ onHand: 5 })] });
    render(<CatalogScreen />);
    await act(settle);
    expect(screen.getByTestId('on-hand-SKU-0001').textContent).toBe('47');
    expect(screen.getByTestId('damaged-SKU-0001').textContent).toBe('3');
    expect(screen.getByTestId('damaged-SKU-0004').textContent).toBe('—');
    expect(screen.getByText('残次')).toBeTruthy();
  });
});

describe('盘点 (a stock count)', () => {
  it('takes what is on the shelf as counted, shows the difference, and records it as a count', async () => {
    host.handlers['stock.count'] = ({ skuCode, countedQty }) => ({ skuCode, onHand: countedQty, adjustment: countedQty - 47 });
    useCatalogStore.setState({ skus: [sku({ onHand: 47 })] });
    act(() => useCatalogStore.getState().openCount(sku({ onHand: 47 })));
    render(<StockCountDialog />);
    expect(screen.getByTestId('count-difference').textContent).toBe('与系统库存一致');
    type(screen.getByTestId('count-qty'), '45');
    expect(screen.getByTestId('count-difference').textContent).toBe('与系统库存相差 -2（保存后库存即为实盘数量）');
    type(screen.getByTestId('count-qty'), '-1');
    expect(saveButton('count-save').disabled).toBe(true);
    type(screen.getByTestId('count-qty'), '45');
    await click(saveButton('count-save'));
    expect(host.callsOf('stock.count')).toEqual([{ skuCode: 'SKU-0004', countedQty: 45 }]);
    expect(useCatalogStore.getState().skus[0]?.onHand).toBe(45);
    expect(useCatalogStore.getState().counting).toBeNull();
  });
});
