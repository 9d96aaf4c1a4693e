// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchState } from '#shared/contract/bench.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { attachWedgeScanner, type WedgeBinding } from '../../lib/wedge-dom';
import { defaultWedgeConfig } from '../../lib/wedge-scanner';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, line, packer, scanResult, shipment } from '../../test/fixtures';
import { press, scanKeys, typeText } from '../../test/keyboard';
import { PackerBadge } from '../session/PackerBadge';
import { useSessionStore } from '../session/session.store';
import { BenchScreen } from './BenchScreen';
import { useBenchStore } from './bench.store';

/** The packing bench with no mouse: a scanner in one hand, the keyboard under the other. */
const ORDER = '3921876543210987654';
const ITEM = '6900000000011';
const opened = benchState([line(1, 1, 0)], { expectedWeightG: 1000 });
const packed = benchState([line(1, 1, 1)], { expectedWeightG: 1000 });
const held = (): BenchState =>
  benchState([line(1, 1, 1)], {
    expectedWeightG: 1000,
    weighing: { scale: 'none', settledG: null, status: 'light', deviationG: -400, accepted: false, mismatchG: 600 },
  });
const sf = { code: 'SF', name: '顺丰速运', nameEn: 'SF Express', enabled: true, pool: { free: 120, used: 3, void: 0 } };
const yto = { code: 'YTO', name: '圆通速递', nameEn: 'YTO Express', enabled: true, pool: { free: 20, used: 0, void: 0 } };
const shipped = (state: BenchState) => ({ shipments: [shipment()], print: null, warnings: [], state: { ...state, shipments: [shipment()] } });

let host: FakeHost;
let wedge: WedgeBinding;
const focused = () => document.activeElement as HTMLElement;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: packer });
  host = createFakeHost({
    'bench.getState': () => useBenchStore.getState().state,
    'carriers.list': () => [sf, yto],
    'devices.scaleLive': () => null,
    'bench.shipChoice': () => ({}),
    'bench.scan': ({ code }) => scanResult(code === ORDER ? 'opened' : 'verified', code === ORDER ? opened : packed),
    'bench.ship': () => shipped(packed),
    'bench.acceptWeight': () => shipped(held()),
    'session.lock': () => ({ ...packer, locked: true }),
  });
  setApi(host.api);
  // Event timestamps read Date: faked, each key comes at the time the test gives it.
  vi.useFakeTimers({ toFake: ['Date'] });
  // Wired as start-station wires it.
  wedge = attachWedgeScanner(document, defaultWedgeConfig, (code) => void useBenchStore.getState().scan(code, 'wedge'));
});
afterEach(() => {
  wedge.detach();
  vi.useRealTimers();
  cleanup();
});

describe('packing an order by scanner and keyboard alone', () => {
  it('opens it, sets carrier, weight and 2 parcels with F4, Tab and F3, and ships it with F9', async () => {
    render(<BenchScreen />);
    await act(settle);
    scanKeys(ORDER);
    await act(settle);
    scanKeys(ITEM);
    await act(settle);
    expect(host.callsOf('bench.scan')).toEqual([{ code: ORDER, source: 'wedge' }, { code: ITEM, source: 'wedge' }]);

    // F4: the carrier list; the arrow picks 顺丰, Tab goes on to the weight box.
    act(() => press('F4'));
    expect(focused().id).toBe('ship-carrier');
    act(() => press('ArrowDown'));
    act(() => press('Tab'));
    expect(focused().id).toBe('ship-weight');
    act(() => typeText('1031'));
    // F3: 包裹数, its 1 selected, so the 2 typed replaces it; + and − step it.
    act(() => press('F3'));
    expect(focused().id).toBe('ship-parcels');
    act(() => typeText('3'));
    act(() => press('-'));
    expect(screen.getByTestId('parcel-count')).toHaveProperty('value', '2');
    // Shift+Tab goes back to the weight, which kept what was typed; F2 comes back to it from anywhere.
    act(() => press('Tab', { shiftKey: true }));
    expect(focused().id).toBe('ship-weight');
    expect(screen.getByTestId('weight-input')).toHaveProperty('value', '1031');
    expect(screen.getByTestId('ship-button').textContent).toContain('F9');

    act(() => press('F9'));
    await act(settle);
    expect(host.callsOf('bench.ship')).toEqual([{ carrierCode: 'SF', weightG: 1031, parcelCount: 2, partial: false }]);
    expect(screen.getByTestId('scan-status').dataset['outcome']).toBe('completed');
  });

  it('Tab reaches 发货 and Enter presses it', async () => {
    useBenchStore.setState({ state: packed });
    render(<BenchScreen />);
    await act(settle);
    act(() => press('F3'));
    act(() => press('Tab'));
    expect(focused().dataset['testid']).toBe('ship-button');
    act(() => press('Enter'));
    await act(settle);
    expect(host.callsOf('bench.ship')).toHaveLength(1);
  });

  it('an F9 inside a scanner burst ships nothing; pressed by the packer after it, it ships', async () => {
    useBenchStore.setState({ state: packed });
    render(<BenchScreen />);
    await act(settle);
    vi.setSystemTime(Date.now() + 1000);
    for (const ch of ['6', '9', 'F9']) {
      vi.setSystemTime(Date.now() + 5);
      const code = ch === 'F9' ? 'F9' : `Digit${ch}`;
      act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code, bubbles: true, cancelable: true })));
    }
    await act(settle);
    expect(host.callsOf('bench.ship')).toEqual([]);
    expect(host.callsOf('bench.scan')).toEqual([]);
    act(() => press('F9'));
    await act(settle);
    expect(host.callsOf('bench.ship')).toHaveLength(1);
  });
});

describe('a scan with the carrier list focused', () => {
  it('leaves the carrier as it was and is taken as a scan; a letter the packer types still picks one', async () => {
    setLanguage('en');
    useBenchStore.setState({ state: packed });
    render(<BenchScreen />);
    await act(settle);
    act(() => press('F4'));
    const carrier = screen.getByTestId('carrier-select');
    expect(focused()).toBe(carrier);
    // Its first letter is YTO's: the list's type-ahead would have switched to it.
    act(() => scanKeys('YT7400000000001'));
    await act(settle);
    expect(host.callsOf('bench.scan')).toEqual([{ code: 'YT7400000000001', source: 'wedge' }]);
    expect(carrier).toHaveProperty('value', '');
    // A person's key is given back once the scanner's gap has passed with nothing after it.
    act(() => press('y'));
    await act(() => new Promise((resolve) => setTimeout(resolve, defaultWedgeConfig.maxGapMs * 3)));
    expect(carrier).toHaveProperty('value', 'YTO');
    act(() => press('s'));
    await act(() => new Promise((resolve) => setTimeout(resolve, defaultWedgeConfig.maxGapMs * 3)));
    expect(carrier).toHaveProperty('value', 'SF');
  });
});

describe('a weight a supervisor accepts, by keyboard', () => {
  it('F8 asks for the PIN, typed into the pad, and Enter accepts it; F9 at the prompt ships nothing behind it', async () => {
    useBenchStore.setState({ state: held() });
    render(<BenchScreen />);
    await act(settle);
    expect(screen.getByTestId('scale-accept').textContent).toContain('F8');
    act(() => press('F8'));
    await act(settle);
    expect(screen.getByTestId('supervisor-dialog')).toBeTruthy();
    expect(focused().dataset['testid']).toBe('pin-input');
    act(() => press('F9'));
    act(() => typeText('1234'));
    expect(screen.getByTestId('pin-input')).toHaveProperty('value', '1234');
    act(() => press('Enter'));
    await act(settle);
    expect(host.callsOf('bench.ship')).toEqual([]);
    expect(host.callsOf('bench.acceptWeight')).toEqual([{ authorizerPin: '1234' }]);
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
  });

  it('Esc closes the PIN prompt and the focus is back where the packer was; Tab never leaves an open prompt', async () => {
    useBenchStore.setState({ state: held() });
    render(<BenchScreen />);
    await act(settle);
    act(() => press('F2'));
    act(() => press('F8'));
    await act(settle);
    const dialog = screen.getByTestId('supervisor-dialog');
    for (let i = 0; i < 16; i += 1) {
      act(() => press('Tab'));
      expect(dialog.contains(focused())).toBe(true);
    }
    act(() => press('Tab', { shiftKey: true }));
    expect(dialog.contains(focused())).toBe(true);
    act(() => press('Escape'));
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(focused().id).toBe('ship-weight');
    expect(host.callsOf('bench.acceptWeight')).toEqual([]);
  });
});

describe('锁定 by keyboard', () => {
  it('Ctrl+L locks the bench', async () => {
    render(
      <>
        <PackerBadge />
        <BenchScreen />
      </>,
    );
    await act(settle);
    expect(screen.getByTestId('lock-button').textContent).toContain('Ctrl+L');
    act(() => press('l', { ctrlKey: true }));
    await act(settle);
    expect(host.callsOf('session.lock')).toHaveLength(1);
  });
});
