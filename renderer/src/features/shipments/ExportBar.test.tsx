// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportSummary } from '#shared/contract/shipments.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { useSessionStore } from '../session/session.store';
import { ExportBar } from './ExportBar';

const summary = (over: Partial<ExportSummary> = {}): ExportSummary => ({
  rows: 1, parcels: 2, notHandedOver: 0, notHandedOverNos: [], held: [], heldCount: 0, extra: [], extraCount: 0, changes: [], changeCount: 0, elsewhere: [], elsewhereCount: 0,
  handoversUsed: false, onlyHandedOver: false, ...over,
});
const second = { orderExternalId: '3921876543210987654', trackingNo: 'YT7400000000002', uploadedWith: 'YT7400000000001' };

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: null });
});
const loggedIn = (role: 'packer' | 'supervisor' | 'admin') =>
  useSessionStore.setState({ session: { user: { id: 'u1', name: '小王', role, hasBadge: false, active: true }, locked: false, defaultPinInUse: false, endedBy: null } });
afterEach(cleanup);

describe('the 批量发货 export bar', () => {
  it('lists the numbers the file cannot carry (a second parcel of an order), and keeps the list once the file is written', async () => {
    let exported = false;
    const host = createFakeHost({
      'shipments.exportPreview': () => (exported ? summary({ rows: 0, parcels: 0 }) : summary({ extra: [second], extraCount: 1 })),
      'shipments.exportBatchShip': () => ((exported = true), { ...summary({ extra: [second], extraCount: 1 }), fileName: '批量发货.csv', base64: 'YQ==' }),
    });
    setApi(host.api);
    // jsdom has no object URLs: the download is not what this test is about.
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    render(<ExportBar />);
    await act(settle);
    const list = () => screen.getByTestId('export-extra').textContent;
    expect(list()).toContain('1 个包裹的单号不在文件里（平台每个订单只收一个单号），请在平台后台给订单补录');
    expect(list()).toContain('订单 3921876543210987654：YT7400000000002（文件里是 YT7400000000001）');
    fireEvent.click(screen.getByTestId('export-button'));
    await act(settle);
    expect(host.callsOf('shipments.exportBatchShip')).toHaveLength(1);
    expect(list()).toContain('YT7400000000002');
    act(() => setLanguage('en'));
    expect(list()).toContain('Order 3921876543210987654: YT7400000000002 (the file has YT7400000000001)');
  });

  it('names the parcels still at the shop, the first few and then how many in all', async () => {
    const nos = ['YT7400000000003', 'YT7400000000004', 'YT7400000000005'];
    setApi(createFakeHost({ 'shipments.exportPreview': () => summary({ notHandedOver: 5, notHandedOverNos: nos, handoversUsed: true, onlyHandedOver: true }) }).api);
    render(<ExportBar />);
    await act(settle);
    const text = () => screen.getByTestId('export-not-handed-over').textContent;
    expect(text()).toContain('5 个包裹还没交给快递，不导出：YT7400000000003、YT7400000000004、YT7400000000005 等 5 个');
    act(() => setLanguage('en'));
    expect(text()).toContain('Held back, not yet handed to the courier (5): YT7400000000003, YT7400000000004, YT7400000000005 and others, 5 in all');
  });

  it('keeps a reshipped order whose number was uploaded out of the rows and says to change it with 修改物流单号, before and after the file', async () => {
    const change = { orderExternalId: '1000000153477864404', uploadedNo: 'YT7400000000001', trackingNo: 'YT7400000000010' };
    let exported = false;
    const host = createFakeHost({
      'shipments.exportPreview': () => (exported ? summary({ rows: 0, parcels: 0 }) : summary({ rows: 0, parcels: 1, changes: [change], changeCount: 1 })),
      'shipments.exportBatchShip': () => ((exported = true), { ...summary({ rows: 0, parcels: 1, changes: [change], changeCount: 1 }), fileName: '批量发货.csv', base64: '' }),
    });
    setApi(host.api);
    render(<ExportBar />);
    await act(settle);
    const list = () => screen.getByTestId('export-changes').textContent;
    expect(list()).toContain('1 个订单的单号已上传过，之后作废并用新单号重新发货：不写入批量发货文件');
    expect(list()).toContain('请在卖家后台用“修改物流单号”改成新单号');
    expect(list()).toContain('订单 1000000153477864404：YT7400000000001 改为 YT7400000000010');
    fireEvent.click(screen.getByTestId('export-button'));
    await act(settle);
    // The export stamped it, so the preview no longer has it: the bar keeps what the file said.
    expect(host.callsOf('shipments.exportPreview').length).toBeGreaterThan(1);
    expect(list()).toContain('YT7400000000001 改为 YT7400000000010');
    act(() => setLanguage('en'));
    expect(list()).toContain('change each number with 修改物流单号 (change tracking number) in the seller back office');
    expect(list()).toContain('Order 1000000153477864404: change YT7400000000001 to YT7400000000010');
  });

  it('names an order of another platform that has no row, lets the export stamp it, and keeps the list after the file', async () => {
    const other = { orderExternalId: 'M-1001', carrierName: '圆通速递', trackingNo: 'YT7400000000020' };
    let exported = false;
    const host = createFakeHost({
      'shipments.exportPreview': () => (exported ? summary({ rows: 0, parcels: 0 }) : summary({ rows: 0, parcels: 1, elsewhere: [other], elsewhereCount: 1 })),
      'shipments.exportBatchShip': () => ((exported = true), { ...summary({ rows: 0, parcels: 1, elsewhere: [other], elsewhereCount: 1 }), fileName: '批量发货.csv', base64: '' }),
    });
    setApi(host.api);
    loggedIn('admin');
    render(<ExportBar />);
    await act(settle);
    const list = () => screen.getByTestId('export-elsewhere').textContent;
    expect(list()).toContain('1 个包裹的订单不是淘宝订单');
    expect(list()).toContain('订单 M-1001：圆通速递 YT7400000000020');
    expect((screen.getByTestId('export-button') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('export-button'));
    await act(settle);
    expect(host.callsOf('shipments.exportBatchShip')).toHaveLength(1);
    expect(list()).toContain('M-1001');
  });

  it('shows a packer what the file would hold, but the export as unavailable to them, saying why', async () => {
    const host = createFakeHost({ 'shipments.exportPreview': () => summary() });
    setApi(host.api);
    loggedIn('packer');
    render(<ExportBar />);
    await act(settle);
    expect(screen.getByTestId('export-preview').textContent).toContain('1');
    const button = screen.getByTestId('export-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('export-refused').textContent).toBe('只有主管或管理员可以导出批量发货：这个文件会告诉平台这些包裹已发货，并在所有工位标记为已导出。请主管或管理员在这里登录后导出。');
    fireEvent.click(button);
    await act(settle);
    expect(host.callsOf('shipments.exportBatchShip')).toHaveLength(0);
    act(() => setLanguage('en'));
    expect(screen.getByTestId('export-refused').textContent).toContain('Only a supervisor or admin can export 批量发货');
    // A supervisor taking over the bench may export.
    act(() => loggedIn('supervisor'));
    expect(button.disabled).toBe(false);
    expect(screen.queryByTestId('export-refused')).toBeNull();
  });
});

describe('the export bar with nothing to export', () => {
  it('says there is nothing to export and rests the button instead of a click that does nothing', async () => {
    loggedIn('supervisor');
    const host = createFakeHost({ 'shipments.exportPreview': () => summary({ rows: 0, parcels: 0 }) });
    setApi(host.api);
    render(<ExportBar />);
    await act(settle);
    act(() => setLanguage('en'));
    const button = screen.getByTestId('export-button') as HTMLButtonElement;
    expect(screen.getByTestId('export-preview').textContent).toBe('Nothing to export');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('export-nothing');
    fireEvent.click(button);
    await act(settle);
    expect(host.callsOf('shipments.exportBatchShip')).toHaveLength(0);
  });
});
