// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchWeighing } from '#shared/contract/bench.contract';
import type { IssuedWaybillView } from '#shared/contract/waybills.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost } from '../../test/fake-host';
import { benchState, emptyState, line, packer } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useWaybillsStore } from '../waybills/waybills.store';
import { useBenchStore } from './bench.store';
import { ShipControls } from './ShipControls';

/** A typed 800 g held the tester's 207 g order: 发货 stayed grey with nothing beside it to say why. */
const held: BenchWeighing = { scale: 'none', settledG: 800, status: 'heavy', deviationG: 593, accepted: false, mismatchG: 800 };
const shipButton = () => screen.getByTestId('ship-button');

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: packer });
  setApi(createFakeHost({ 'bench.getState': () => emptyState, 'carriers.list': () => [], 'bench.shipChoice': () => ({}) }).api);
});
afterEach(cleanup);

describe('发货 held by a weight mismatch', () => {
  it('says beside the disabled button why, and at what weight the accept ships it', () => {
    useBenchStore.setState({ state: benchState([line(1, 1, 1)], { expectedWeightG: 207, weighing: held }) });
    render(<ShipControls />);
    expect(shipButton()).toHaveProperty('disabled', true);
    const reason = screen.getByTestId('ship-held');
    expect(shipButton().getAttribute('aria-describedby')).toBe(reason.id);
    expect(reason.textContent).toBe('发货已暂停：称得 800 g，应为 207 g，需主管确认重量');

    fireEvent.change(screen.getByTestId('weight-input'), { target: { value: '207' } });
    expect(screen.getByTestId('ship-held').textContent).toBe('发货已暂停：称得 800 g，应为 207 g，需主管确认重量（改重量不能解除），确认后按 207 g 发货');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('ship-held').textContent).toBe(
      'On hold: weighed 800 g, 207 g expected; a supervisor must accept the weight (retyping it does not release it), then it ships at 207 g',
    );
  });

  it('with a scale on line names no typed weight (the scale’s wins), and says nothing once a supervisor accepted', () => {
    useBenchStore.setState({ state: benchState([line(1, 1, 1)], { expectedWeightG: 207, weighing: { ...held, scale: 'connected' } }) });
    render(<ShipControls />);
    fireEvent.change(screen.getByTestId('weight-input'), { target: { value: '207' } });
    expect(screen.getByTestId('ship-held').textContent).toBe('发货已暂停：称得 800 g，应为 207 g，需主管确认重量');

    act(() => useBenchStore.setState({ state: benchState([line(1, 1, 1)], { expectedWeightG: 207, weighing: { ...held, scale: 'connected', accepted: true } }) }));
    expect(screen.queryByTestId('ship-held')).toBeNull();
    expect(shipButton()).toHaveProperty('disabled', false);
    expect(shipButton().getAttribute('aria-describedby')).toBeNull();
  });
});

describe('包裹数 for an order fetched as 子母件', () => {
  it('starts at the parcels its numbers are for, and the packer can still change it', () => {
    const w = (trackingNo: string, parentNo: string | null) => ({ trackingNo, parentNo, state: 'ready' }) as IssuedWaybillView;
    useWaybillsStore.setState({ ofOrder: { orderId: 'o1', numbers: [w('YT1', null), w('YT2', 'YT1'), w('YT3', 'YT1')] } });
    useBenchStore.setState({ state: benchState([line(1, 1, 0)]) });
    render(<ShipControls />);
    expect(screen.getByTestId('parcel-count')).toHaveProperty('value', '3');
    fireEvent.click(screen.getByLabelText('−'));
    expect(screen.getByTestId('parcel-count')).toHaveProperty('value', '2');
    useWaybillsStore.setState({ ofOrder: null });
  });
});
