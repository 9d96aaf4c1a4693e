// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '#shared/contract/claims.contract';
import type { DamageReport } from '#shared/contract/damage.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { packer, supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useClaimsStore } from './claims.store';
import { DamageScreen } from './DamageScreen';
import { useDamageStore } from './damage.store';

const report = (over: Partial<DamageReport> = {}): DamageReport => ({
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', shipmentId: 's1', trackingNo: 'YT7400000000001', carrierCode: 'YTO', orderParcel: null,
  skuCode: 'MUG-01', skuName: '马克杯', qty: 2, reason: 'broken', source: 'bench', note: '把手断了', weightG: 640, photos: ['a'.repeat(64)],
  bench: { name: '打包台 2', thisBench: false }, reportedBy: '小李', reportedAt: '2026-12-05T02:00:00.000Z', returnId: null, returnScanned: null, decision: null, ...over,
});
const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', skuCode: 'MUG-01', skuName: '马克杯', qty: 2,
  carrierCode: 'YTO', carrierName: '圆通速递', trackingNo: 'YT7400000000001', amountFen: 2550, status: 'filed', paidFen: null,
  filedBy: '王主管', filedAt: '2026-12-05T03:00:00.000Z', settledBy: null, settledAt: null, settleNote: '', ...over,
});
const noEffects = { booked: { sellable: 0, damaged: 0 }, reship: null, claim: null };

let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  useDamageStore.setState({ filter: 'open', offset: 0, reports: [], total: 0, selectedId: null, detail: null, deciding: null, decided: null, error: null, detailError: null });
  useClaimsStore.setState({ filter: 'filed', offset: 0, claims: [], total: 0, settling: null, error: null });
  host = createFakeHost({
    'damage.list': () => ({ total: 1, reports: [report()] }),
    'damage.get': () => ({ report: report(), decisions: [], effects: noEffects }),
    'damage.decide': (input) => report({ decision: { id: 'd1', decision: input.decision, note: input.note, amountFen: input.amountFen, carrierCode: input.carrierCode, trackingNo: input.trackingNo, decidedBy: '王主管', decidedAt: '2026-12-05T03:00:00.000Z' } }),
    'claims.list': () => ({ total: 1, claims: [claim()] }),
  });
  setApi(host.api);
});

afterEach(cleanup);

async function openReport() {
  render(<DamageScreen />);
  await act(() => settle());
  const [row] = screen.getAllByTestId('damage-row');
  fireEvent.click(row!);
  await act(() => settle());
  return { row: row!, detail: screen.getByTestId('damage-detail') };
}

describe('damage review', () => {
  it('lists reports awaiting a decision with time, bench, order, SKU, quantity, reason and photo count', async () => {
    const { row } = await openReport();
    for (const text of ['打包台 2', '3921876543210987654', 'MUG-01', '×2', '破损', '1 张照片', '待处理']) expect(row.textContent).toContain(text);
    expect(host.callsOf('damage.list')).toEqual([{ filter: 'open', limit: 50, offset: 0 }]);
  });

  it('says what each decision does to stock before it is sent', async () => {
    const { detail } = await openReport();
    fireEvent.click(within(detail).getByTestId('decide-write-off'));
    expect(screen.getByTestId('decision-stock').textContent).toBe('库存：2 件 MUG-01 从货架移到残次区');
    fireEvent.click(within(detail).getByTestId('decide-restock'));
    expect(screen.getByTestId('decision-stock').textContent).toBe('库存不变：商品仍算在货架上');
  });

  it('a claim takes the amount typed in 元 exactly, against the report’s parcel unless changed', async () => {
    const { detail } = await openReport();
    fireEvent.click(within(detail).getByTestId('decide-claim'));
    expect((screen.getByTestId('decision-carrier') as HTMLInputElement).value).toBe('YTO');
    expect((screen.getByTestId('decision-tracking') as HTMLInputElement).value).toBe('YT7400000000001');
    const submit = screen.getByTestId('decision-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('decision-amount'), { target: { value: '12.505' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('decision-amount'), { target: { value: '0.29' } });
    fireEvent.change(screen.getByTestId('decision-note'), { target: { value: ' 按售价 ' } });
    fireEvent.click(submit);
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toEqual([
      { reportId: 'r1', decision: 'claim', note: '按售价', amountFen: 29, carrierCode: 'YTO', trackingNo: 'YT7400000000001' },
    ]);
    // Decided, it leaves 待处理: the line above the list says what was recorded.
    expect(screen.getByTestId('damage-decided-moved').textContent).toBe('已记录：MUG-01 ×2 快递理赔');
  });

  it('after a write-off (under 全部) the form shows the decided state: the unit is already apart, the same decision is not confirmed again, another one is', async () => {
    useDamageStore.setState({ filter: 'all' });
    let decided: DamageReport['decision'] = null;
    host.handlers['damage.decide'] = (input) => {
      decided = { id: 'd1', decision: input.decision, note: input.note, amountFen: input.amountFen, carrierCode: input.carrierCode, trackingNo: input.trackingNo, decidedBy: '王主管', decidedAt: '2026-12-05T03:00:00.000Z' };
      return report({ decision: decided });
    };
    host.handlers['damage.get'] = () => ({
      report: report({ decision: decided }), decisions: decided ? [decided] : [],
      effects: decided?.decision === 'write-off' ? { ...noEffects, booked: { sellable: -2, damaged: 2 } } : noEffects,
    });
    const { detail } = await openReport();
    fireEvent.click(within(detail).getByTestId('decide-write-off'));
    fireEvent.click(screen.getByTestId('decision-submit'));
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toHaveLength(1);
    expect(screen.getByTestId('damage-effects').textContent).toContain('MUG-01');
    expect(screen.getByTestId('decision-stock').textContent).toBe('库存不变：2 件 MUG-01 已在残次区');
    const submit = screen.getByTestId('decision-submit') as HTMLButtonElement;
    expect(submit.textContent).toBe('已是当前处理：报损');
    expect(submit.disabled).toBe(true);
    fireEvent.click(submit);
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toHaveLength(1);
    // Changing the decision stays possible: a restock puts the units back on the shelf.
    fireEvent.click(within(detail).getByTestId('decide-restock'));
    expect(screen.getByTestId('decision-stock').textContent).toBe('库存：2 件 MUG-01 从残次区回到货架');
    expect(submit.disabled).toBe(false);
    expect(submit.textContent).toBe('确认：重新上架');
  });

  it('under 待处理 a decided report leaves the detail like an inbox: the next pending one opens, then the one above, then the empty list', async () => {
    const decidedIds = new Set<string>();
    const all = [report({ id: 'r1', skuCode: 'CUP-01' }), report({ id: 'r2', skuCode: 'MUG-01' }), report({ id: 'r3', skuCode: 'PLATE-01' })];
    const pending = () => all.filter((r) => !decidedIds.has(r.id));
    host.handlers['damage.list'] = () => ({ total: pending().length, reports: pending() });
    host.handlers['damage.get'] = ({ id }) => ({ report: all.find((r) => r.id === id)!, decisions: [], effects: noEffects });
    host.handlers['damage.decide'] = ({ reportId }) => (decidedIds.add(reportId), all.find((r) => r.id === reportId)!);
    render(<DamageScreen />);
    await act(() => settle());
    const title = () => screen.getByTestId('damage-detail').querySelector('h2')?.textContent ?? '';
    const decideWriteOff = async () => {
      fireEvent.click(screen.getByTestId('decide-write-off'));
      fireEvent.click(screen.getByTestId('decision-submit'));
      await act(() => settle());
    };
    fireEvent.click(screen.getAllByTestId('damage-row')[1]!);
    await act(() => settle());
    expect(title()).toContain('马克杯');
    expect(screen.getByTestId('damage-detail').textContent).toContain('MUG-01');

    await decideWriteOff();
    expect(screen.getAllByTestId('damage-row').map((r) => r.dataset['reportId'])).toEqual(['r1', 'r3']);
    expect(screen.getByTestId('damage-detail').textContent).toContain('PLATE-01');
    expect(screen.getByTestId('damage-decided-moved').textContent).toBe('已记录：MUG-01 ×2 报损');
    // The form is the next report's, fresh: no decision chosen, nothing said as recorded on it.
    expect(screen.queryByTestId('damage-decided')).toBeNull();
    expect(screen.getByTestId('decision-submit').textContent).toBe('请选择一种处理');

    await decideWriteOff();
    expect(screen.getByTestId('damage-detail').textContent).toContain('CUP-01');
    await decideWriteOff();
    expect(screen.queryByTestId('damage-detail')).toBeNull();
    expect(screen.getByText('没有待处理的破损报告')).toBeTruthy();
    expect(screen.getByTestId('damage-decided-moved').textContent).toBe('已记录：CUP-01 ×2 报损');
  });

  it('a write-off that takes the shelf below zero is warned about, as the stock-adjust dialog does, and sent again only once confirmed', async () => {
    host.handlers['damage.decide'] = (input) => {
      if (input.decision === 'write-off' && !input.confirmed) throw new AppError('CONFLICT', msg('damage.belowZero', { sku: 'MUG-01', onHand: 1, after: -1 }));
      return report();
    };
    useDamageStore.setState({ filter: 'all' });
    const { detail } = await openReport();
    fireEvent.click(within(detail).getByTestId('decide-write-off'));
    fireEvent.click(screen.getByTestId('decision-submit'));
    await act(() => settle());
    expect(screen.getByTestId('decision-below-zero').textContent).toBe('这样处理后货架上的 MUG-01 将为 -1（现有 1），低于 0。若是账目尚未跟上实物，确认后仍可记录。');
    expect(screen.queryByTestId('damage-decided')).toBeNull();
    const submit = screen.getByTestId('decision-submit') as HTMLButtonElement;
    expect(submit.textContent).toBe('仍然确认：报损');
    // Another decision is not the one warned about.
    fireEvent.click(within(detail).getByTestId('decide-reject'));
    expect(screen.queryByTestId('decision-below-zero')).toBeNull();
    expect(submit.textContent).toBe('确认：驳回');
    fireEvent.click(within(detail).getByTestId('decide-write-off'));
    expect(submit.textContent).toBe('仍然确认：报损');
    fireEvent.click(submit);
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toEqual([
      { reportId: 'r1', decision: 'write-off', note: '', amountFen: null, carrierCode: null, trackingNo: null },
      { reportId: 'r1', decision: 'write-off', note: '', amountFen: null, carrierCode: null, trackingNo: null, confirmed: true },
    ]);
    expect(screen.getByTestId('damage-decided').textContent).toBe('已记录：报损');
  });

  it('at a packer’s bench the below-zero warning follows the supervisor’s PIN, and one more press confirms it', async () => {
    useSessionStore.setState({ session: packer });
    useDamageStore.setState({ filter: 'all' });
    host.handlers['damage.decide'] = (input) => {
      if (!input.confirmed) throw new AppError('CONFLICT', msg('damage.belowZero', { sku: 'MUG-01', onHand: 0, after: -2 }));
      return report();
    };
    const { detail } = await openReport();
    fireEvent.click(within(detail).getByTestId('decide-write-off'));
    fireEvent.click(screen.getByTestId('decision-submit'));
    await act(() => settle());
    const authorise = async () => {
      const pad = screen.getByTestId('supervisor-dialog');
      for (const d of '4321') fireEvent.click(within(pad).getByRole('button', { name: d }));
      fireEvent.click(within(pad).getByRole('button', { name: '授权' }));
      await act(() => settle());
    };
    await authorise();
    // The PIN was right: the pad closes and the warning is what is left to confirm, with one press (not the PIN again).
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.getByTestId('decision-below-zero').textContent).toContain('这样处理后货架上的 MUG-01 将为 -2（现有 0），低于 0。');
    fireEvent.click(screen.getByTestId('decision-submit'));
    await act(() => settle());
    expect(host.callsOf('damage.decide').map((c) => [(c as { confirmed?: boolean }).confirmed, (c as { authorizerPin?: string }).authorizerPin])).toEqual([[undefined, '4321'], [true, '4321']]);
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.getByTestId('damage-decided').textContent).toBe('已记录：报损');
  });

  it('a report from a defective return says the return already moved the unit to the damaged bucket, not that stock did not move', async () => {
    const returned = report({ source: 'return', returnId: 'ret1', qty: 1 });
    host.handlers['damage.list'] = () => ({ total: 1, reports: [returned] });
    host.handlers['damage.get'] = () => ({ report: returned, decisions: [], effects: noEffects });
    await openReport();
    expect(screen.getByTestId('damage-effects').textContent).toBe('退货入库时已将 1 件 MUG-01 移到残次区');
  });

  it('a report from a return no order matched is named by the number scanned on the return, in the list and its facts', async () => {
    const returned = report({ source: 'return', returnId: 'ret1', orderId: null, orderExternalId: null, shipmentId: null, trackingNo: null, returnScanned: 'ZT9999999999' });
    host.handlers['damage.list'] = () => ({ total: 1, reports: [returned] });
    host.handlers['damage.get'] = () => ({ report: returned, decisions: [], effects: noEffects });
    const { row, detail } = await openReport();
    expect(row.textContent).toContain('退货 ZT9999999999');
    expect(detail.querySelector('.damage-facts')!.textContent).toContain('订单退货 ZT9999999999');
  });

  it('at a packer’s bench a supervisor types their PIN first; nothing is sent before it', async () => {
    useSessionStore.setState({ session: packer });
    host.handlers['damage.decide'] = (input) => {
      if (input.authorizerPin !== '4321') throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
      return report();
    };
    const { detail } = await openReport();
    fireEvent.click(within(detail).getByTestId('decide-write-off'));
    fireEvent.click(screen.getByTestId('decision-submit'));
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toEqual([]);
    const pad = screen.getByTestId('supervisor-dialog');
    for (const d of '4321') fireEvent.click(within(pad).getByRole('button', { name: d }));
    fireEvent.click(within(pad).getByRole('button', { name: '授权' }));
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toEqual([{ reportId: 'r1', decision: 'write-off', note: '', amountFen: null, carrierCode: null, trackingNo: null, authorizerPin: '4321' }]);
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
  });

  it('a window with no photo route (the desktop app) gets the photos over the RPC; one not here yet says from which bench', async () => {
    // Over the memory transport there is no /attachments/ route, as in the desktop window.
    host.handlers['photos.get'] = ({ thumb }) => ({ photo: { mime: 'image/png', base64: thumb ? 'dGh1bWI=' : 'd2hvbGU=' }, missing: null });
    const { detail } = await openReport();
    const img = await within(detail).findByTestId('damage-photo');
    expect(img.getAttribute('src')).toBe('data:image/png;base64,dGh1bWI=');
    cleanup();
    host.handlers['photos.get'] = () => ({ photo: null, missing: 'notUploaded' });
    const again = await openReport();
    expect((await within(again.detail).findByTestId('photo-missing')).textContent).toBe('尚未从工位 打包台 2 上传');
  });

  it('claims: filed ones are settled paid with the amount paid, in 元', async () => {
    let held = claim();
    host.handlers['claims.settle'] = (input) => (held = claim({ status: input.outcome, paidFen: input.paidFen }));
    host.handlers['claims.list'] = ({ status }) => (status === 'all' || status === held.status ? { total: 1, claims: [held] } : { total: 0, claims: [] });
    render(<DamageScreen />);
    await act(() => settle());
    fireEvent.click(screen.getByTestId('damage-tab-claims'));
    await act(() => settle());
    const row = screen.getByTestId('claim-row');
    expect(row.textContent).toContain('圆通速递 YT7400000000001');
    expect(row.textContent).toContain('索赔 ¥25.50');
    fireEvent.click(within(row).getByTestId('claim-settle'));
    expect((screen.getByTestId('settle-paid-amount') as HTMLInputElement).value).toBe('25.50');
    fireEvent.change(screen.getByTestId('settle-paid-amount'), { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('settle-confirm'));
    await act(() => settle());
    expect(host.callsOf('claims.settle')).toEqual([{ claimId: 'r1', outcome: 'paid', paidFen: 2000, note: '' }]);
    // Settled, it leaves 已申请 at once and is listed under 已赔付.
    expect(screen.queryByTestId('claim-row')).toBeNull();
    fireEvent.click(screen.getByTestId('claims-filter-paid'));
    await act(() => settle());
    expect(screen.getByTestId('claim-status').textContent).toBe('已赔付');
  });
});
