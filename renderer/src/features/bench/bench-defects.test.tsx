// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, emptyState, line, packer, scanResult, shipment } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useSettingsStore } from '../settings/settings.store';
import { defaultSettings } from '#shared/contract/settings.contract';
import { BenchScreen } from './BenchScreen';
import { useBenchStore } from './bench.store';

/** What the bench panel says for the defects a new user met (issue 9), in both languages. */
let host: FakeHost;
const panel = () => screen.getByTestId('scan-status');
const scan = (code: string) => act(async () => {
  await useBenchStore.getState().scan(code, 'wedge');
  await settle();
});

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: packer });
  host = createFakeHost({ 'bench.getState': () => emptyState, 'carriers.list': () => [], 'bench.shipChoice': () => ({}) });
  setApi(host.api);
});
afterEach(cleanup);

describe('the bench panel after the defects a new user met', () => {
  it('names the SKU of an item scanned with no order open, and says to scan the order first', async () => {
    host.handlers['bench.scan'] = ({ code }) => scanResult('not_found', emptyState, { detail: { barcode: code, skuCode: 'SKU-0003', skuName: '纯棉短袖T恤' } });
    render(<BenchScreen />);
    await scan('6900000000031');
    expect(panel().textContent).toContain('请先扫描订单');
    expect(panel().textContent).toContain('这是商品 SKU-0003（纯棉短袖T恤）');
    expect(panel().textContent).not.toContain('没有与');
    act(() => setLanguage('en'));
    expect(panel().textContent).toContain('This is SKU-0003 (纯棉短袖T恤). Scan the order, then its items.');
  });

  it('tells the host the weight and parcels typed on the ship form, so a parcel shipped by a scan carries them', async () => {
    useBenchStore.setState({ state: benchState([line(1, 1)]) });
    render(<BenchScreen />);
    fireEvent.change(screen.getByTestId('weight-input'), { target: { value: '1200' } });
    fireEvent.click(screen.getByRole('button', { name: '+' }));
    await act(settle);
    expect(host.callsOf('bench.shipChoice').at(-1)).toEqual({ orderId: 'o1', carrierCode: null, weightG: 1200, parcelCount: 2 });
  });

  it('says before the label prints that the sender is not filled in, and nothing once it is', async () => {
    useBenchStore.setState({ state: benchState([line(1, 1)]) });
    useSettingsStore.setState({ settings: { ...defaultSettings, sender: { name: '小店', phone: '', address: '杭州' } } });
    render(<BenchScreen />);
    expect(screen.getByTestId('sender-missing').textContent).toContain('寄件人未填全，面单寄件栏会空着');
    act(() => useSettingsStore.setState({ settings: { ...defaultSettings, sender: { name: '小店', phone: '0571-1234567', address: '杭州' } } }));
    expect(screen.queryByTestId('sender-missing')).toBeNull();
    useSettingsStore.setState({ settings: null });
  });

  it('says a case pack holds more than the line needs instead of "full"', async () => {
    host.handlers['bench.scan'] = ({ code }) => scanResult('over_scan', benchState([line(1, 1)]), { detail: { barcode: code, skuCode: 'SKU-1', units: '12', needs: '1' } });
    render(<BenchScreen />);
    await scan('6900000000011C');
    expect(panel().textContent).toContain('整箱条码 ×12');
    expect(panel().textContent).toContain('本单只需 1 件');
    expect(panel().textContent).not.toContain('数量已满');
  });

  it('offers binding a line without 商家编码 to the scanned SKU, through a supervisor, and shows the count', async () => {
    const unbound = { ...line(1, 1), skuCode: null, title: '韩版运动袜 SKU-0036' };
    host.handlers['bench.scan'] = ({ code }) =>
      scanResult('wrong_item', benchState([unbound]), { detail: { barcode: code, skuCode: 'SKU-0036', units: '1', unboundLines: '1', suggestedLine: '1' } });
    host.handlers['bench.bindLine'] = ({ authorizerPin }) => {
      if (authorizerPin !== '8888') throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
      return scanResult('verified', benchState([{ ...unbound, skuCode: 'SKU-0036', verified: 1 }]), { detail: { lineNo: '1', skuCode: 'SKU-0036' } });
    };
    render(<BenchScreen />);
    await scan('6900000000361');
    expect(panel().textContent).toContain('有行没有商家编码');
    fireEvent.click(screen.getByTestId('bind-line'));
    expect(screen.getByTestId('bind-line-dialog').textContent).toContain('韩版运动袜 SKU-0036');
    await act(async () => {
      fireEvent.click(screen.getByTestId('bind-line-submit'));
      await settle();
    });
    expect(screen.getByTestId('supervisor-dialog').textContent).toContain('把第 1 行绑定到 SKU-0036');
    for (const d of '8888') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await act(async () => {
      fireEvent.click(screen.getByTestId('pin-submit'));
      await settle();
    });
    expect(host.callsOf('bench.bindLine')).toEqual([{ lineNo: 1, barcode: '6900000000361', authorizerPin: '8888' }]);
    expect(panel().dataset['outcome']).toBe('verified');
    expect(screen.getByTestId('line-1').dataset['verified']).toBe('1');
    expect(screen.queryByTestId('bind-line-dialog')).toBeNull();
  });

  it('asks before leaving a part-packed order; "open" scans the new one again, "stay" keeps this one', async () => {
    const a = benchState([line(1, 5, 1)]);
    host.handlers['bench.stay'] = () => a;
    host.handlers['bench.scan'] = ({ code }) =>
      scanResult('confirm_switch', a, { scanId: null, detail: { orderId: code, fromOrderId: '3921876543210987654', verified: '1', units: '5', code } });
    render(<BenchScreen />);
    await scan('4012345678900000002');
    expect(panel().textContent).toContain('切换订单？');
    expect(panel().textContent).toContain('3921876543210987654 已验 1/5 件，还没发货');
    await act(async () => {
      fireEvent.click(screen.getByTestId('switch-stay'));
      await settle();
    });
    expect(panel().dataset['outcome']).toBe('idle');
    expect(host.callsOf('bench.stay')).toHaveLength(1);
    expect(host.callsOf('bench.scan')).toHaveLength(1);

    await scan('4012345678900000002');
    host.handlers['bench.scan'] = ({ code }) => scanResult('opened', { ...benchState([line(1, 1)]), order: { ...a.order!, id: 'o2', externalId: code } }, { detail: { orderId: code } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('switch-open'));
      await settle();
    });
    expect(host.callsOf('bench.scan').at(-1)).toEqual({ code: '4012345678900000002', source: 'manual' });
    expect(screen.getByTestId('order-id').textContent).toBe('4012345678900000002');
  });

  it('PD:PARTIAL with nothing verified shows the refusal, and no PIN prompt', async () => {
    host.handlers['bench.getState'] = () => benchState([line(1, 2)]);
    host.handlers['bench.scan'] = () => {
      throw new AppError('CONFLICT', msg('pack.nothingNewToShip'));
    };
    render(<BenchScreen />);
    await act(async () => {
      await useBenchStore.getState().refresh();
    });
    await scan('PD:PARTIAL');
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    // It says what to do, not only what is missing.
    expect(panel().textContent).toContain('还没有新验货的商品，不能部分发货。先扫描这次要发出的商品');
    act(() => setLanguage('en'));
    expect(panel().textContent).toContain('Nothing newly verified yet, so nothing to ship as a part. Scan the items that go first');
  });

  it('says an empty waybill pool once, and what a packer can do about it', async () => {
    host.handlers['bench.getState'] = () => benchState([line(1, 1, 1)]);
    host.handlers['bench.ship'] = () => {
      throw new AppError('POOL_EMPTY', msg('ship.poolEmpty', { carrier: msg('carrierNames.SF'), advice: msg('ship.poolAdvice.import') }), { carrierCode: 'SF' });
    };
    render(<BenchScreen />);
    await act(async () => {
      await useBenchStore.getState().refresh();
      await useBenchStore.getState().ship({ partial: false });
      await settle();
    });
    expect(panel().dataset['outcome']).toBe('error');
    expect(panel().textContent).toContain('运单号已用完：顺丰速运没有单号了。可以在“快递”中换一家快递，或请主管导入单号。');
    expect(panel().textContent?.match(/导入/g)).toHaveLength(1);
    act(() => setLanguage('en'));
    expect(panel().textContent).toContain(
      'No waybill numbers left: SF Express has run out. Choose another carrier in the Carrier list, or ask a supervisor to import numbers.',
    );
    expect(panel().textContent?.match(/import/gi)).toHaveLength(1);
  });

  it('says at the bench, when the last item ships the order, which SKUs the shelf did not hold enough of', async () => {
    const short = [msg('ship.stockNegative', { skus: 'MUG -2 · CUP -1' })];
    host.handlers['bench.scan'] = () => scanResult('completed', benchState([line(1, 1, 1)]), { shipment: shipment(), warnings: short });
    render(<BenchScreen />);
    await scan('6900000000011');
    const warnings = screen.getByTestId('bench-warnings');
    expect(warnings.textContent).toContain('库存不足：MUG -2 · CUP -1（发出后低于 0');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('bench-warnings').textContent).toContain('Short of stock: MUG -2 · CUP -1 (below zero after this parcel');
  });

  it('keeps the weight typed while scans come in, and starts the ship form afresh for the next order', async () => {
    const a = benchState([line(1, 2), line(2, 1)]);
    host.handlers['bench.scan'] = () => scanResult('verified', benchState([line(1, 2, 1), line(2, 1)]));
    render(<BenchScreen />);
    act(() => useBenchStore.getState().applyState(a));
    const weight = () => screen.getByTestId('weight-input') as HTMLInputElement;
    fireEvent.change(weight(), { target: { value: '1234' } });
    expect(weight().value).toBe('1234');
    await scan('6900000000011');
    expect(weight().value).toBe('1234');

    const b = benchState([line(1, 1)]);
    act(() => useBenchStore.getState().applyState({ ...b, order: { ...b.order!, id: 'o2', externalId: '3921876543210980002' } }));
    expect(screen.getByTestId('order-id').textContent).toBe('3921876543210980002');
    expect(weight().value).toBe('');
  });

  it('takes the put-aside question away when the order ships under it (the scans go on while it is up)', async () => {
    host.handlers['bench.getState'] = () => benchState([line(1, 2, 1), line(2, 1)]);
    render(<BenchScreen />);
    await act(settle);
    fireEvent.click(screen.getByTestId('cancel-button'));
    expect(screen.getByTestId('put-aside-dialog')).toBeTruthy();
    act(() => useBenchStore.getState().applyState(benchState([line(1, 2, 2), line(2, 1, 1)], { shipments: [shipment()] })));
    expect(screen.queryByTestId('put-aside-dialog')).toBeNull();
    // Not back when the label is voided and the order stands open again.
    act(() => useBenchStore.getState().applyState(benchState([line(1, 2, 2), line(2, 1, 1)])));
    expect(screen.queryByTestId('put-aside-dialog')).toBeNull();
    expect(host.callsOf('bench.cancel')).toHaveLength(0);
  });

  it('asks before putting a part-checked order aside, saying the checks stay with it; an order with nothing checked goes down at once', async () => {
    host.handlers['bench.cancel'] = () => emptyState;
    host.handlers['bench.getState'] = () => benchState([line(1, 2, 1), line(2, 1)]);
    render(<BenchScreen />);
    await act(settle);
    fireEvent.click(screen.getByTestId('cancel-button'));
    expect(screen.getByTestId('cancel-button').textContent).toBe('放下订单');
    expect(screen.getByTestId('put-aside-dialog').textContent).toContain('放下订单 3921876543210987654？');
    expect(screen.getByTestId('put-aside-text').textContent).toBe('已核对 1/3 件。放下后核对记录保留：再扫这个订单号，从这里接着核对。');
    fireEvent.click(screen.getByTestId('put-aside-keep'));
    await act(settle);
    expect(host.callsOf('bench.cancel')).toHaveLength(0);
    expect(screen.getByTestId('order-id').textContent).toBe('3921876543210987654');

    fireEvent.click(screen.getByTestId('cancel-button'));
    act(() => setLanguage('en'));
    expect(screen.getByTestId('put-aside-text').textContent).toBe('1 of 3 items are checked. They stay checked: scan this order again to go on from here.');
    fireEvent.click(screen.getByTestId('put-aside-confirm'));
    await act(settle);
    expect(host.callsOf('bench.cancel')).toHaveLength(1);
    expect(screen.queryByTestId('put-aside-dialog')).toBeNull();

    act(() => useBenchStore.getState().applyState(benchState([line(1, 2), line(2, 1)])));
    fireEvent.click(screen.getByTestId('cancel-button'));
    await act(settle);
    expect(screen.queryByTestId('put-aside-dialog')).toBeNull();
    expect(host.callsOf('bench.cancel')).toHaveLength(2);
  });
});
