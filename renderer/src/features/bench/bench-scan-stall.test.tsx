// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { attachWedgeScanner, type WedgeBinding } from '../../lib/wedge-dom';
import { defaultWedgeConfig } from '../../lib/wedge-scanner';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, line, packer, scanResult } from '../../test/fixtures';
import { keyFor } from '../../test/keys';
import { useSessionStore } from '../session/session.store';
import { BenchScreen } from './BenchScreen';
import { useBenchStore } from './bench.store';

/** A scanner that stalls inside a barcode (slow Bluetooth link, busy PC) must not turn it into an unknown one. */
const SAMPLE = '2000000000077'; // SKU-0007 in resources/samples/商品资料-示例.csv
let host: FakeHost;
let wedge: WedgeBinding;

/** Keys on the focused element 5 ms apart, as a scanner sends them. */
function keys(text: string) {
  for (const ch of text) {
    const { code, shiftKey } = keyFor(ch);
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { code, key: ch, shiftKey, bubbles: true, cancelable: true }));
    vi.advanceTimersByTime(5);
  }
}

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: packer });
  const open = benchState([line(1, 1, 0, 'SKU-0007')]);
  host = createFakeHost({
    'bench.getState': () => open,
    'carriers.list': () => [],
    'bench.scan': ({ code }) =>
      code === SAMPLE
        ? scanResult('verified', benchState([line(1, 1, 1, 'SKU-0007')]), { detail: { lineNo: '1', barcode: code } })
        : scanResult('unknown_barcode', open, { detail: { barcode: code } }),
    'catalog.list': () => ({
      total: 1,
      skus: [{ code: 'SKU-0007', name: '示例商品 SKU-0007', weightG: 192, location: 'A-07-3', barcodes: [{ barcode: SAMPLE, units: 1 }], safetyStock: null, onHand: 100, damaged: 0 }],
    }),
  });
  setApi(host.api);
  useBenchStore.setState({ state: open });
  // Wired as start-station wires it.
  wedge = attachWedgeScanner(document, defaultWedgeConfig, (code) => void useBenchStore.getState().scan(code, 'wedge'));
});
afterEach(() => {
  wedge.detach();
  vi.useRealTimers();
  cleanup();
});

describe('a scan stalled in the middle of a barcode', () => {
  it('verifies the line instead of offering to bind the rest of the code', async () => {
    render(<BenchScreen />);
    vi.useFakeTimers();
    keys(SAMPLE.slice(0, 3));
    vi.advanceTimersByTime(120);
    keys(SAMPLE.slice(3));
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', bubbles: true, cancelable: true }));
    vi.useRealTimers();
    await act(settle);
    expect(host.callsOf('bench.scan')).toEqual([{ code: SAMPLE, source: 'wedge' }]);
    expect(screen.getByTestId('scan-status').dataset['outcome']).toBe('verified');
    expect(screen.queryByTestId('bind-barcode')).toBeNull();
  });
});

describe('the bind form for an unknown barcode', () => {
  it('warns that a code shorter than every barcode of the SKU may be a partial scan, and still lets a supervisor bind', async () => {
    render(<BenchScreen />);
    act(() => useBenchStore.getState().openBind('0000000077'));
    await act(settle);
    const warning = screen.getByTestId('bind-partial');
    expect(warning.textContent).toContain('这个条码只有 10 位');
    expect(warning.textContent).toContain('可能只扫到了一部分');
    expect(warning.textContent).toContain('再扫一次');
    expect((screen.getByTestId('bind-submit') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('bind-submit'));
    expect(await screen.findByTestId('supervisor-dialog')).toBeTruthy();
  });

  it('closes when the packer scans again and the scan is answered: a rescan that verifies, an order that opens, a refusal', async () => {
    render(<BenchScreen />);
    const another = benchState([line(1, 1, 0, 'SKU-0009')], { order: { ...benchState([]).order!, id: 'order-2', externalId: 'T-2' } });
    host.handlers['bench.scan'] = ({ code }) =>
      code === SAMPLE ? scanResult('verified', benchState([line(1, 1, 1, 'SKU-0007')]), { detail: { lineNo: '1', barcode: code } })
      : code === 'T-2' ? scanResult('opened', another)
      : code === 'SKU-0009' ? scanResult('wrong_item', another, { detail: { barcode: code } })
      : (() => { throw new AppError('CONFLICT', msg('rpc.internal', { ref: code })); })();
    for (const code of [SAMPLE, 'T-2', 'SKU-0009', 'PD:BROKEN']) {
      act(() => useBenchStore.getState().openBind('0000000077'));
      await act(settle);
      expect(screen.getByTestId('bind-dialog')).toBeTruthy();
      await act(() => useBenchStore.getState().scan(code, 'wedge'));
      await act(settle);
      expect(screen.queryByTestId('bind-dialog')).toBeNull();
    }
  });

  it('does not warn about a code as long as the SKU\'s barcodes', async () => {
    render(<BenchScreen />);
    act(() => useBenchStore.getState().openBind('6923456789012'));
    await act(settle);
    expect(host.callsOf('catalog.list')).toEqual([{ query: 'SKU-0007', limit: 50, offset: 0, stock: 'all' }]);
    expect(screen.queryByTestId('bind-partial')).toBeNull();
  });
});
