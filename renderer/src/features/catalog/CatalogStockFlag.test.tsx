// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sku } from '#shared/contract/catalog.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { useCatalogStore } from './catalog.store';
import { CatalogScreen } from './CatalogScreen';
import { SkuEditDialog } from './CatalogDialogs';

const sku = (code: string, onHand: number, safetyStock: number | null): Sku => ({
  code, name: `商品 ${code}`, weightG: null, location: '', barcodes: [], safetyStock, onHand, damaged: 0,
});
const skus = [sku('AT', 5, 5), sku('UNDER', -2, 5), sku('ABOVE', 6, 5), sku('NONE', 0, null)];

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  host = createFakeHost({ 'catalog.list': ({ stock }) => ({ total: 4, skus: stock === 'low' ? [skus[0]!] : skus }) });
  setApi(host.api);
  useCatalogStore.setState({ skus: [], filter: 'all', query: '', offset: 0, editing: null, dialogError: null, saving: false });
});
afterEach(cleanup);

const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
    await settle();
  });
};

describe('the catalog list: 安全库存', () => {
  it('flags a SKU at or below its threshold apart from one below zero, and filters to the low ones', async () => {
    render(<CatalogScreen />);
    await act(settle);
    const state = (code: string) => screen.getByTestId(`on-hand-${code}`).getAttribute('data-stock');
    expect(skus.map((s) => state(s.code))).toEqual(['low', 'negative', 'ok', 'ok']);
    expect(screen.getByTestId('low-AT').textContent).toBe('≤5 需补货');
    // Below zero is red and says so by its number alone, not "low" too.
    expect(screen.queryByTestId('low-UNDER')).toBeNull();
    expect(screen.getByTestId('on-hand-UNDER').className).toContain('negative');
    expect(screen.getByTestId('on-hand-ABOVE').textContent).toBe('6 / 5');

    await click(screen.getByTestId('catalog-filter-low'));
    expect(host.callsOf('catalog.list').at(-1)).toMatchObject({ stock: 'low', offset: 0 });
    expect(screen.getByTestId('catalog-table').querySelectorAll('tbody tr[data-testid^="sku-row-"]')).toHaveLength(1);
    expect(screen.getByTestId('catalog-filter-low').getAttribute('aria-pressed')).toBe('true');
  });

  it('the editor sets and clears the threshold, and will not save one that is not a whole number from 0', async () => {
    host.handlers['catalog.saveSku'] = (s) => ({ ...s, safetyStock: s.safetyStock ?? null, onHand: 0, damaged: 0 });
    act(() => useCatalogStore.getState().edit(skus[0]!));
    render(<SkuEditDialog />);
    const box = screen.getByTestId('sku-safety') as HTMLInputElement;
    expect(box.value).toBe('5');
    fireEvent.change(box, { target: { value: '-1' } });
    expect(screen.getByTestId('sku-safety-problem').textContent).toBe('安全库存：请输入 0 到 1000000 之间的整数');
    expect((screen.getByTestId('sku-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(box, { target: { value: '２０' } });
    await click(screen.getByTestId('sku-save'));
    expect(host.callsOf('catalog.saveSku').at(-1)).toMatchObject({ code: 'AT', safetyStock: 20 });

    act(() => useCatalogStore.getState().edit(skus[0]!));
    cleanup();
    render(<SkuEditDialog />);
    fireEvent.change(screen.getByTestId('sku-safety'), { target: { value: '' } });
    await click(screen.getByTestId('sku-save'));
    expect(host.callsOf('catalog.saveSku').at(-1)).toMatchObject({ code: 'AT', safetyStock: null });
  });
});
