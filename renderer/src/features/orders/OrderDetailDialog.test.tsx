// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order, OrderSummary } from '#shared/contract/orders.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { shipment } from '../../test/fixtures';
import { OrdersScreen } from './OrdersScreen';
import { useOrderDetailStore } from './order-detail.store';
import { useOrdersStore } from './orders.store';

const order: Order = {
  id: 'taobao:1', platform: 'taobao', externalId: '3921876543210001', platformStatus: 'WAIT_SELLER_SEND_GOODS', packState: 'open',
  deliveredAt: null, blockedReason: null, buyerNick: 'tb_buyer',
  receiver: { name: '张三', mobile: '13812345678', phone: '0571-88886666', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号 3 幢 501', zip: '310012' },
  buyerMessage: '请不要放发票，周末送货', sellerMemo: '送小样', paidFen: 12_800, postageFen: 0,
  createdAt: '2029-12-29T23:00:00.000Z', paidAt: '2029-12-30T00:00:00.000Z', shipDeadline: '2030-01-01T00:00:00.000Z',
  carrierName: '', trackingNo: '', importedAt: '2029-12-30T01:00:00.000Z', updatedAt: '2029-12-30T01:00:00.000Z',
  lines: [
    { lineNo: 1, subOrderId: null, skuCode: 'MUG-01', title: '陶瓷马克杯', props: '颜色:白', qty: 2, priceFen: 3_990, refundStatus: null },
    { lineNo: 2, subOrderId: null, skuCode: null, title: '韩版运动袜 SKU-0036', props: null, qty: 1, priceFen: 4_820, refundStatus: null },
  ],
};
const summary: OrderSummary = {
  id: order.id, externalId: order.externalId, platformStatus: order.platformStatus, packState: 'open', deliveredAt: null, blockedReason: null,
  buyerNick: order.buyerNick, receiverName: '张三', province: '浙江省', city: '杭州市', itemCount: 3, shipDeadline: order.shipDeadline,
  paidAt: order.paidAt, buyerMessage: order.buyerMessage, sellerMemo: order.sellerMemo, clipCount: 0, returned: false, handoverMissing: false,
};

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useOrdersStore.setState({ query: '', filter: 'all', offset: 0, limit: 50, sort: 'deadline', dir: 'asc', selected: [], loaded: false, orders: [], total: 0 });
  useOrderDetailStore.getState().close();
  host = createFakeHost({
    'orders.list': () => ({ total: 1, orders: [summary] }),
    'orders.listMappings': () => [],
    'orders.get': ({ id }) => ({ ...order, id }),
    // The search matches receivers by substring too: another order's parcel comes back and must not show.
    'shipments.list': () => ({
      total: 2,
      shipments: [
        shipment({ id: 's1', orderId: order.id, orderExternalId: order.externalId, trackingNo: 'SF1400000000001' }),
        shipment({ id: 's9', orderId: 'taobao:9', orderExternalId: '3921876543219999', trackingNo: 'SF1400000000009' }),
      ],
    }),
  });
  setApi(host.api);
});
afterEach(cleanup);

const row = () => screen.getByTestId(`order-row-${order.externalId}`);
const showScreen = async () => {
  render(<OrdersScreen />);
  await act(() => settle());
};
/** Does something on screen and lets the host answer. */
const run = async (fn: () => void) => {
  await act(async () => {
    fn();
    await settle();
  });
};

describe('order detail', () => {
  it('opens on a row click with the lines, the full receiver, the notes and the parcels; Esc closes it (中文)', async () => {
    await showScreen();
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const dialog = screen.getByTestId('order-detail');
    expect(host.callsOf('orders.get')).toEqual([{ id: order.id }]);
    expect(host.callsOf('shipments.list')).toEqual([{ query: order.externalId, state: 'all', limit: 100, offset: 0 }]);
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe(`订单 ${order.externalId}`);

    const line1 = within(dialog).getByTestId('order-line-1');
    expect(line1.textContent).toContain('MUG-01');
    expect(line1.textContent).toContain('陶瓷马克杯');
    expect(line1.textContent).toContain('颜色:白');
    expect(line1.textContent).toContain('39.90');
    expect(within(dialog).getByTestId('order-line-2').textContent).toContain('无商家编码');
    expect(within(dialog).getByText('共 3 件')).toBeTruthy();

    expect(within(dialog).getByTestId('order-detail-address').textContent).toBe('浙江省 杭州市 西湖区 文三路 90 号 3 幢 501');
    expect(within(dialog).getByTestId('order-detail-receiver').textContent).toContain('13812345678');
    expect(within(dialog).getByTestId('order-detail-buyer-message').textContent).toBe('请不要放发票，周末送货');
    expect(within(dialog).getByTestId('order-detail-seller-memo').textContent).toBe('送小样');
    expect(within(dialog).getByTestId('order-detail-status').textContent).toContain('待发货');

    expect(within(dialog).getByTestId('order-parcel-SF1400000000001').textContent).toContain('已打印');
    expect(within(dialog).queryByTestId('order-parcel-SF1400000000009')).toBeNull();

    await run(() => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' }));
    expect(screen.queryByTestId('order-detail')).toBeNull();
  });

  it('claims no platform status for an order whose file did not say one: neither in the list nor on the order page', async () => {
    host.handlers['orders.list'] = () => ({ total: 1, orders: [{ ...summary, platformStatus: null }] });
    host.handlers['orders.get'] = ({ id }) => ({ ...order, id, platformStatus: null });
    await showScreen();
    expect(row().textContent).not.toContain('平台：');
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const status = within(screen.getByTestId('order-detail')).getByTestId('order-detail-status').textContent ?? '';
    expect(status).not.toContain('平台：');
    expect(status).not.toContain('买家已付款');
    expect(status).toContain('平台状态未知');
  });

  it('opens with Enter on the focused row and reads in English; the close button closes it', async () => {
    setLanguage('en');
    await showScreen();
    row().focus();
    await run(() => fireEvent.keyDown(row(), { key: 'Enter' }));
    const dialog = screen.getByTestId('order-detail');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe(`Order ${order.externalId}`);
    expect(within(dialog).getByTestId('order-line-2').textContent).toContain('No SKU code');
    expect(within(dialog).getByText('Price (yuan)')).toBeTruthy();
    expect(within(dialog).getByText('Total quantity: 3')).toBeTruthy();
    expect(within(dialog).getByTestId('order-detail-address').textContent).toContain('文三路 90 号');
    expect(within(dialog).getByText('Buyer message')).toBeTruthy();
    expect(within(dialog).getByTestId('order-detail-buyer-message').textContent).toBe('请不要放发票，周末送货');
    expect(within(dialog).getByTestId('order-parcel-SF1400000000001').textContent).toContain('Printed');

    await run(() => fireEvent.click(screen.getByTestId('order-detail-close')));
    expect(screen.queryByTestId('order-detail')).toBeNull();
  });

  it('leaves the tick box to select the order, and still shows the order when its parcels cannot be read', async () => {
    host.handlers['shipments.list'] = () => Promise.reject(new Error('disk'));
    await showScreen();
    await run(() => fireEvent.click(within(row()).getByRole('checkbox')));
    expect(screen.queryByTestId('order-detail')).toBeNull();
    expect(useOrdersStore.getState().selected).toEqual([order.id]);

    await run(() => fireEvent.click(within(row()).getByText('张三')));
    expect(screen.getByTestId('order-detail-address')).toBeTruthy();
    expect(screen.getByTestId('order-detail-parcels-error')).toBeTruthy();
  });

  it('says which handover took a parcel and when, and that one printed but missing at a closed handover was not handed over', async () => {
    const at = '2026-12-07T14:24:21.000Z';
    const closedAt = { number: 'YTO-20261207-E2EF', at, courierName: '张师傅', by: '李店长' };
    host.handlers['shipments.list'] = () => ({
      total: 2,
      shipments: [
        shipment({ id: 's1', orderId: order.id, trackingNo: 'YT7400000000004', handedOverAt: at, handover: { ...closedAt, state: 'accepted' } }),
        shipment({ id: 's2', orderId: order.id, trackingNo: 'YT7400000000005', handover: { ...closedAt, state: 'missing' } }),
      ],
    });
    await showScreen();
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const handover = (no: string) => within(screen.getByTestId(`order-parcel-${no}`)).getByTestId('order-parcel-handover').textContent;
    expect(screen.getByTestId('order-parcel-YT7400000000004').textContent).toContain('已交接');
    expect(handover('YT7400000000004')).toMatch(/^2026.*22:24 交给快递（交接单 YTO-20261207-E2EF）$/);
    expect(handover('YT7400000000005')).toMatch(/^未交接：交接单 YTO-20261207-E2EF（2026.*22:24）记为少件$/);
    setLanguage('en');
    await act(() => settle());
    expect(handover('YT7400000000005')).toMatch(/^Not handed over: missing at handover YTO-20261207-E2EF \(.*\)$/);
  });

  it('keeps carrier names, tracking numbers, tracking chips and handover numbers whole; only the state sentence wraps', async () => {
    const at = '2026-12-07T14:24:21.000Z';
    host.handlers['shipments.list'] = () => ({
      total: 1,
      shipments: [shipment({ id: 's1', orderId: order.id, trackingNo: 'YT7400000000004', handedOverAt: at, handover: { number: 'YTO-20261207-EE7B', at, courierName: '张师傅', by: '李店长', state: 'accepted' } })],
    });
    await showScreen();
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const cells = within(screen.getByTestId('order-parcel-YT7400000000004')).getAllByRole('cell');
    const [, carrier, tracking, , , state, chip] = cells;
    expect(carrier?.className).toContain('nowrap');
    expect(tracking?.className).toContain('nowrap');
    expect(chip?.className).toContain('nowrap');
    expect(state?.className).not.toContain('nowrap');
    const number = screen.getByTestId('order-parcel-handover-number');
    expect(number.textContent).toBe('YTO-20261207-EE7B');
    expect(number.className).toContain('nowrap');
  });

  it('shows an empty buyer message or seller memo as plain muted 无, not in the colour of a real message', async () => {
    host.handlers['orders.get'] = ({ id }) => ({ ...order, id, sellerMemo: '' });
    await showScreen();
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const memo = screen.getByTestId('order-detail-seller-memo');
    expect(memo.textContent).toBe('无');
    expect(memo.querySelector('.muted')?.textContent).toBe('无');
    expect(memo.querySelector('.order-detail-note')).toBeNull();
    expect(screen.getByTestId('order-detail-buyer-message').querySelector('.order-detail-note')?.textContent).toBe('请不要放发票，周末送货');
  });
});

describe('an order a courier handover left a parcel of behind (交接少件)', () => {
  it('is tagged 交接少件 beside 已发货 in the list and on its page, and the list finds it under its own filter', async () => {
    const shipped = { ...summary, packState: 'shipped' as const, handoverMissing: true };
    host.handlers['orders.list'] = () => ({ total: 1, orders: [shipped] });
    host.handlers['orders.get'] = ({ id }) => ({ ...order, id, packState: 'shipped' });
    host.handlers['shipments.list'] = () => ({
      total: 1,
      shipments: [
        shipment({
          id: 's1', orderId: order.id, orderExternalId: order.externalId, trackingNo: 'SF1400000000001',
          handover: { number: 'SF-20300101-9F3A', at: '2030-01-01T08:00:00.000Z', state: 'missing', courierName: '张师傅', by: null },
        }),
      ],
    });
    await showScreen();
    expect(within(row()).getByTestId('order-state').textContent).toBe('已发货');
    expect(within(row()).getByTestId('order-handover-missing').textContent).toBe('交接少件');
    // The filter a supervisor looks them up by.
    await run(() => fireEvent.click(screen.getByTestId('orders-filter-handover-missing')));
    expect(host.callsOf('orders.list').at(-1)).toMatchObject({ state: 'handover-missing' });
    expect(screen.getByTestId('orders-filter-handover-missing').textContent).toBe('交接少件');
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const status = within(screen.getByTestId('order-detail')).getByTestId('order-detail-status');
    expect(within(status).getByTestId('order-state').textContent).toBe('已发货');
    expect(within(status).getByTestId('order-handover-missing').textContent).toBe('交接少件');
  });

  it('a parcel the next handover took is no longer missing: the page says 已发货 alone', async () => {
    host.handlers['orders.get'] = ({ id }) => ({ ...order, id, packState: 'shipped' });
    host.handlers['shipments.list'] = () => ({
      total: 1,
      shipments: [
        shipment({
          id: 's1', orderId: order.id, orderExternalId: order.externalId, trackingNo: 'SF1400000000001', handedOverAt: '2030-01-02T08:00:00.000Z',
          handover: { number: 'SF-20300102-1B2C', at: '2030-01-02T08:00:00.000Z', state: 'accepted', courierName: '张师傅', by: null },
        }),
      ],
    });
    await showScreen();
    await run(() => fireEvent.click(within(row()).getByText(order.externalId)));
    const status = within(screen.getByTestId('order-detail')).getByTestId('order-detail-status');
    expect(within(status).getByTestId('order-state').textContent).toBe('已发货');
    expect(within(status).queryByTestId('order-handover-missing')).toBeNull();
  });
});
