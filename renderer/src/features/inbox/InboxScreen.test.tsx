// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { InboxCounts, InboxRow } from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { useNavStore } from '../../app/nav.store';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { packer, supervisor } from '../../test/fixtures';
import { useOrdersStore } from '../orders/orders.store';
import { useSessionStore } from '../session/session.store';
import { InboxScreen } from './InboxScreen';
import { useInboxStore } from './inbox.store';

const benchB = { id: 'st-b', name: '打包台 B', thisBench: false };
const here = { id: 'st-a', name: '打包台 A', thisBench: true };

function row(extra: Partial<InboxRow> & Pick<InboxRow, 'key' | 'kind'>): InboxRow {
  return {
    closes: 'note', derived: false, severity: 'warn', at: '2026-12-05T02:00:00.000Z', benches: [], flagKind: null, orderId: null, orderExternalId: null,
    skuCode: null, trackingNo: null, carrierCode: null, refId: null, evidence: msg('inbox.evidence.poolLow', { carrier: 'YTO', left: 12, threshold: 300 }),
    people: [], target: null, photos: [], ...extra,
  };
}

const rows: InboxRow[] = [
  row({
    key: 'stop:taobao:3921876543210987654', kind: 'parcel-stop', derived: true, severity: 'alarm', orderId: 'taobao:3921876543210987654',
    orderExternalId: '3921876543210987654', trackingNo: 'YT7400000000123', carrierCode: 'YTO', target: 'shipments',
    evidence: msg('inbox.evidence.parcelStop', { order: '3921876543210987654', carrier: 'YTO', trackingNo: 'YT7400000000123', reason: msg('blocked.refundPending', { refund: '退款中' }) }),
  }),
  row({
    key: 'exception:w1', kind: 'weight-mismatch', benches: [benchB], orderId: 'taobao:3921876543210987001', orderExternalId: '3921876543210987001', target: 'order',
    evidence: msg('flagText.weightMismatch', { order: '3921876543210987001', weight: 584, expected: 851, deviation: -267 }),
  }),
  row({ key: 'damage:d1', kind: 'damage', closes: 'decide', benches: [here], skuCode: 'SKU-0003', refId: 'd1', target: 'damage', people: ['小王'],
    evidence: msg('inbox.evidence.damageNote', { sku: 'SKU-0003', name: '保温杯', qty: 1, reason: msg('damageReasons.leaking'), note: '瓶盖松了' }) }),
  row({ key: 'pool:YTO', kind: 'pool-low', derived: true, carrierCode: 'YTO', target: 'carriers' }),
];
const counts: InboxCounts = { total: 4, byKind: { 'parcel-stop': 1, 'weight-mismatch': 1, damage: 1, 'pool-low': 1 }, capped: false };

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  useNavStore.setState({ screen: 'inbox', section: null, focus: null });
  useInboxStore.setState({ counts: null, benchCounts: null, rows: [], benches: [], resolutions: [], kind: null, bench: null, view: 'open', loading: false, error: null, resolving: null, settings: null });
  host = createFakeHost({
    'inbox.list': ({ kind, bench }) => ({
      rows: rows.filter((r) => (kind === null || r.kind === kind) && (bench === null || r.benches.some((b) => b.id === bench))),
      counts, benches: [here, benchB],
      ...(bench === null ? {} : { benchCounts: { total: 1, byKind: { damage: 1 }, capped: false } }),
    }),
  });
  setApi(host.api);
});
afterEach(cleanup);

async function show() {
  render(<InboxScreen />);
  await act(() => settle());
  return screen.getAllByTestId('inbox-row');
}

describe('the exceptions inbox', () => {
  it('lists each row with its kind, when and where, what it is about, its evidence and its action', async () => {
    const [stop, weight, damage, pool] = await show();
    expect(stop!.dataset['kind']).toBe('parcel-stop');
    expect(stop!.className).toContain('inbox-alarm');
    expect(stop!.textContent).toContain('拦截包裹');
    expect(stop!.textContent).toContain('运单 YT7400000000123');
    expect(within(stop!).getByTestId('inbox-evidence').textContent).toBe('订单 3921876543210987654 的面单已打印（YTO YT7400000000123），但现在：有退款：退款中。请拦截包裹！');
    expect(within(stop!).getByTestId('inbox-open').textContent).toBe('查看运单');
    expect(within(stop!).getByTestId('inbox-resolve').textContent).toBe('忽略…');
    expect(weight!.textContent).toContain('打包台 B');
    expect(within(weight!).getByTestId('inbox-evidence').textContent).toContain('584');
    expect(within(weight!).getByTestId('inbox-resolve').textContent).toBe('处理…');
    // A damage report is decided on its own screen, not closed here.
    expect(within(damage!).queryByTestId('inbox-resolve')).toBeNull();
    expect(damage!.textContent).toContain('本机');
    expect(damage!.textContent).toContain('漏液/污染');
    expect(damage!.textContent).toContain('经手：小王');
    expect(pool!.textContent).toContain('YTO 运单号只剩 12 个（低于 300）');
    expect(screen.getByTestId('inbox-kind-all').textContent).toBe('全部 4');
    expect(screen.getByTestId('inbox-kind-pool-low').textContent).toBe('运单号不足 1');
  });

  it('filters by kind and by bench through the host', async () => {
    await show();
    fireEvent.click(screen.getByTestId('inbox-kind-weight-mismatch'));
    await act(() => settle());
    expect(screen.getAllByTestId('inbox-row').map((r) => r.dataset['kind'])).toEqual(['weight-mismatch']);
    fireEvent.click(screen.getByTestId('inbox-kind-all'));
    fireEvent.change(screen.getByTestId('inbox-bench'), { target: { value: 'st-a' } });
    await act(() => settle());
    expect(screen.getAllByTestId('inbox-row').map((r) => r.dataset['kind'])).toEqual(['damage']);
    expect(host.callsOf('inbox.list').at(-1)).toEqual({ kind: null, bench: 'st-a', limit: 200 });
    // The chips count what the bench filter shows, not the whole shop.
    expect(screen.getByTestId('inbox-kind-all').textContent).toBe('全部 1');
    expect(screen.queryByTestId('inbox-kind-pool-low')).toBeNull();
  });

  it('resolves a row with a required note; a packer\'s bench asks for a supervisor\'s PIN and sends the same note', async () => {
    useSessionStore.setState({ session: packer });
    const sent: unknown[] = [];
    host.handlers['inbox.resolve'] = (input) => {
      sent.push(input);
      if (!input.authorizerPin) throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
      return { key: input.key, counts: { total: 3, byKind: { 'parcel-stop': 1, damage: 1, 'pool-low': 1 }, capped: false } };
    };
    const [, weight] = await show();
    fireEvent.click(within(weight!).getByTestId('inbox-resolve'));
    const submit = screen.getByTestId('inbox-resolve-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('inbox-note'), { target: { value: '  少装一件，已补  ' } });
    await act(async () => {
      fireEvent.click(submit);
      await settle();
    });
    expect(screen.getByTestId('supervisor-dialog')).toBeTruthy();
    for (const d of '5678') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await act(async () => {
      fireEvent.click(screen.getByTestId('pin-submit'));
      await settle();
    });
    expect(sent).toEqual([{ key: 'exception:w1', note: '少装一件，已补' }, { key: 'exception:w1', note: '少装一件，已补', authorizerPin: '5678' }]);
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.getAllByTestId('inbox-row').map((r) => r.dataset['key'])).not.toContain('exception:w1');
    expect(useInboxStore.getState().counts?.total).toBe(3);
  });

  it('opens the order a row is about on the Orders screen, searched', async () => {
    const [, weight] = await show();
    fireEvent.click(within(weight!).getByTestId('inbox-open'));
    expect(useNavStore.getState().screen).toBe('orders');
    expect(useOrdersStore.getState()).toMatchObject({ query: '3921876543210987001', filter: 'all' });
  });

  it('says in 已处理 what each closed row was about: the order, the parcel, the SKU', async () => {
    host.handlers['inbox.resolved'] = () => ({
      resolutions: [{
        key: 'audit:01a24c71', kind: 'force-verify', note: '已核对，实物齐全', by: '王主管', authorizedBy: null, bench: here, at: '2026-12-05T03:00:00.000Z', evidence: null,
        orderExternalId: '3921876543210987654', skuCode: 'SKU-0003', trackingNo: 'YT7400000000123',
      }],
    });
    await show();
    fireEvent.click(screen.getByTestId('inbox-view-resolved'));
    await act(() => settle());
    const [done] = screen.getAllByTestId('inbox-resolution');
    expect(within(done!).getByTestId('inbox-resolution-refs').textContent).toBe('订单 3921876543210987654 · 运单 YT7400000000123 · 商品 SKU-0003');
    expect(done!.textContent).not.toContain('01a24c71');
    expect(within(done!).getByTestId('inbox-resolution-by').textContent).toBe('处理人：王主管');
  });

  it('says in 已处理 who closed each row and on whose PIN, a factory administrator with their bench, in the reader\'s language', async () => {
    const admin = msg('users.withBench', { name: msg('roles.admin'), bench: '打包台A' });
    host.handlers['inbox.resolved'] = () => ({
      resolutions: [{
        key: 'flag:f-1', kind: 'parcel-stop', note: '已联系圆通拦截B台的包裹', by: '小王', authorizedBy: admin, bench: here, at: '2026-12-05T03:00:00.000Z',
        evidence: null, orderExternalId: null, skuCode: null, trackingNo: null,
      }],
    });
    setLanguage('en');
    await show();
    fireEvent.click(screen.getByTestId('inbox-view-resolved'));
    await act(() => settle());
    expect(screen.getByTestId('inbox-resolution-by').textContent).toBe('Closed by 小王, authorised by Admin · 打包台A');
  });

  it('follows inbox.changed while it is on screen', async () => {
    await show();
    host.handlers['inbox.list'] = () => ({ rows: rows.slice(0, 1), counts: { total: 1, byKind: { 'parcel-stop': 1 }, capped: false }, benches: [] });
    await act(async () => {
      useInboxStore.getState().applyCounts({ total: 1, byKind: { 'parcel-stop': 1 }, capped: false }, true);
      await settle();
    });
    expect(screen.getAllByTestId('inbox-row')).toHaveLength(1);
  });
});
