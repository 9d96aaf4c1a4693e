// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoverDetail, HandoverSummary } from '#shared/contract/handover.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { HandoverScreen } from './HandoverScreen';
import { useHandoverStore } from './handover.store';

const going: HandoverSummary = {
  id: 'h1', number: 'JJ-20261207-01', carrierCode: 'YTO', carrierName: '圆通速递', state: 'open', openedAt: '2026-12-07T11:00:00.000Z',
  openedAtBench: { name: '打包台A', thisBench: true }, closedAt: null, courierName: null, abandoned: null,
  counts: { expected: 2, scanned: 1, accepted: 1, missing: 1, unexpected: 0, intercepted: 0, duplicate: 0 },
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useHandoverStore.setState({ carriers: [], open: [], past: [], current: null, last: null, busy: false, error: null, closing: false });
});
afterEach(cleanup);

describe('the carriers waiting for a pickup', () => {
  it('a carrier with a handover under way says how many of its waiting parcels are scanned in, as the handover under way does', async () => {
    const host = createFakeHost({
      'handover.carriers': () => [{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 2, kept: 0 }],
      'handover.list': (input) => ({ handovers: input.state === 'open' ? [going] : [], total: input.state === 'open' ? 1 : 0 }),
    });
    setApi(host.api);
    render(<HandoverScreen />);
    await act(() => settle());
    expect(screen.getByTestId('handover-carrier-awaiting').textContent).toBe('2 件待交接（进行中已扫入 1 件）');
    expect(screen.getByTestId('handover-row-open').textContent).toBe('圆通速递 · 已扫入 1 件');
    expect(screen.queryByTestId('handover-carrier-kept')).toBeNull();
  });

  it('a parcel kept back (拦截) is not one of the parcels waiting for the courier: the card names it apart', async () => {
    const host = createFakeHost({
      'handover.carriers': () => [{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 1, kept: 1 }],
      'handover.list': () => ({ handovers: [], total: 0 }),
    });
    setApi(host.api);
    render(<HandoverScreen />);
    await act(() => settle());
    expect(screen.getByTestId('handover-carrier-awaiting').textContent).toBe('1 件待交接');
    expect(screen.getByTestId('handover-carrier-kept').textContent).toBe('另有 1 件拦截：留在本店');
  });
});

describe('an abandoned (作废) handover', () => {
  const abandoned: HandoverDetail = {
    ...going, state: 'abandoned', abandoned: { at: '2026-12-07T12:00:00.000Z', by: '王主管', reason: 'no-pickup', note: '', parcels: 2 },
    counts: { expected: 0, scanned: 3, accepted: 0, missing: 0, unexpected: 0, intercepted: 0, duplicate: 1 },
    accepted: [], missing: [], intercepted: [], unexpected: [], scans: [], signatureHash: null, photoHashes: [], closedBy: null,
    putBack: [
      { shipmentId: 's1', trackingNo: 'YT7400000000001', orderExternalId: '4000000040614440', reason: null },
      { shipmentId: 's2', trackingNo: 'YT7400000000002', orderExternalId: '4000000040614441', reason: null },
    ],
  };

  /** The handover screen with `h` as the only one in the history. */
  const openFromHistory = async (h: HandoverDetail) => {
    const host = createFakeHost({
      'handover.carriers': () => [],
      'handover.list': (input) => ({ handovers: input.state === 'closed' ? [h] : [], total: input.state === 'closed' ? 1 : 0 }),
      'handover.get': () => h,
    });
    setApi(host.api);
    render(<HandoverScreen />);
    await act(() => settle());
  };

  it('its page says it was abandoned, by whom, why and when, and the parcels scanned in that wait for the next pickup: no 少件 panel, no tally of zeros', async () => {
    await openFromHistory(abandoned);
    expect(screen.getByTestId('handover-row-open').textContent).toBe('圆通速递 · 已作废 · 退回待交接 2 件');
    fireEvent.click(screen.getByTestId('handover-row-open'));
    await act(() => settle());
    expect(screen.getByTestId('handover-state').textContent).toBe('已作废');
    expect(screen.getByTestId('handover-abandoned').textContent).toBe('2026/12/07 20:00 由 王主管 作废：快递员没来取件');
    expect(screen.getByTestId('handover-put-back').textContent).toBe('已扫入的 2 件都没有交给快递员：已退回待交接，等下一次揽收时重新扫入。');
    expect(screen.getAllByTestId('handover-put-back-list-item').map((li) => li.querySelector('.handover-no')?.textContent)).toEqual(['YT7400000000001', 'YT7400000000002']);
    expect(screen.queryByTestId('handover-missing')).toBeNull();
    expect(screen.queryByTestId('handover-counts')).toBeNull();
    expect(screen.queryByTestId('handover-accepted')).toBeNull();
    expect(screen.queryByTestId('handover-unexpected')).toBeNull();
  });

  it('lists what was scanned that was not for it, as a closed handover does', async () => {
    const odd: HandoverDetail = {
      ...abandoned,
      unexpected: [{
        id: 'sc9', code: 'ZT73100000000009', outcome: 'unexpected-carrier', trackingNo: 'ZT73100000000009', orderExternalId: '4000000040614449',
        detail: { key: 'handover.detail.otherCarrier', params: { carrier: '中通快递' } }, bench: { name: '打包台A', thisBench: true }, at: '2026-12-07T11:50:00.000Z',
      }],
    };
    await openFromHistory(odd);
    fireEvent.click(screen.getByTestId('handover-row-open'));
    await act(() => settle());
    const list = screen.getByTestId('handover-unexpected');
    expect(list.dataset['count']).toBe('1');
    expect(list.textContent).toContain('ZT73100000000009');
    expect(list.textContent).toContain('中通快递');
  });
});
