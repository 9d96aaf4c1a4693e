// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DamageReport } from '#shared/contract/damage.contract';
import { defaultSettings } from '#shared/contract/settings.contract';
import { setApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { startStation } from '../../app/start-station';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, packer, scanResult, shipment } from '../../test/fixtures';
import { keyFor } from '../../test/keys';
import { useBenchStore } from '../bench/bench.store';
import { useSessionStore } from '../session/session.store';
import { useDamageReportStore } from './damage-report.store';

let host: FakeHost;
let stop: () => void;

/** A scanner burst on the document, whatever has the focus. */
function scan(text: string) {
  for (const ch of text) {
    const { code, shiftKey } = keyFor(ch);
    document.dispatchEvent(new KeyboardEvent('keydown', { code, key: ch, shiftKey, bubbles: true, cancelable: true }));
  }
  document.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', bubbles: true, cancelable: true }));
}

const report = (over: Partial<DamageReport> = {}): DamageReport => ({
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', orderId: 'o1', orderExternalId: '3921876543210987654', shipmentId: null, trackingNo: null, carrierCode: null, orderParcel: null,
  skuCode: 'SKU-2', skuName: '商品2', qty: 1, reason: 'broken', source: 'bench', note: '', weightG: null, photos: [], bench: { name: '打包台 1', thisBench: true },
  reportedBy: '小王', reportedAt: '2026-12-06T00:00:00.000Z', returnId: null, returnScanned: null, decision: null, ...over,
});

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useDamageReportStore.setState({ open: false, prefill: null, filed: [] });
  useSessionStore.setState({ session: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench' });
  useConnectionStore.setState({ status: 'open' });
  host = createFakeHost({
    'session.current': () => packer,
    'settings.get': () => defaultSettings,
    'bench.getState': () => benchState(),
    'carriers.list': () => [],
    'bench.scan': ({ code }) => scanResult(code.startsWith('PD:') ? 'command' : 'verified', benchState(), { scanId: null, detail: { command: code } }),
    'damage.list': () => ({ total: 0, reports: [] }),
    'catalog.list': ({ query }) => ({
      total: 1,
      skus: query === '6900000000002' ? [{ code: 'SKU-2', name: '商品2', weightG: null, location: '', barcodes: [{ barcode: '6900000000002', units: 1 }], safetyStock: null, onHand: 3, damaged: 0 }] : [],
    }),
    'damage.report': (input) => report({ skuCode: input.skuCode, reason: input.reason, note: input.note }),
  });
  setApi(host.api);
  stop = startStation(host.api, document);
});
afterEach(() => {
  stop();
  cleanup();
});

describe('damage at the bench', () => {
  it('PD:DAMAGE opens the form over the order; scans go into it, not to the bench; filing says what was filed', async () => {
    render(<App />);
    await screen.findByTestId('order-card');
    await act(async () => {
      scan('PD:DAMAGE');
      await settle();
    });
    expect(screen.getByTestId('damage-dialog').textContent).toContain('报损 · 订单 3921876543210987654');
    expect(host.callsOf('bench.scan')).toHaveLength(1);

    // The scanner picks the item by its barcode; the bench never hears of it.
    await act(async () => {
      scan('6900000000002');
      await settle();
    });
    expect(screen.getByTestId('damage-sku-SKU-2').className).toContain('chip-on');
    expect(host.callsOf('bench.scan')).toHaveLength(1);
    // No camera in this browser: the form says so and still files.
    expect(screen.getByTestId('damage-photos-capture').dataset['camera']).toBe('off');
    // …and does not tell the packer to scan PD:PHOTO for a camera that is not there.
    expect(screen.getByTestId('damage-dialog').textContent).not.toContain('PD:PHOTO');

    expect((screen.getByTestId('damage-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('damage-reason-other'));
    // 其他 needs a note.
    expect((screen.getByTestId('damage-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('damage-note'), { target: { value: '标签贴错' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('damage-submit'));
      await settle();
    });
    expect(host.callsOf('damage.report')).toEqual([
      { orderRef: 'o1', skuCode: 'SKU-2', qty: 1, reason: 'other', source: 'bench', note: '标签贴错', photoHashes: [] },
    ]);
    expect(screen.queryByTestId('damage-dialog')).toBeNull();
    expect(screen.getAllByTestId('toast').map((t) => t.textContent).join()).toContain('已报损：SKU-2 ×1（其他），等主管处理');

    // Closed: the scanner is the bench's again.
    await act(async () => {
      scan('6900000000002');
      await settle();
    });
    expect(host.callsOf('bench.scan')).toHaveLength(2);
  });

  it('over an order the bench has shipped, the report names the parcel the form shows', async () => {
    const shipped = benchState(undefined, { shipments: [shipment({ trackingNo: 'YT8800000034', carrierCode: 'YTO' })] });
    host.handlers['bench.getState'] = () => shipped;
    host.handlers['bench.scan'] = ({ code }) => scanResult('command', shipped, { scanId: null, detail: { command: code } });
    render(<App />);
    await screen.findByTestId('order-card');
    await act(async () => {
      scan('PD:DAMAGE');
      await settle();
    });
    expect(screen.getByTestId('damage-dialog').textContent).toContain('YT8800000034');
    await act(async () => {
      scan('6900000000002');
      await settle();
    });
    fireEvent.click(screen.getByTestId('damage-reason-broken'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('damage-submit'));
      await settle();
    });
    expect(host.callsOf('damage.report')).toMatchObject([{ orderRef: 'YT8800000034', skuCode: 'SKU-2' }]);
  });

  it('with an order, only that order’s items can be reported: another SKU scanned or typed is refused, naming the order and the SKU', async () => {
    host.handlers['catalog.list'] = ({ query }) => ({
      total: 1,
      skus: query === 'SKU-9' ? [{ code: 'SKU-9', name: '商品9', weightG: null, location: '', barcodes: [{ barcode: '6900000000009', units: 1 }], safetyStock: null, onHand: 3, damaged: 0 }] : [],
    });
    render(<App />);
    await screen.findByTestId('order-card');
    await act(async () => {
      fireEvent.click(screen.getByTestId('damage-open'));
      await settle();
    });
    expect(screen.getAllByTestId(/^damage-sku-SKU-/).map((c) => c.dataset['testid'])).toEqual(['damage-sku-SKU-1', 'damage-sku-SKU-2']);
    fireEvent.change(screen.getByTestId('damage-sku-input'), { target: { value: 'SKU-9' } });
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId('damage-sku-input'), { key: 'Enter' });
      await settle();
    });
    expect(screen.getByTestId('damage-dialog').textContent).toContain('订单 3921876543210987654 里没有商品 SKU-9');
    expect(screen.queryByTestId('damage-sku-SKU-9')).toBeNull();
    fireEvent.click(screen.getByTestId('damage-reason-broken'));
    expect((screen.getByTestId('damage-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('with no order, a unit found on the shelf is picked by scanning its barcode, not looked up as an order', async () => {
    host.handlers['bench.getState'] = () => ({ ...benchState([]), order: null });
    host.handlers['returns.lookup'] = () => ({ found: null });
    render(<App />);
    await screen.findByTestId('bench-empty');
    await act(async () => {
      fireEvent.click(screen.getByTestId('damage-open'));
      await settle();
    });
    await act(async () => {
      scan('6900000000002');
      await settle();
    });
    expect(screen.getByTestId('damage-sku-SKU-2').className).toContain('chip-on');
    expect(screen.getByTestId('damage-order-note').textContent).not.toContain('6900000000002');
    expect(screen.getByTestId('damage-source-shelf').className).toContain('seg-on');
  });

  it('an order found by its number that has shipped was found after delivery; one still to ship, while packing', async () => {
    host.handlers['bench.getState'] = () => ({ ...benchState([]), order: null });
    for (const [shipped, source] of [[true, 'delivered'], [false, 'bench']] as const) {
      host.handlers['returns.lookup'] = ({ ref }) => ({
        found: {
          ref, order: { id: `taobao:${ref}`, externalId: ref, receiverName: '张三', buyerNick: 'tb', shipped }, parcel: null,
          expected: [{ skuCode: 'SKU-2', skuName: '商品2', qty: 1, returned: 0 }], earlier: [],
        },
      });
      const { unmount } = render(<App />);
      await screen.findByTestId('bench-empty');
      await act(async () => {
        fireEvent.click(screen.getByTestId('damage-open'));
        await settle();
      });
      await act(async () => {
        scan('3921876543210987654');
        await settle();
      });
      expect(screen.getByTestId('damage-order').getAttribute('data-order')).toBe('3921876543210987654');
      expect(screen.getByTestId(`damage-source-${source}`).className).toContain('seg-on');
      unmount();
      useDamageReportStore.setState({ open: false, prefill: null });
    }
  });

  it('PD:CANCEL closes the form without filing; the order stays open', async () => {
    render(<App />);
    await screen.findByTestId('order-card');
    await act(async () => {
      fireEvent.click(screen.getByTestId('damage-open'));
      await settle();
    });
    expect(screen.getByTestId('damage-order').dataset['order']).toBe('3921876543210987654');
    await act(async () => {
      scan('PD:CANCEL');
      await settle();
    });
    expect(screen.queryByTestId('damage-dialog')).toBeNull();
    expect(host.callsOf('bench.scan')).toHaveLength(0);
    expect(host.callsOf('damage.report')).toHaveLength(0);
    expect(screen.getByTestId('order-card')).toBeTruthy();
  });
});
