// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sku } from '#shared/contract/catalog.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { UnsavedPrompt } from '../../components/UnsavedPrompt';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { useCatalogStore } from './catalog.store';
import { SkuEditDialog, StockAdjustDialog } from './CatalogDialogs';
import { CatalogScreen } from './CatalogScreen';
import { StockCountDialog } from './StockCountDialog';
import { readWeight } from './catalog-fields';

const sku = (over: Partial<Sku> = {}): Sku => ({
  code: 'SKU-0004', name: '玻璃杯', weightG: 300, location: 'B-02', barcodes: [{ barcode: '6901234567892', units: 1 }], safetyStock: null, onHand: 0, damaged: 0, ...over,
});

let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  host = createFakeHost({ 'catalog.list': () => ({ total: 1, skus: [sku()] }) });
  setApi(host.api);
  useCatalogStore.setState({ skus: [sku()], editing: null, adjusting: null, disposing: null, dialogError: null, saving: false });
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
      return { ...s, safetyStock: s.safetyStock ?? null, onHand: 0, damaged: 0 };
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

describe('an SKU editor with edits, closed', () => {
  const editor = () => {
    act(() => useCatalogStore.getState().edit(sku()));
    render(
      <>
        <SkuEditDialog />
        <UnsavedPrompt />
      </>,
    );
  };
  const esc = () => act(() => void fireEvent.keyDown(document, { key: 'Escape' }));

  it('closes at once with nothing typed', () => {
    editor();
    esc();
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(useCatalogStore.getState().editing).toBeNull();
  });

  it('asks 放弃未保存的修改？ on Esc, 取消 and the backdrop; 继续编辑 keeps what was typed, 放弃 closes', () => {
    editor();
    type(screen.getByTestId('sku-weight'), '350');
    esc();
    expect(screen.getByTestId('unsaved-prompt').textContent).toContain('放弃未保存的修改？');
    // Esc at the question is 继续编辑, not a second close.
    esc();
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(screen.getByTestId('sku-weight')).toHaveProperty('value', '350');

    fireEvent.click(screen.getByText('取消'));
    fireEvent.click(screen.getByText('继续编辑'));
    expect(screen.getByTestId('sku-weight')).toHaveProperty('value', '350');
    expect(useCatalogStore.getState().editing).not.toBeNull();

    fireEvent.mouseDown(screen.getByTestId('sku-dialog').parentElement!);
    fireEvent.click(screen.getByText('放弃'));
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(useCatalogStore.getState().editing).toBeNull();
    expect(host.callsOf('catalog.saveSku')).toEqual([]);
  });

  it('does not ask once what was typed is undone', () => {
    editor();
    type(screen.getByTestId('sku-weight'), '350');
    type(screen.getByTestId('sku-weight'), '300');
    esc();
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(useCatalogStore.getState().editing).toBeNull();
  });
});

describe('stock adjustment', () => {
  const open = (onHand = 0) => {
    act(() => useCatalogStore.getState().openAdjust(sku({ onHand })));
    render(<StockAdjustDialog />);
    fireEvent.click(screen.getByTestId('stock-kind-count'));
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
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: delta, damaged: 0 });
    open();
    type(screen.getByTestId('stock-delta'), '１０');
    expect(screen.queryByTestId('stock-delta-problem')).toBeNull();
    expect(screen.getByTestId('stock-after').textContent).toBe('10');
    await click(saveButton('stock-save'));
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'SKU-0004', delta: 10, kind: 'count', note: '' }]);
  });

  it('warns before saving a change that takes the shelf below zero, and still lets it be saved', async () => {
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: delta, damaged: 0 });
    open(0);
    type(screen.getByTestId('stock-delta'), '-5');
    expect(screen.getByTestId('stock-delta-warning').textContent).toBe('保存后库存将为 -5，低于 0。若是账目尚未跟上实物，仍可保存。');
    expect(saveButton('stock-save').disabled).toBe(false);
    type(screen.getByTestId('stock-delta'), '+3');
    expect(screen.queryByTestId('stock-delta-warning')).toBeNull();
    type(screen.getByTestId('stock-delta'), '－５');
    expect(screen.getByTestId('stock-delta-warning')).toBeTruthy();
    await click(saveButton('stock-save'));
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'SKU-0004', delta: -5, kind: 'count', note: '' }]);
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

  it('sends the reason as a kind, not as the chip\'s text, with the supervisor\'s words beside it', async () => {
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: delta, damaged: 0 });
    act(() => useCatalogStore.getState().openAdjust(sku()));
    render(<StockAdjustDialog />);
    type(screen.getByTestId('stock-delta'), '20');
    // No kind chosen yet: nothing to save.
    expect(saveButton('stock-save').disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '到货入库' }));
    expect(screen.getByRole('radio', { name: '到货入库' }).getAttribute('aria-checked')).toBe('true');
    type(screen.getByTestId('stock-note'), '  供应商 A 第二批 ');
    await click(saveButton('stock-save'));
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'SKU-0004', delta: 20, kind: 'received', note: '供应商 A 第二批' }]);
  });

  it('asks for a note with "other", naming the field', () => {
    act(() => useCatalogStore.getState().openAdjust(sku()));
    render(<StockAdjustDialog />);
    type(screen.getByTestId('stock-delta'), '2');
    fireEvent.click(screen.getByTestId('stock-kind-other'));
    expect(screen.getByTestId('stock-note-problem').textContent).toBe('请写明原因（选“其他”时须填备注）');
    expect(saveButton('stock-save').disabled).toBe(true);
    type(screen.getByTestId('stock-note'), '借给摄影棚');
    expect(screen.queryByTestId('stock-note-problem')).toBeNull();
    expect(saveButton('stock-save').disabled).toBe(false);
  });

  it('takes damaged units off the shelf into the damaged count, and shows the row\'s damaged count after', async () => {
    host.handlers['stock.adjust'] = ({ skuCode, delta }) => ({ skuCode, onHand: 10 + delta, damaged: 1 - delta });
    useCatalogStore.setState({ skus: [sku({ onHand: 10, damaged: 1 })] });
    act(() => useCatalogStore.getState().openAdjust(sku({ onHand: 10, damaged: 1 })));
    render(<StockAdjustDialog />);
    fireEvent.click(screen.getByTestId('stock-kind-damaged'));
    type(screen.getByTestId('stock-delta'), '2');
    expect(screen.getByTestId('stock-delta-problem').textContent).toBe('破损是从货架移出：请填负数，如 -2');
    expect(saveButton('stock-save').disabled).toBe(true);
    // No 10 → 12 beside the refusal: +2 as 破损 would never be booked.
    expect(screen.queryByTestId('stock-after')).toBeNull();
    type(screen.getByTestId('stock-delta'), '-2');
    expect(screen.getByTestId('stock-after').textContent).toBe('8');
    expect(screen.getByTestId('stock-damaged-after').textContent).toBe('从货架移入残次（残次 1 → 3）');
    await click(saveButton('stock-save'));
    expect(host.callsOf('stock.adjust')).toEqual([{ skuCode: 'SKU-0004', delta: -2, kind: 'damaged', note: '' }]);
    expect(useCatalogStore.getState().skus[0]).toMatchObject({ onHand: 8, damaged: 3 });
  });

  it('shows the kinds in the reader\'s language', () => {
    setLanguage('en');
    act(() => useCatalogStore.getState().openAdjust(sku()));
    render(<StockAdjustDialog />);
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual(['Goods received', 'Stock count correction', 'Damaged', 'Customer return', 'Other']);
  });
});

describe('报废 (disposing of damaged units)', () => {
  const openFromRow = async (damaged: number) => {
    host.handlers['catalog.list'] = () => ({ total: 1, skus: [sku({ onHand: 5, damaged })] });
    render(<CatalogScreen />);
    await act(settle);
    await click(screen.getByTestId('dispose-SKU-0004'));
  };

  it('is offered where the damaged count is shown, and takes units out of it', async () => {
    host.handlers['stock.dispose'] = ({ skuCode, qty }) => ({ skuCode, onHand: 5, damaged: 3 - qty });
    await openFromRow(3);
    expect(screen.getByTestId('dispose-dialog')).toBeTruthy();
    type(screen.getByTestId('dispose-qty'), '2');
    expect(saveButton('dispose-save').disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '退回供应商' }));
    // The button says what is chosen: these units are not thrown away.
    expect(saveButton('dispose-save').textContent).toBe('退回供应商');
    type(screen.getByTestId('dispose-note'), '退 A 厂');
    await click(saveButton('dispose-save'));
    expect(host.callsOf('stock.dispose')).toEqual([{ skuCode: 'SKU-0004', qty: 2, kind: 'supplier', note: '退 A 厂' }]);
    expect(screen.getByTestId('damaged-SKU-0004').textContent).toBe('1');
    expect(screen.queryByTestId('dispose-dialog')).toBeNull();
  });

  it('refuses more than the damaged count holds, naming the field, and shows the host\'s refusal', async () => {
    host.handlers['stock.dispose'] = () => {
      throw new AppError('CONFLICT', msg('catalog.disposeTooMany', { code: 'SKU-0004', qty: 3, damaged: 1 }));
    };
    await openFromRow(3);
    fireEvent.click(screen.getByTestId('dispose-kind-discarded'));
    expect(saveButton('dispose-save').textContent).toBe('报废');
    type(screen.getByTestId('dispose-qty'), '4');
    expect(screen.getByText('数量：请输入 1 到 3 之间的整数')).toBeTruthy();
    expect(saveButton('dispose-save').disabled).toBe(true);
    type(screen.getByTestId('dispose-qty'), '3');
    await click(saveButton('dispose-save'));
    expect(screen.getByTestId('error').textContent).toContain('SKU-0004 只有 1 件残次，不能报废 3 件');
  });

  it('is not offered while nothing is damaged', async () => {
    host.handlers['catalog.list'] = () => ({ total: 1, skus: [sku({ damaged: 0 })] });
    render(<CatalogScreen />);
    await act(settle);
    expect(screen.queryByTestId('dispose-SKU-0004')).toBeNull();
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
