// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sku } from '#shared/contract/catalog.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { packer, supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useCatalogStore } from './catalog.store';
import { CatalogScreen } from './CatalogScreen';

const sku: Sku = { code: 'TEA-01', name: '龙井', weightG: 260, location: 'A-01', barcodes: [{ barcode: '6901234567892', units: 1 }], safetyStock: null, onHand: 40, damaged: 0 };
const FILE = '商品资料-202612011030.csv';

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  host = createFakeHost({ 'catalog.list': () => ({ total: 1, skus: [sku] }) });
  setApi(host.api);
  useCatalogStore.setState({ skus: [], report: null, exported: null, exportError: null, exporting: false });
});
afterEach(cleanup);

const showCatalog = async () => {
  render(<CatalogScreen />);
  await act(settle);
};

describe('导出 on the catalog screen', () => {
  it('downloads the host’s file under its name and says what it holds, and which SKUs would not import back', async () => {
    useSessionStore.setState({ session: supervisor });
    const created: Blob[] = [];
    const url = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void };
    url.createObjectURL = (blob) => (created.push(blob), 'blob:catalog');
    url.revokeObjectURL = () => undefined;
    const names: string[] = [];
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    host.handlers['catalog.exportCsv'] = () => ({
      fileName: FILE, base64: Buffer.from('\ufeff商家编码\r\n').toString('base64'), skus: 2, notReadBack: { count: 1, codes: ['ODD'] },
    });
    await showCatalog();
    await act(async () => {
      fireEvent.click(screen.getByTestId('catalog-export'));
      await settle();
    });
    expect(host.callsOf('catalog.exportCsv')).toEqual([{}]);
    expect(names).toEqual([FILE]);
    expect(created[0]?.type).toBe('text/csv');
    expect(screen.getByTestId('catalog-exported').textContent).toContain(`已导出 2 个商品（${FILE}），含库存`);
    expect(screen.getByTestId('catalog-not-read-back').textContent).toContain('其中 1 个商品再导入时会与现在不同');
    expect(screen.getByTestId('catalog-not-read-back').textContent).toContain('ODD');
    clicked.mockRestore();
  });

  it('rests for a packer, saying why', async () => {
    useSessionStore.setState({ session: packer });
    await showCatalog();
    expect((screen.getByTestId('catalog-export') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('catalog-export-refused').textContent).toBe('只有主管或管理员可以导出商品资料（含库存）。');
  });
});
