// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuardSummary } from '#shared/contract/guard.contract';
import { defaultInboxSettings } from '#shared/contract/inbox.contract';
import { defaultSettings } from '#shared/contract/settings.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { startStation } from '../../app/start-station';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, line, supervisor, syncStatus } from '../../test/fixtures';
import { useBenchStore } from '../bench/bench.store';
import { usePartialShipStore } from '../bench/partial-ship.store';
import { InboxSettingsDialog } from '../inbox/InboxSettingsDialog';
import { useInboxStore } from '../inbox/inbox.store';
import { useOrdersStore } from '../orders/orders.store';
import { useSessionStore } from '../session/session.store';
import { useGuardStore } from './guard.store';

/** Beijing wall clock → UTC ISO. */
const bj = (s: string) => new Date(Date.parse(`${s}+08:00`)).toISOString();
const NOW = bj('2026-03-10T14:00:00');

let host: FakeHost;
let stop = () => {};
let summary: GuardSummary;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  usePartialShipStore.setState({ pending: null });
  useGuardStore.setState({ summary: null });
  useSessionStore.setState({ session: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench', section: null, focus: null });
  useConnectionStore.setState({ status: 'open' });
  useInboxStore.setState({ counts: null });
  summary = {
    now: NOW, riskHours: 6, pickupTime: '16:00', pickupAt: bj('2026-03-10T16:00:00'), followingPickupAt: bj('2026-03-11T16:00:00'),
    atRisk: 3, late: 1, beforePickup: 5, missesPickup: 2, awaitingHandover: 0,
    soonest: [{ orderId: 'o9', externalId: '4000000000000000009', deadline: bj('2026-03-10T12:00:00') }],
  };
  host = createFakeHost({
    'session.current': () => supervisor,
    'settings.get': () => defaultSettings,
    'bench.getState': () => benchState([line(1, 2, 1), line(2, 1)], { order: { ...benchState().order!, shipDeadline: bj('2026-03-10T15:30:00') } }),
    'carriers.list': () => [],
    'sync.status': () => syncStatus(),
    'inbox.counts': () => ({ total: 0, byKind: {}, capped: false }),
    'guard.summary': () => summary,
    'orders.list': () => ({ total: 0, orders: [] }),
    'orders.listMappings': () => [],
  });
  setApi(host.api);
});
afterEach(() => {
  stop();
  cleanup();
  vi.useRealTimers();
});

async function showApp() {
  stop = startStation(host.api, document);
  render(<App />);
  await screen.findByTestId('packer');
  await act(() => settle());
}

describe('the late-shipping guard at the bench and in the top bar', () => {
  it('counts orders due soon in the top bar (red: some are late) and opens the Orders screen at "due soon"', async () => {
    await showApp();
    const badge = screen.getByTestId('guard-badge');
    expect(badge.textContent).toBe('3');
    expect(screen.getByTestId('nav-orders').textContent).toBe('订单3');
    expect(badge.className).toContain('guard-badge-late');
    expect(badge.getAttribute('title')).toBe('3 单在 6 小时内到发货期限，其中 1 单已超时');
    await act(async () => {
      fireEvent.click(badge);
      await settle();
    });
    expect(useNavStore.getState().screen).toBe('orders');
    expect(useOrdersStore.getState().filter).toBe('at-risk');
    expect(host.callsOf('orders.list').at(-1)).toMatchObject({ state: 'at-risk' });
    expect((await screen.findByTestId('guard-strip', {}, { timeout: 5000 })).textContent).toBe('3 单在 6 小时内到发货期限（1 单已超时），期限最早的排在前面');
  });

  it('says at the bench that the open order is due before the courier comes, as a line that blocks nothing', async () => {
    await showApp();
    await act(() => useBenchStore.getState().refresh());
    const banner = screen.getByTestId('bench-guard');
    expect(banner.dataset['standing']).toBe('misses-pickup');
    expect(banner.textContent).toBe('本单期限 2026/03/10 15:30 早于快递 今天 16:00 揽收，还剩 1 小时 30 分：请尽快发出或请快递提前揽收');
  });

  it('counts again after an order import (the strip over the orders showed the counts from before it)', async () => {
    await showApp();
    const before = host.callsOf('guard.summary').length;
    summary = { ...summary, atRisk: 5, late: 2 };
    await act(async () => {
      useOrdersStore.setState({ report: { rejected: false } as never });
      await settle();
    });
    expect(host.callsOf('guard.summary').length).toBe(before + 1);
    expect(useGuardStore.getState().summary?.late).toBe(2);
  });

  it('with no order open, names the queue\'s first order due, and says late when it is (not 临近)', async () => {
    host.handlers['bench.getState'] = () => ({ ...benchState(), order: null, lines: [] });
    await showApp();
    expect(screen.getByTestId('bench-guard').textContent).toBe('1 单已超过发货期限，最早：订单 4000000000000000009（2026/03/10 12:00）；临近和超时共 3 单');
    cleanup();
    stop();
    summary = { ...summary, late: 0, soonest: [{ orderId: 'o9', externalId: '4000000000000000009', deadline: bj('2026-03-10T17:00:00') }] };
    useGuardStore.setState({ summary: null });
    await showApp();
    expect(screen.getByTestId('bench-guard').textContent).toBe('还有 3 单临近发货期限，最早：订单 4000000000000000009（2026/03/10 17:00）');
  });
});

describe('the warning before a partial ship', () => {
  it('says why the platform cannot take it, and ships only when asked again', async () => {
    const reason = msg('export.partialWarning', { reason: msg('export.hold.linePartly', { line: 1, title: '商品1', carried: 1, qty: 2 }) });
    host.handlers['shipments.partialCheck'] = () => ({ ok: false, reason });
    host.handlers['bench.ship'] = () => ({ shipments: [], print: null, warnings: [], state: benchState() });
    await showApp();
    await act(() => useBenchStore.getState().refresh());
    await act(async () => {
      fireEvent.click(screen.getByTestId('partial-button'));
      await settle();
    });
    expect(screen.getByTestId('partial-warning-reason').textContent).toBe(
      '第 1 行“商品1”这个包裹只带了 1/2 件：平台只能按整个子订单拆单发货，其余发出后再上传。这个包裹会暂不写入批量发货文件。',
    );
    // The heading says the platform cannot take it; the advice names only what its two buttons do.
    expect(screen.getByTestId('partial-warning').textContent).toContain('取消后把整行（整个子订单）扫完再发；或仍然部分发货');
    expect(host.callsOf('bench.ship')).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('partial-anyway'));
      await settle();
    });
    expect(host.callsOf('bench.ship')).toEqual([{ parcelCount: 1, partial: true }]);
  });

  it('goes with its order: another order scanned meanwhile is never shipped partly by it', async () => {
    const reason = msg('export.partialWarning', { reason: msg('export.hold.linePartly', { line: 1, title: '商品1', carried: 1, qty: 2 }) });
    host.handlers['shipments.partialCheck'] = () => ({ ok: false, reason });
    host.handlers['bench.ship'] = () => ({ shipments: [], print: null, warnings: [], state: benchState() });
    await showApp();
    await act(() => useBenchStore.getState().refresh());
    await act(async () => {
      await useBenchStore.getState().scan('PD:PARTIAL', 'wedge');
      await settle();
    });
    expect(screen.getByTestId('partial-warning')).toBeTruthy();
    // The packer scans on: the next order opens on the bench.
    const next = benchState([line(1, 3, 1)], { order: { ...benchState().order!, id: 'o2', externalId: '3921876543210980002' } });
    await act(async () => {
      useBenchStore.getState().applyState(next);
      await settle();
    });
    expect(screen.queryByTestId('partial-warning')).toBeNull();
    // PD:PARTIAL at the new order asks about the new order, it does not take the old answer.
    await act(async () => {
      await useBenchStore.getState().scan('PD:PARTIAL', 'wedge');
      await settle();
    });
    expect(host.callsOf('bench.ship')).toEqual([]);
    expect(screen.getByTestId('partial-warning')).toBeTruthy();
  });
});

describe('the inbox thresholds dialog', () => {
  it('edits the pickup time and the tracking hours, with an error naming what is wrong', async () => {
    const onSave = vi.fn(async () => true);
    render(<InboxSettingsDialog settings={defaultInboxSettings} onSave={onSave} onClose={() => {}} />);
    fireEvent.change(screen.getByTestId('inbox-pickup-time'), { target: { value: '25:00' } });
    expect(screen.getByTestId('inbox-pickup-time-error').textContent).toBe('请按 HH:mm 填写，例如 16:00');
    expect((screen.getByTestId('inbox-settings-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('inbox-pickup-time'), { target: { value: '1730' } });
    fireEvent.change(screen.getByTestId('inbox-stalled-hours'), { target: { value: '721' } });
    expect(screen.getByTestId('inbox-stalled-hours-error').textContent).toBe('1 到 720 的整数');
    fireEvent.change(screen.getByTestId('inbox-stalled-hours'), { target: { value: '72' } });
    fireEvent.change(screen.getByTestId('inbox-no-pickup-hours'), { target: { value: '12' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('inbox-settings-save'));
      await settle();
    });
    expect(onSave).toHaveBeenCalledWith({ ...defaultInboxSettings, pickupTime: '17:30', noPickupHours: 12, stalledHours: 72 });
  });
});
