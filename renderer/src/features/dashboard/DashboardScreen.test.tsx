// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, DashboardRange } from '#shared/contract/dashboard.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { DashboardScreen } from './DashboardScreen';
import { useDashboardStore } from './dashboard.store';

// ECharts draws on a canvas jsdom does not have: the charts are checked by the options they are given.
const drawn = new Map<string, Record<string, unknown>>();
vi.mock('./echarts-core', () => ({
  echarts: {
    init: (el: HTMLElement) => ({
      setOption: (option: Record<string, unknown>) => drawn.set(el.closest('section')!.dataset['testid']!, option),
      resize: () => {},
      dispose: () => {},
    }),
  },
}));

const zeros = (n: number) => Array<number>(n).fill(0);
function dashboard(range: DashboardRange): Dashboard {
  const days = range === 'today' ? ['2026-03-10'] : ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'];
  const n = days.length;
  const hours = zeros(24);
  hours[10] = 2;
  hours[11] = 1;
  return {
    range, from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T06:00:00.000Z', days,
    kpi: { shipped: 3, partial: 0, parcels: 4, handedOver: null, awaiting: 12, late: 2, shippedLate: 1, doubleShipped: 0 },
    shippedByDay: range === 'today' ? [3] : [0, 0, 0, 0, 0, 2, 3], shippedByHour: hours, lateByDay: range === 'today' ? [1] : [0, 0, 0, 0, 0, 2, 1],
    packers: [{
      packerId: 'u1', name: '小王', orders: 2, units: 8, activeMinutes: 0.6, ordersPerHour: 211.8, unitsPerHour: 847.1, secondsPerScan: 6.8, itemScans: 7,
      errors: { wrong_item: 1, over_scan: 1, unknown_barcode: 0, forced: 1 },
    }],
    carriers: [{ carrierCode: 'YTO', parcels: 3 }, { carrierCode: 'ZTO', parcels: 1 }],
    damage: {
      reports: 2, byDay: { broken: [...zeros(n - 1), 2], leaking: zeros(n), 'missing-parts': zeros(n), 'wrong-item': zeros(n), 'outer-box': zeros(n), other: zeros(n) },
      bySku: [{ skuCode: 'SKU-1', name: '保温杯', reports: 2, units: 3 }], byCarrier: [{ carrierCode: 'YTO', reports: 1 }, { carrierCode: null, reports: 1 }],
    },
  };
}

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  drawn.clear();
  useSessionStore.setState({ session: supervisor });
  useDashboardStore.setState({ range: 'today', data: null, loading: false, error: null });
  host = createFakeHost({ 'dashboard.get': ({ range }) => dashboard(range) });
  setApi(host.api);
});
afterEach(cleanup);

async function show() {
  render(<DashboardScreen />);
  await act(() => settle());
  // Each chart loads ECharts on its own (one chunk, fetched once).
  await act(() => vi.waitFor(() => expect(drawn.size).toBe(7)));
}
const series = (id: string) => (drawn.get(`chart-${id}`)?.['series'] as { name: string; data: unknown[] }[]) ?? [];
const axis = (id: string, which: 'xAxis' | 'yAxis') => (drawn.get(`chart-${id}`)?.[which] as { data: unknown[] }).data;

describe('the dashboard', () => {
  it('shows today\'s figures and draws each chart from them', async () => {
    await show();
    expect(screen.getByTestId('kpi-shipped-value').textContent).toBe('3');
    expect(screen.getByTestId('kpi-shipped').textContent).toContain('已发货订单（今天）');
    expect(screen.getByTestId('kpi-shipped').textContent).toContain('4 个包裹');
    expect(screen.getByTestId('kpi-awaiting-value').textContent).toBe('12');
    expect(screen.getByTestId('kpi-late').className).toContain('kpi-alarm');
    // Today: parcels by Beijing hour.
    expect(screen.getByTestId('chart-shipped').textContent).toContain('今天每小时发货订单');
    expect(axis('shipped', 'xAxis')).toHaveLength(24);
    expect(series('shipped')[0]!.data[10]).toBe(2);
    expect(series('carriers')[0]!.data).toEqual([{ name: '圆通', value: 3 }, { name: '中通', value: 1 }]);
    expect(series('damage-reasons').map((s) => [s.name, s.data])).toEqual([['破损', [2]]]);
    expect(axis('damage-carriers', 'xAxis')).toEqual(['圆通', '无包裹']);
    expect(series('packer-errors').map((s) => [s.name, s.data])).toEqual([['错货', [14.3]], ['多扫', [14.3]], ['未知条码', [0]], ['强制验货', [14.3]]]);
    const row = within(screen.getByTestId('dashboard-packers')).getAllByTestId('packer-row')[0]!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['小王', '2', '8', '211.8', '847.1', '6.8', '1 · 14.3%', '1 · 14.3%', '0', '1 · 14.3%']);
  });

  it('names each packer figure by its column, for the phone, which shows a packer as a card without the table head', async () => {
    await show();
    const row = within(screen.getByTestId('dashboard-packers')).getAllByTestId('packer-row')[0]!;
    const cells = [...row.querySelectorAll('td')].slice(1);
    expect(cells.map((td) => `${td.dataset['label']} ${td.textContent}`)).toEqual([
      '发货订单 2', '件数 8', '单/小时 211.8', '件/小时 847.1', '秒/扫描 6.8', '错货 1 · 14.3%', '多扫 1 · 14.3%', '未知条码 0', '强制验货 1 · 14.3%',
    ]);
  });

  it('says on the shipped tile how many orders went out twice and wait for a supervisor (3 orders, 4 parcels is no longer a riddle)', async () => {
    await show();
    expect(screen.queryByTestId('kpi-shipped-warn')).toBeNull();
    cleanup();
    drawn.clear();
    host = createFakeHost({ 'dashboard.get': ({ range }) => { const d = dashboard(range); return { ...d, kpi: { ...d.kpi, doubleShipped: 1 } }; } });
    setApi(host.api);
    useDashboardStore.setState({ data: null });
    await show();
    expect(screen.getByTestId('kpi-shipped').textContent).toContain('4 个包裹');
    expect(screen.getByTestId('kpi-shipped-warn').textContent).toBe('其中 1 单可能重复发货（两个工位都发了），待主管在收件箱处理');
  });

  it('says how many of the parcels a courier took, once the shop hands over (5 packed is not 5 gone), in either language', async () => {
    await show();
    expect(screen.getByTestId('kpi-shipped').textContent).not.toContain('交接');
    cleanup();
    drawn.clear();
    host = createFakeHost({ 'dashboard.get': ({ range }) => { const d = dashboard(range); return { ...d, kpi: { ...d.kpi, shipped: 5, parcels: 5, handedOver: 4 } }; } });
    setApi(host.api);
    useDashboardStore.setState({ data: null });
    await show();
    expect(screen.getByTestId('kpi-shipped').textContent).toContain('5 个包裹 · 4 个已交接');
    cleanup();
    drawn.clear();
    setLanguage('en');
    await show();
    expect(screen.getByTestId('kpi-shipped').textContent).toContain('5 parcels · 4 handed over');
  });

  it('tells the orders only partly shipped on the shipped tile, apart from the shipped ones, in either language', async () => {
    await show();
    // None partly shipped: nothing more is said.
    expect(screen.queryByTestId('kpi-shipped-note')).toBeNull();
    cleanup();
    drawn.clear();
    host = createFakeHost({ 'dashboard.get': ({ range }) => { const d = dashboard(range); return { ...d, kpi: { ...d.kpi, partial: 2 } }; } });
    setApi(host.api);
    useDashboardStore.setState({ data: null });
    await show();
    expect(screen.getByTestId('kpi-shipped-value').textContent).toBe('3');
    expect(screen.getByTestId('kpi-shipped-note').textContent).toBe('另有 2 单部分发货，其余未发');
    cleanup();
    drawn.clear();
    setLanguage('en');
    await show();
    expect(screen.getByTestId('kpi-shipped-note').textContent).toBe('Plus 2 partly shipped, the rest still to go');
  });

  it('says which of a SKU\'s two damage bars is the reports and which the units, in either language', async () => {
    await show();
    const keys = () => within(screen.getByTestId('chart-damage-skus')).getByTestId('chart-keys').textContent;
    expect(keys()).toBe('报损单件数');
    expect(series('damage-skus').map((s) => [s.name, s.data])).toEqual([['报损单', [2]], ['件数', [3]]]);
    cleanup();
    drawn.clear();
    setLanguage('en');
    await show();
    expect(keys()).toBe('ReportsUnits');
    expect(series('damage-skus').map((s) => s.name)).toEqual(['Reports', 'Units']);
  });

  it('picks a range: seven Beijing days, one bar per day, late orders by day', async () => {
    await show();
    fireEvent.click(screen.getByTestId('dashboard-range-7d'));
    await act(() => settle());
    expect(host.callsOf('dashboard.get')).toEqual([{ range: 'today' }, { range: '7d' }]);
    expect(screen.getByTestId('chart-shipped').textContent).toContain('每天发货订单');
    expect(axis('shipped', 'xAxis')).toEqual(['03-04', '03-05', '03-06', '03-07', '03-08', '03-09', '03-10']);
    expect(series('shipped')[0]!.data).toEqual([0, 0, 0, 0, 0, 2, 3]);
    expect(series('late')[0]!.data).toEqual([0, 0, 0, 0, 0, 2, 1]);
  });
});
