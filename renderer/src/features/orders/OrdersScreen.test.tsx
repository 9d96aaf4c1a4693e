// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderSummary } from '#shared/contract/orders.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { msg } from '#shared/i18n/message';
import { OrdersScreen } from './OrdersScreen';
import { useOrdersStore } from './orders.store';

const summary = (i: number): OrderSummary => ({
  id: `taobao:${4000 + i}`, externalId: String(392187654321000 + i), platformStatus: 'WAIT_SELLER_SEND_GOODS', packState: 'open', deliveredAt: null, blockedReason: null,
  buyerNick: 'buyer', receiverName: '张三', province: '浙江省', city: '杭州市', itemCount: 1, shipDeadline: '2030-01-01T00:00:00.000Z',
  paidAt: '2029-12-30T00:00:00.000Z', buyerMessage: '', sellerMemo: '', clipCount: 0, returned: false, handoverMissing: false,
});

let host: FakeHost;
const TOTAL = 430;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useOrdersStore.setState({ query: '', filter: 'all', offset: 0, limit: 50, sort: 'deadline', dir: 'asc', selected: [], loaded: false, orders: [], total: 0, lastWaybills: null, reprintAsk: null });
  host = createFakeHost({
    'orders.list': ({ offset, limit }) => ({ total: TOTAL, orders: Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => summary(offset + i)) }),
    'orders.listMappings': () => [],
  });
  setApi(host.api);
});
afterEach(cleanup);

const lastCall = () => host.callsOf('orders.list').at(-1);
const press = async (element: Element) => {
  await act(async () => {
    fireEvent.click(element);
    await settle();
  });
};
const click = (testId: string) => press(screen.getByTestId(testId));
/** Clicks a column's header, as a packer does. */
const sortBy = (key: string) => press(within(screen.getByTestId(`sort-${key}`)).getByRole('button'));

describe('orders screen', () => {
  it('sorts by deadline by default, and by a clicked column (again: the other way), the arrow saying which', async () => {
    render(<OrdersScreen />);
    await act(() => settle());
    expect(lastCall()).toMatchObject({ sort: 'deadline', dir: 'asc', offset: 0 });
    expect(screen.getByTestId('sort-deadline').getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByTestId('sort-deadline').textContent).toContain('▲');
    await click('pager-next');
    expect(lastCall()).toMatchObject({ offset: 50 });

    await sortBy('paidAt');
    expect(lastCall()).toMatchObject({ sort: 'paidAt', dir: 'desc', offset: 0 });
    expect(screen.getByTestId('sort-paidAt').getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByTestId('sort-paidAt').textContent).toContain('▼');
    expect(screen.getByTestId('sort-deadline').getAttribute('aria-sort')).toBe('none');
    await sortBy('paidAt');
    expect(lastCall()).toMatchObject({ sort: 'paidAt', dir: 'asc' });
    await sortBy('externalId');
    expect(lastCall()).toMatchObject({ sort: 'externalId', dir: 'asc' });
  });

  it('says why an order is blocked in words only; the platform code is left to the tooltip', async () => {
    host.handlers['orders.list'] = () => ({
      total: 3, orders: [
        { ...summary(1), platformStatus: 'TRADE_FINISHED', blockedReason: msg('blocked.reasons.TRADE_FINISHED') },
        { ...summary(2), platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', blockedReason: msg('blocked.reasons.WAIT_BUYER_CONFIRM_GOODS') },
        { ...summary(3), blockedReason: msg('blocked.refundPending', { refund: '退款中' }) },
      ],
    });
    render(<OrdersScreen />);
    await act(() => settle());
    const reasons = screen.getAllByTestId('blocked-reason');
    expect(reasons.map((r) => r.textContent)).toEqual(['交易已成功', '平台上已发货', '有退款：退款中']);
    expect(reasons.map((r) => r.title)).toEqual(['TRADE_FINISHED', 'WAIT_BUYER_CONFIRM_GOODS', '']);
    expect(screen.getByTestId('orders-screen').textContent).not.toMatch(/[A-Z]{4,}_[A-Z_]+/);
    act(() => setLanguage('en'));
    expect(screen.getAllByTestId('blocked-reason')[0]!.textContent).toBe('The trade is complete');
  });

  it('counts down only for orders that may still ship: a refunded one shows no time left', async () => {
    host.handlers['orders.list'] = () => ({
      total: 2, orders: [summary(1), { ...summary(2), blockedReason: msg('blocked.refundPending') }],
    });
    render(<OrdersScreen />);
    await act(() => settle());
    const rows = screen.getAllByTestId(/^order-row-/);
    expect(rows[0]!.textContent).toMatch(/剩 \d+ 天/);
    expect(rows[1]!.textContent).not.toMatch(/剩 \d+/);
  });

  it('打印电子面单 over orders printed before asks first, naming the numbers; only a yes prints them again', async () => {
    const printedBefore = [summary(1), summary(2)].map((o, i) => ({ trackingNo: `YT880000000000${i + 1}`, orderId: o.id, orderExternalId: o.externalId }));
    host.handlers['waybills.print'] = ({ again, orderIds }) =>
      again ? { queued: 2, jobIds: ['j2', 'j3'], inQueue: 0, printedBefore: [] } : { queued: (orderIds?.length ?? 0) - 2, jobIds: ['j1'], inQueue: 0, printedBefore };
    host.handlers['printQueue.list'] = () => ({ summary: { waiting: 0, needsPacker: 0 }, jobs: [] });
    render(<OrdersScreen />);
    await act(() => settle());
    const rows = screen.getAllByTestId(/^order-row-/);
    for (const row of rows.slice(0, 3)) await press(within(row).getByRole('checkbox'));

    await click('print-waybills');
    // The order not printed yet went to the label queue without a question; the two printed before wait for the packer.
    expect(host.callsOf('waybills.print')).toEqual([{ orderIds: [summary(0).id, summary(1).id, summary(2).id] }]);
    const dialog = screen.getByTestId('waybill-reprint-dialog');
    expect(within(dialog).getByTestId('waybill-reprint-ask').textContent).toBe('这 2 单的面单已打印过，确定重打？');
    expect(within(dialog).getByTestId('waybill-reprint-numbers').textContent).toContain('YT8800000000001');
    expect(within(dialog).getByTestId('waybill-reprint-numbers').textContent).toContain('YT8800000000002');
    expect(screen.getByTestId('orders-waybills-result').textContent).toBe('1 张电子面单已加入面单队列（已在队列中 0 张）');

    // No: nothing more is printed.
    await press(within(dialog).getByText('取消'));
    expect(screen.queryByTestId('waybill-reprint-dialog')).toBeNull();
    expect(host.callsOf('waybills.print')).toHaveLength(1);

    // Asked again, and yes: exactly those numbers print again.
    await click('print-waybills');
    await click('waybill-reprint-confirm');
    expect(host.callsOf('waybills.print')[2]).toEqual({ orderIds: [summary(1).id, summary(2).id], numbers: ['YT8800000000001', 'YT8800000000002'], again: true });
    expect(screen.queryByTestId('waybill-reprint-dialog')).toBeNull();
    expect(screen.getByTestId('orders-waybills-result').textContent).toBe('3 张电子面单已加入面单队列（已在队列中 0 张）');
    // How they print is the label queue's to show, from this screen too.
    expect(screen.getByTestId('print-queue-badge')).toBeTruthy();
  });

  it('chooses a page size and jumps to a page by its number', async () => {
    render(<OrdersScreen />);
    await act(() => settle());
    await act(async () => {
      fireEvent.change(screen.getByTestId('pager-size'), { target: { value: '100' } });
      await settle();
    });
    expect(lastCall()).toMatchObject({ limit: 100, offset: 0 });
    expect(screen.getByText(/共 5 页/)).toBeTruthy();
    expect(screen.getAllByTestId(/^order-row-/)).toHaveLength(100);

    const page = screen.getByTestId('pager-page') as HTMLInputElement;
    fireEvent.change(page, { target: { value: '' } });
    expect(page.value).toBe('');
    expect((screen.getByTestId('pager-go') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(page, { target: { value: '9' } });
    expect((screen.getByTestId('pager-go') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(page, { target: { value: '5' } });
    await click('pager-go');
    expect(lastCall()).toMatchObject({ limit: 100, offset: 400 });
    expect(screen.getByTestId('pager-range').textContent).toBe('第 401–430 条，共 430 条');
    expect((screen.getByTestId('pager-page') as HTMLInputElement).value).toBe('5');
  });
});
