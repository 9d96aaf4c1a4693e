// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { ReturnLookup } from '#shared/contract/returns.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { useToastStore } from '../../app/toast.store';
import { Toasts } from '../../components/Toasts';
import { claimScans, routeScan } from '../../lib/scan-sink';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { packer, supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { ReturnIntake } from './ReturnIntake';
import { ReturnCard } from './ReturnsList';
import { useReturnsStore } from './returns.store';

const found: ReturnLookup = {
  ref: 'YT7400000000001', order: { id: 'taobao:3001', externalId: '3001', receiverName: '张三', buyerNick: 'tb_b', shipped: true },
  parcel: { id: 's1', trackingNo: 'YT7400000000001', carrierCode: 'YTO' }, expected: [{ skuCode: 'SKU-0018', skuName: '杯子', qty: 3, returned: 0 }], earlier: [{ id: 'r1', receivedAt: '2026-12-07T03:00:00.000Z' }],
};
const tooMany = new AppError('CONFLICT', msg('returns.moreThanShipped', { what: msg('returns.overShipped', { sku: 'SKU-0018', total: 6, shipped: 3, earlier: 3 }) }));
let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  host = createFakeHost({
    'returns.receive': (input) => {
      if (!input.confirmed) throw tooMany;
      if (input.authorizerPin !== undefined && input.authorizerPin !== '5678') throw new AppError('FORBIDDEN', msg('session.wrongPin'));
      return { id: 'r2', orderId: 'taobao:3001', orderExternalId: '3001', receiverName: '张三', shipmentId: 's1', parcelTrackingNo: 'YT7400000000001', carrierCode: 'YTO',
        scanned: 'YT7400000000001', unknown: false, items: [], photos: [], note: '', receivedAt: '2026-12-07T03:10:00.000Z', receivedBy: '李主管', confirmedBy: '李主管', bench: { name: '本机', thisBench: true }, damageReportIds: [] };
    },
    'returns.list': () => ({ total: 0, returns: [] }),
  });
  setApi(host.api);
  useReturnsStore.setState({ intake: { ref: found.ref, found, lines: [{ skuCode: 'SKU-0018', name: '杯子', expected: 3, returned: 0, good: 3, defective: 0, missing: 0, reason: null }] }, note: '', error: null, busy: false, unaccounted: null });
});
afterEach(cleanup);

const submit = async () => {
  fireEvent.click(screen.getByTestId('return-submit'));
  await act(settle);
};

describe('a return its order does not account for', () => {
  it('is said, with why, before anything is taken in; a supervisor takes it in with one more press', async () => {
    useSessionStore.setState({ session: supervisor });
    render(<ReturnIntake snapSignal={0} />);
    await submit();
    expect(screen.getByTestId('return-unaccounted-why').textContent).toBe('SKU-0018 共退回 6 件（此前已入库 3 件），但包裹只发出 3 件：请核对是否重复入库或拿错了商品；确需入库请主管确认');
    expect(host.callsOf('returns.receive')).toEqual([expect.not.objectContaining({ confirmed: true })]);
    fireEvent.click(screen.getByTestId('return-take-in'));
    await act(settle);
    expect(host.callsOf('returns.receive').at(-1)).toMatchObject({ confirmed: true });
    expect(useReturnsStore.getState().intake).toBeNull();
  });

  it('takes no scan while the question is open: the return behind it stays the one asked about', async () => {
    useSessionStore.setState({ session: supervisor });
    const behind: string[] = [];
    const release = claimScans((code) => behind.push(code));
    render(<ReturnIntake snapSignal={0} />);
    await submit();
    expect(routeScan('SF000111222')).toBe(true);
    expect(behind).toEqual([]);
    fireEvent.click(screen.getByTestId('return-take-in'));
    await act(settle);
    routeScan('YT7400000000002');
    expect(behind).toEqual(['YT7400000000002']);
    release();
  });

  it('at a packer\'s bench asks a supervisor\'s PIN, saying why above the pad; a wrong PIN keeps it up', async () => {
    useSessionStore.setState({ session: packer });
    render(<ReturnIntake snapSignal={0} />);
    await submit();
    expect(screen.getByTestId('supervisor-notice').textContent).toContain('包裹只发出 3 件');
    // Named by what the packer pressed: 仍然入库（主管确认） is a button only a supervisor sees.
    const lead = screen.getByTestId('supervisor-dialog').querySelector('.dialog-lead')!.textContent!;
    expect(lead).toContain('确认入库');
    expect(lead).not.toContain('仍然入库');
    for (const d of '1111') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    fireEvent.click(screen.getByTestId('pin-submit'));
    await act(settle);
    expect(screen.getByTestId('supervisor-notice')).toBeTruthy();
    expect(useReturnsStore.getState().intake).not.toBeNull();
    for (const d of '5678') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    fireEvent.click(screen.getByTestId('pin-submit'));
    await act(settle);
    expect(host.callsOf('returns.receive').at(-1)).toMatchObject({ confirmed: true, authorizerPin: '5678' });
    expect(useReturnsStore.getState().intake).toBeNull();
  });

  it('once taken in, the list says it did not match and who confirmed it', () => {
    const taken = { id: 'r2', orderId: 'taobao:3001', orderExternalId: '3001', receiverName: '张三', shipmentId: 's1', parcelTrackingNo: 'YT7400000000001', carrierCode: 'YTO',
      scanned: 'YT7400000000001', unknown: false, items: [{ skuCode: 'SKU-0003', skuName: '杯子', qty: 2, condition: 'good' as const, reason: null }], photos: [], note: '',
      receivedAt: '2026-12-07T03:10:00.000Z', receivedBy: '小王', confirmedBy: '李主管', bench: { name: '本机', thisBench: true }, damageReportIds: [] };
    render(<ul><ReturnCard r={taken} /><ReturnCard r={{ ...taken, id: 'r3', confirmedBy: null }} /></ul>);
    expect(screen.getAllByTestId('return-card-confirmed').map((e) => e.textContent)).toEqual(['对不上仍入库 · 李主管 确认']);
  });
});

describe('what the screen expects back', () => {
  it('a parcel whose goods all came back already says so, with no 全部良品 that would mark nothing', async () => {
    host.handlers['returns.lookup'] = () => ({ found: { ...found, expected: [{ skuCode: 'SKU-0018', skuName: '杯子', qty: 0, returned: 3 }] } });
    useReturnsStore.setState({ intake: null });
    await act(() => useReturnsStore.getState().lookup(found.ref));
    render(<ReturnIntake snapSignal={0} />);
    expect(screen.getByTestId('return-all-back').textContent).toBe('这个包裹的商品已全部退回入库（1 次退货）：再收到的货物只能经主管确认入库');
    expect(screen.queryByTestId('return-all-good')).toBeNull();
  });

  it('after an earlier return of the order, expects back only what is still out, saying what came back before', async () => {
    host.handlers['returns.lookup'] = () => ({ found: { ...found, expected: [{ skuCode: 'SKU-0018', skuName: '杯子', qty: 2, returned: 1 }] } });
    useReturnsStore.setState({ intake: null });
    await act(() => useReturnsStore.getState().lookup(found.ref));
    render(<ReturnIntake snapSignal={0} />);
    expect(screen.getByTestId('return-line-SKU-0018').textContent).toContain('应退 2（此前已退回 1），已点 0');
    fireEvent.click(screen.getByTestId('return-all-good'));
    expect(screen.getByTestId('return-line-SKU-0018').textContent).toContain('已点 2');
  });

  it('a scanned case barcode counts its units, as the host does: more than the parcel carried is then asked about', async () => {
    host.handlers['catalog.list'] = () => ({
      total: 1, skus: [{ code: 'SKU-0018', name: '杯子', weightG: null, location: '', barcodes: [{ barcode: '6900000000180', units: 1 }, { barcode: '2000000050287', units: 12 }], safetyStock: null, onHand: 0, damaged: 0 }],
    });
    useReturnsStore.setState({ intake: { ref: found.ref, found, lines: [{ skuCode: 'SKU-0018', name: '杯子', expected: 3, returned: 0, good: 0, defective: 0, missing: 0, reason: null }] } });
    useSessionStore.setState({ session: supervisor });
    render(<ReturnIntake snapSignal={0} />);
    await act(() => useReturnsStore.getState().scanItem('6900000000180'));
    expect(screen.getByTestId('return-line-SKU-0018').textContent).toContain('已点 1');
    await act(() => useReturnsStore.getState().scanItem('2000000050287'));
    expect(screen.getByTestId('return-line-SKU-0018').textContent).toContain('已点 13');
    await submit();
    expect(host.callsOf('returns.receive')).toEqual([expect.objectContaining({ items: [{ skuCode: 'SKU-0018', qty: 13, condition: 'good', reason: null }] })]);
    expect(screen.getByTestId('return-unaccounted-why')).toBeTruthy();
  });

  it('an unknown return lists what was scanned out of it plainly, and offers no 缺件: there is no parcel to miss from', async () => {
    host.handlers['catalog.list'] = () => ({ total: 1, skus: [{ code: 'SKU-0018', name: '杯子', weightG: null, location: '', barcodes: [], safetyStock: null, onHand: 0, damaged: 0 }] });
    useReturnsStore.setState({ intake: { ref: 'SF1400000000099', found: null, lines: [] } });
    render(<ReturnIntake snapSignal={0} />);
    await act(() => useReturnsStore.getState().scanItem('SKU-0018'));
    const line = screen.getByTestId('return-line-SKU-0018');
    expect(line.textContent).toContain('已点 1');
    expect(line.textContent).not.toContain('不在原包裹中');
    expect(line.textContent).not.toContain('缺件');
    expect(screen.queryByTestId('return-missing-SKU-0018')).toBeNull();
    expect(screen.getByTestId('return-intake').textContent).not.toContain('缺件');
  });
});

describe('what an English-reading supervisor sees on the returns screen', () => {
  const card = {
    id: 'r4', orderId: 'taobao:3001', orderExternalId: '3001', receiverName: '张三', shipmentId: 's1', parcelTrackingNo: 'YT7400000000001', carrierCode: 'YTO',
    scanned: 'YT7400000000001', unknown: false, items: [{ skuCode: 'SKU-0023', skuName: '杯子', qty: 1, condition: 'defective' as const, reason: 'broken' as const }], photos: [],
    note: `箱子被压扁😟${'x'.repeat(1990)}`, receivedAt: '2026-12-07T14:29:00.000Z', receivedBy: '小王', confirmedBy: null, bench: { name: '本机', thisBench: true }, damageReportIds: ['d1'],
  };

  it('folds a long note behind a toggle, keeping the report link after it, and shows it whole when asked', () => {
    setLanguage('en');
    render(<ul><ReturnCard r={card} /><ReturnCard r={{ ...card, id: 'r5', note: 'Box crushed 😟' }} /></ul>);
    const [long, short] = screen.getAllByTestId('return-card-note');
    expect(long!.dataset['folded']).toBe('true');
    expect(short!.dataset['folded']).toBe('false');
    const toggles = screen.getAllByTestId('return-card-note-toggle');
    expect(toggles).toHaveLength(1);
    expect(toggles[0]!.textContent).toBe('Show the whole note');
    expect(screen.getAllByTestId('return-card-report')[0]!.textContent).toBe('Open the report');
    fireEvent.click(toggles[0]!);
    expect(long!.dataset['folded']).toBe('false');
    expect(toggles[0]!.textContent).toBe('Show less');
  });

  it('keeps a count exactly as typed when it is not one, names the field and its range, and receives nothing until it is corrected', () => {
    setLanguage('en');
    useSessionStore.setState({ session: supervisor });
    render(<ReturnIntake snapSignal={0} />);
    const box = screen.getByTestId('return-defective-SKU-0018') as HTMLInputElement;
    const submitButton = screen.getByTestId('return-submit') as HTMLButtonElement;
    for (const typed of ['-3', '1.5', '99999999']) {
      fireEvent.change(box, { target: { value: typed } });
      expect(box.value).toBe(typed);
      expect(box.getAttribute('aria-invalid')).toBe('true');
      expect(screen.getByTestId('return-defective-SKU-0018-problem').textContent).toBe('Defective: enter a whole number from 0 to 100000');
      expect(submitButton.disabled).toBe(true);
    }
    fireEvent.change(box, { target: { value: '99999' } });
    expect(box.value).toBe('99999');
    expect(useReturnsStore.getState().intake?.lines[0]?.defective).toBe(99999);
    expect(submitButton.disabled).toBe(false);
    // A bad text cleared by the + button no longer holds the return back.
    fireEvent.change(box, { target: { value: '-3' } });
    fireEvent.click(screen.getByTestId('return-defective-plus-SKU-0018'));
    expect(box.value).toBe('100000');
    expect(screen.queryByTestId('return-defective-SKU-0018-problem')).toBeNull();
    expect(submitButton.disabled).toBe(false);
  });

  it('a count box cleared to retype is 0, as the footer counts it, never marked as a mistake', async () => {
    useSessionStore.setState({ session: supervisor });
    render(<ReturnIntake snapSignal={0} />);
    const good = screen.getByTestId('return-good-SKU-0018') as HTMLInputElement;
    fireEvent.change(good, { target: { value: '' } });
    expect(good.value).toBe('');
    expect(good.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByTestId('return-good-SKU-0018-problem')).toBeNull();
    expect(useReturnsStore.getState().intake?.lines[0]?.good).toBe(0);
    expect(screen.getByTestId('return-line-SKU-0018').textContent).toContain('已点 0');
    fireEvent.change(screen.getByTestId('return-defective-SKU-0018'), { target: { value: '3' } });
    expect((screen.getByTestId('return-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says "1 line" for a return of one line', async () => {
    setLanguage('en');
    host.handlers['returns.receive'] = () => ({ ...card, note: '' });
    useSessionStore.setState({ session: supervisor });
    render(<ReturnIntake snapSignal={0} />);
    await submit();
    cleanup();
    render(<Toasts toasts={useToastStore.getState().toasts.slice(-1)} onDismiss={() => undefined} />);
    expect(screen.getByTestId('toast').textContent).toBe('Return of order 3001 received (1 line)×');
  });
});
