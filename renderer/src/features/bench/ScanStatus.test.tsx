// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n/setup';
import { usePrintQueueStore } from '../print-queue/print-queue.store';
import { ScanStatus } from './ScanStatus';
import { msg } from '#shared/i18n/message';
import { benchState, line } from '../../test/fixtures';
import { useBenchStore } from './bench.store';

const completed = { seq: 1, outcome: 'completed' as const, code: '6900000000011', detail: {}, trackingNo: 'YT7400000000003', printed: false, error: null };

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  usePrintQueueStore.setState({ summary: { waiting: 0, needsPacker: 0 } });
});
afterEach(cleanup);

describe('the bench banner after the last item', () => {
  it('says the label is printing while it is on its way, and not once the printer refused it', () => {
    useBenchStore.setState({ last: completed });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('正在打印面单');
    // Paper out: the job waits for the packer in the label queue.
    act(() => usePrintQueueStore.setState({ summary: { waiting: 1, needsPacker: 1 } }));
    expect(panel.textContent).toContain('面单未打出');
    expect(panel.textContent).toContain('请看面单队列');
    expect(panel.textContent).not.toContain('正在打印面单');
    act(() => setLanguage('en'));
    expect(panel.textContent).toContain('label not printed');
  });

  it('keeps the alarm of an order that must not ship through a damage report, and shows it when the order became blocked while open', () => {
    const open = benchState([line(1, 1)]);
    useBenchStore.setState({ state: open, last: null });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.dataset['outcome']).toBe('idle');
    // A re-import cancels the order while it is open: no scan came, the alarm shows at once.
    act(() => useBenchStore.setState({ state: { ...open, order: { ...open.order!, blockedReason: msg('blocked.alreadyShipped') } } }));
    expect(panel.dataset['outcome']).toBe('blocked');
    act(() => useBenchStore.setState({ last: { ...completed, outcome: 'command', code: 'PD:DAMAGE', detail: { command: 'PD:DAMAGE' }, trackingNo: null } }));
    expect(panel.dataset['outcome']).toBe('blocked');
    expect(panel.textContent).not.toContain('报损');
  });

  it('says a damage report PD:DAMAGE opened was filed, instead of "指令 · 报损" until the next scan', () => {
    useBenchStore.setState({ state: benchState([line(1, 1)]), last: { ...completed, outcome: 'command', code: 'PD:DAMAGE', detail: { command: 'PD:DAMAGE' }, trackingNo: null } });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('指令');
    act(() => useBenchStore.getState().damageFiled({ skuCode: 'SKU-0007', qty: 2 }));
    expect(panel.textContent).toContain('已报损');
    expect(panel.textContent).toContain('SKU-0007 × 2 已登记');
    // Only the banner PD:DAMAGE put up: a later scan's banner is left alone.
    act(() => useBenchStore.setState({ last: { ...completed, outcome: 'wrong_item', detail: { skuCode: 'SKU-0025' }, trackingNo: null } }));
    act(() => useBenchStore.getState().damageFiled({ skuCode: 'SKU-0007', qty: 1 }));
    expect(panel.textContent).not.toContain('已报损');
  });

  it('opening an order whose every unit is already checked (its label voided) says to ship it, not to scan again', () => {
    useBenchStore.setState({ state: benchState([line(1, 2, 2)]), last: { ...completed, outcome: 'opened', code: '3921876543210987654', detail: { orderId: '3921876543210987654' }, trackingNo: null } });
    render(<ScanStatus />);
    expect(screen.getByTestId('scan-status').textContent).toContain('3921876543210987654：商品已全部核对，不用再扫：按“发货”或扫 PD:SHIP 打印面单');
    act(() => useBenchStore.setState({ state: benchState([line(1, 2, 1)]) }));
    expect(screen.getByTestId('scan-status').textContent).not.toContain('已全部核对');
  });

  it('names PD:CANCEL as putting the order down, never as cancelling it (the order stays 待发货)', () => {
    useBenchStore.setState({ state: benchState([line(1, 1)]), last: { ...completed, outcome: 'command', code: 'PD:CANCEL', detail: { command: 'PD:CANCEL' }, trackingNo: null } });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('放下订单');
    expect(panel.textContent).not.toContain('取消');
    act(() => setLanguage('en'));
    expect(panel.textContent).toContain('Put aside');
    expect(panel.textContent).not.toMatch(/cancel/i);
    // The host names the order put down and what stays counted.
    act(() => useBenchStore.setState({ last: { ...completed, outcome: 'command', code: 'PD:CANCEL', detail: { command: 'PD:CANCEL', order: '3921876543210987654', verified: '2' }, trackingNo: null } }));
    expect(panel.textContent).toContain('order 3921876543210987654: the 2 verified stay counted');
    act(() => setLanguage('zh-CN'));
    expect(panel.textContent).toContain('订单 3921876543210987654：已验的 2 件保留，再扫订单号接着打包');
  });

  it('sets a title too long for one line in smaller type, so the panel never cuts it (English, a button beside it)', () => {
    useBenchStore.setState({ state: benchState([line(1, 1)]), last: { ...completed, outcome: 'wrong_item', detail: { skuCode: 'SKU-0025', unboundLines: '1' }, trackingNo: null } });
    render(<ScanStatus />);
    expect(screen.getByTestId('scan-title').className).toBe('scan-status-title');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('scan-title').textContent).toBe('A line has no merchant code');
    expect(screen.getByTestId('scan-title').className).toContain('scan-status-title-s');
  });

  it('gives an error that says what to do three smaller lines, so its end (whom to ask) is not cut off', () => {
    const error = { code: 'POOL_EMPTY' as const, msg: msg('ship.poolEmpty', { carrier: 'YTO Express', advice: msg('ship.poolAdvice.import') }) };
    useBenchStore.setState({ state: benchState([line(1, 1, 1)]), last: { ...completed, outcome: 'error', trackingNo: null, error } });
    render(<ScanStatus />);
    act(() => setLanguage('en'));
    expect(screen.getByTestId('scan-sub').className).toContain('scan-status-sub-long');
    expect(screen.getByTestId('scan-title').className).toContain('scan-status-title-s');
    // A short line keeps its two large ones.
    act(() => useBenchStore.setState({ last: { ...completed, outcome: 'wrong_item', detail: { skuCode: 'SKU-0025' }, trackingNo: null } }));
    expect(screen.getByTestId('scan-sub').className).toBe('scan-status-sub');
  });

  it('says a partial shipment is part of the order, with how many units are still to ship', () => {
    useBenchStore.setState({ last: { ...completed, printed: true }, state: benchState([line(1, 4, 1), line(2, 1)]) });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('已部分发货，面单已打印：还有 4 件未发');
    expect(panel.textContent).not.toContain('已完成');
    act(() => setLanguage('en'));
    expect(panel.textContent).toContain('Part shipped — label printed; 4 more to ship');
  });
});

describe('a scan cut short', () => {
  it('says the scan looks incomplete and to scan again, with no bind button', () => {
    useBenchStore.setState({ state: benchState([line(1, 1)]), last: { seq: 1, outcome: 'not_found', code: '0237', detail: { barcode: '0237', incomplete: '6' }, trackingNo: null, printed: false, error: null } });
    render(<ScanStatus />);
    const panel = screen.getByTestId('scan-status');
    expect(panel.textContent).toContain('扫描不完整');
    expect(panel.textContent).toContain('请再扫一次');
    expect(panel.textContent).not.toContain('未找到');
    expect(screen.queryByTestId('bind-barcode')).toBeNull();
  });
});
