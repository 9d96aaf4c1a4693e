// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchWeighing } from '#shared/contract/bench.contract';
import type { LiveWeight } from '#shared/contract/serial.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { benchState, line } from '../../test/fixtures';
import { useSerialStore } from '../serial/serial.store';
import { ScaleStrip } from './ScaleStrip';
import { ScanStatus } from './ScanStatus';
import { useBenchStore } from './bench.store';

const weigh = { seq: 1, outcome: 'weigh' as const, code: '6900000000011', detail: {}, trackingNo: null, printed: false, error: null };
const waiting: BenchWeighing = { scale: 'connected', settledG: null, status: 'waiting', deviationG: 0, accepted: false, mismatchG: null };
const live = (grams: number, extra: Partial<LiveWeight> = {}): LiveWeight => ({ grams, stable: true, overload: false, taken: false, ...extra });
const weighing = (w: Partial<BenchWeighing>) => benchState([line(1, 1, 1)], { expectedWeightG: 452, weighing: { ...waiting, ...w } });

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSerialStore.setState({ live: null });
  // No host call answers unless a test says so (ScaleStrip asks for the live weight when it mounts).
  setApi(createFakeHost({ 'devices.scaleLive': () => null }).api);
});
afterEach(cleanup);

describe('the bench banner while it waits for the parcel\'s weight', () => {
  it('with the scale unplugged, says so and asks for the weight typed and 发货; plugged back, asks for the parcel on the scale', () => {
    useBenchStore.setState({ state: weighing({ scale: 'absent' }), last: weigh });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('电子秤未连接');
    expect(panel.textContent).toContain('输入重量后按“发货”');
    act(() => useBenchStore.setState({ state: weighing({ scale: 'connected' }) }));
    act(() => useSerialStore.setState({ live: live(0) }));
    expect(panel.textContent).toContain('请把包裹放到秤上');
    act(() => setLanguage('en'));
    act(() => useBenchStore.setState({ state: weighing({ scale: 'reconnecting' }) }));
    expect(panel.textContent).toContain('Scale not connected');
  });

  it('with a parcel on the pan whose weight settled before the order opened, says to empty the pan first', () => {
    useBenchStore.setState({ state: weighing({}), last: weigh });
    useSerialStore.setState({ live: live(452, { taken: true }) });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('先清空秤盘，再放上包裹');
    // Lifted off: the pan is clear, the next parcel counts.
    act(() => useSerialStore.setState({ live: live(0) }));
    expect(panel.textContent).toContain('请把包裹放到秤上');
  });

  it('with the scale overloaded, says so; the strip shows 超载, never the last weight settling', () => {
    useBenchStore.setState({ state: weighing({}), last: weigh });
    useSerialStore.setState({ live: live(0, { overload: true, stable: false }) });
    render(
      <>
        <ScanStatus />
        <ScaleStrip />
      </>,
    );
    expect(screen.getByTestId('scan-status').textContent).toContain('电子秤超载');
    expect(screen.getByTestId('scale-live').textContent).toBe('超载');
    expect(screen.getByTestId('scale-strip').textContent).not.toContain('稳定');
  });
});

describe('the scale strip', () => {
  it('shows a steady reading (0 g) as soon as it loads, without waiting for the weight to change', async () => {
    setApi(createFakeHost({ 'devices.scaleLive': () => live(0) }).api);
    useBenchStore.setState({ state: weighing({}) });
    render(<ScaleStrip />);
    await act(settle);
    expect(screen.getByTestId('scale-live').textContent).toBe('0 g');
    expect(screen.getByTestId('scale-strip').textContent).toContain('稳定');
  });

  it('says "weighed before" only of a weight from an earlier reading, not of the one the scale shows now', () => {
    useBenchStore.setState({ state: weighing({ settledG: 900, mismatchG: 900, status: 'heavy', deviationG: 448 }) });
    useSerialStore.setState({ live: live(900) });
    render(<ScaleStrip />);
    const held = screen.getByTestId('scale-held');
    expect(held.textContent).not.toContain('之前');
    expect(held.textContent).toContain('900 g');
    // Weighed again within tolerance: the 900 g that holds it is from before now.
    act(() => useBenchStore.setState({ state: weighing({ settledG: 452, mismatchG: 900, status: 'ok' }) }));
    expect(held.textContent).toContain('之前称得 900 g');
  });
});
