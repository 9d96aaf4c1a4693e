// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../api/client';
import { useNavStore } from '../../app/nav.store';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { BenchEmpty, forgetHeldOrders } from './BenchEmpty';

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  forgetHeldOrders();
  useNavStore.setState({ screen: 'bench', section: null });
});
afterEach(cleanup);

describe('the bench with no order open', () => {
  it('tells a station with no orders at all where orders come from, and takes the seller there', async () => {
    const host = createFakeHost({ 'orders.list': () => ({ total: 0, orders: [] }) });
    setApi(host.api);
    render(<BenchEmpty />);
    await act(settle);
    expect(screen.getByTestId('bench-no-orders').textContent).toContain('这个工作台还没有订单');
    act(() => screen.getByTestId('bench-go-import').click());
    expect(useNavStore.getState().screen).toBe('orders');
  });

  it('says nothing more once the station holds orders, and stops asking', async () => {
    const host = createFakeHost({ 'orders.list': () => ({ total: 3, orders: [] }) });
    setApi(host.api);
    render(<BenchEmpty />);
    await act(settle);
    expect(screen.queryByTestId('bench-no-orders')).toBeNull();
    cleanup();
    render(<BenchEmpty />);
    await act(settle);
    expect(host.callsOf('orders.list')).toHaveLength(1);
  });
});
