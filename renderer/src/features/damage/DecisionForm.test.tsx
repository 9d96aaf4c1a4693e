// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Carrier } from '#shared/contract/carriers.contract';
import type { DamageReport } from '#shared/contract/damage.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { DamageScreen } from './DamageScreen';
import { useDamageStore } from './damage.store';

const report = (over: Partial<DamageReport> = {}): DamageReport => ({
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', shipmentId: 's1', trackingNo: 'YT7400000000001', carrierCode: 'YTO', orderParcel: null,
  skuCode: 'MUG-01', skuName: '马克杯', qty: 1, reason: 'broken', source: 'delivered', note: '', weightG: null, photos: [],
  bench: null, reportedBy: '小李', reportedAt: '2026-12-05T02:00:00.000Z', returnId: null, returnScanned: null, decision: null, ...over,
});
const shopCarrier = (code: string, name: string, enabled = true): Carrier => ({ code, name, nameEn: code, enabled, pool: { free: 0, used: 0, void: 0 } });
const noEffects = { booked: { sellable: 0, damaged: 0 }, reship: null, claim: null };

let host: FakeHost;
let shown: DamageReport;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  useDamageStore.setState({ filter: 'open', offset: 0, reports: [], total: 0, selectedId: null, detail: null, deciding: null, decided: null, error: null, detailError: null, carriers: null });
  shown = report();
  host = createFakeHost({
    'damage.list': () => ({ total: 1, reports: [shown] }),
    'damage.get': () => ({ report: shown, decisions: shown.decision ? [shown.decision] : [], effects: noEffects }),
    'damage.decide': () => shown,
    'carriers.list': () => [shopCarrier('YTO', '圆通速递'), shopCarrier('ZTO', '中通快递'), shopCarrier('SF', '顺丰速运', false)],
  });
  setApi(host.api);
});

afterEach(cleanup);

async function openClaim() {
  render(<DamageScreen />);
  await act(() => settle());
  fireEvent.click(screen.getAllByTestId('damage-row')[0]!);
  await act(() => settle());
  const detail = screen.getByTestId('damage-detail');
  fireEvent.click(within(detail).getByTestId('decide-claim'));
  await act(() => settle());
  return detail;
}
const carrierSelect = () => screen.getByTestId('decision-carrier') as HTMLSelectElement;
const optionTexts = () => [...carrierSelect().options].map((o) => o.textContent);
const submit = () => screen.getByTestId('decision-submit') as HTMLButtonElement;
const problem = () => screen.queryByRole('alert')?.textContent ?? null;

describe('deciding a claim', () => {
  it('a report filed before its order shipped is offered the order\'s parcel since, not blank carrier and number fields', async () => {
    shown = report({ shipmentId: null, trackingNo: null, carrierCode: null, orderParcel: { carrierCode: 'ZTO', trackingNo: 'ZT7500000000009' } });
    await openClaim();
    expect(carrierSelect().value).toBe('ZTO');
    expect((screen.getByTestId('decision-tracking') as HTMLInputElement).value).toBe('ZT7500000000009');
  });

  it('the carrier is picked by name from the shop’s carriers, preselected from the damaged parcel', async () => {
    await openClaim();
    expect(carrierSelect().value).toBe('YTO');
    // The shop's carriers by name; a carrier the shop does not use is not offered.
    expect(optionTexts()).toEqual(['请选择快递公司', '圆通速递', '中通快递']);
    fireEvent.change(carrierSelect(), { target: { value: 'ZTO' } });
    fireEvent.change(screen.getByTestId('decision-amount'), { target: { value: '12.50' } });
    fireEvent.click(submit());
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toEqual([
      { reportId: 'r1', decision: 'claim', note: '', amountFen: 1250, carrierCode: 'ZTO', trackingNo: 'YT7400000000001' },
    ]);
  });

  it('with no parcel on the report the carrier must be chosen; a desk that may not read the carriers offers every carrier', async () => {
    shown = report({ shipmentId: null, trackingNo: null, carrierCode: null });
    delete host.handlers['carriers.list'];
    await openClaim();
    expect(carrierSelect().value).toBe('');
    expect(optionTexts()).toContain('圆通速递');
    fireEvent.change(screen.getByTestId('decision-amount'), { target: { value: '8' } });
    fireEvent.change(screen.getByTestId('decision-tracking'), { target: { value: 'YT7400000000002' } });
    expect(problem()).toBe('理赔需要快递公司和运单号');
    expect(submit().disabled).toBe(true);
    fireEvent.change(carrierSelect(), { target: { value: 'YTO' } });
    expect(submit().disabled).toBe(false);
  });

  it('a parcel whose carrier the shop has since switched off keeps its carrier, by name', async () => {
    shown = report({ carrierCode: 'SF', trackingNo: 'SF1234567890123' });
    await openClaim();
    expect(carrierSelect().value).toBe('SF');
    expect(optionTexts()).toEqual(['请选择快递公司', '顺丰速运', '圆通速递', '中通快递']);
  });

  it('a negative or zero amount says it must be more than 0; an empty one asks for it; full-width digits are read', async () => {
    await openClaim();
    const amount = screen.getByTestId('decision-amount');
    expect(problem()).toBeNull();
    for (const typed of ['-5', '0']) {
      fireEvent.change(amount, { target: { value: typed } });
      expect(problem()).toBe('金额（元）：必须大于 0');
      expect(submit().disabled).toBe(true);
    }
    fireEvent.change(amount, { target: { value: '１２.５０' } });
    expect(problem()).toBeNull();
    expect(screen.getByText('= ¥12.50')).toBeTruthy();
    fireEvent.click(submit());
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toMatchObject([{ amountFen: 1250, carrierCode: 'YTO' }]);
  });

  it('asks for the amount only once something was typed and cleared, or on an attempt to submit, not before', async () => {
    await openClaim();
    expect(problem()).toBeNull();
    expect(submit().disabled).toBe(true);
    // Enter in the form is an attempt to submit: now the amount is asked for, and nothing is sent.
    fireEvent.submit(screen.getByTestId('decision-form'));
    expect(problem()).toBe('金额（元）：请填写金额');
    cleanup();
    await openClaim();
    expect(problem()).toBeNull();
    const amount = screen.getByTestId('decision-amount');
    fireEvent.change(amount, { target: { value: '5' } });
    fireEvent.change(amount, { target: { value: '' } });
    expect(problem()).toBe('金额（元）：请填写金额');
    expect(host.callsOf('damage.decide')).toEqual([]);
  });
});

describe('Enter in the decision form', () => {
  it('goes on to the next field instead of filing the claim: amount → carrier, tracking → note; the button files it', async () => {
    await openClaim();
    const amount = screen.getByTestId('decision-amount');
    fireEvent.change(amount, { target: { value: '12.50' } });
    amount.focus();
    // fireEvent returns false when the default (the browser's implicit submit) was prevented.
    expect(fireEvent.keyDown(amount, { key: 'Enter' })).toBe(false);
    expect(document.activeElement).toBe(carrierSelect());
    const tracking = screen.getByTestId('decision-tracking');
    tracking.focus();
    expect(fireEvent.keyDown(tracking, { key: 'Enter' })).toBe(false);
    expect(document.activeElement).toBe(screen.getByTestId('decision-note'));
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toEqual([]);
    fireEvent.click(submit());
    await act(() => settle());
    expect(host.callsOf('damage.decide')).toMatchObject([{ decision: 'claim', amountFen: 1250 }]);
  });

  it('stays on an amount it cannot read, marks that box and says why under it', async () => {
    await openClaim();
    const amount = screen.getByTestId('decision-amount');
    amount.focus();
    // Empty: Enter asks for the amount there instead of going on to the carrier.
    expect(fireEvent.keyDown(amount, { key: 'Enter' })).toBe(false);
    expect(document.activeElement).toBe(amount);
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('decision-amount-problem').textContent).toBe('金额（元）：请填写金额');
    expect(amount.closest('label')?.contains(screen.getByTestId('decision-amount-problem'))).toBe(true);
    fireEvent.change(amount, { target: { value: '-5' } });
    expect(fireEvent.keyDown(amount, { key: 'Enter' })).toBe(false);
    expect(document.activeElement).toBe(amount);
    expect(amount.getAttribute('aria-describedby')).toBe('decision-amount-problem');
    expect(screen.getByTestId('decision-amount-problem').textContent).toBe('金额（元）：必须大于 0');
    // Mended: the mark goes, and Enter goes on.
    fireEvent.change(amount, { target: { value: '12.50' } });
    expect(amount.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByTestId('decision-amount-problem')).toBeNull();
    fireEvent.keyDown(amount, { key: 'Enter' });
    expect(document.activeElement).toBe(carrierSelect());
    expect(host.callsOf('damage.decide')).toEqual([]);
  });

  it('names the field in an amount problem and says the limit of a too large one', async () => {
    await openClaim();
    act(() => setLanguage('en'));
    fireEvent.change(screen.getByTestId('decision-amount'), { target: { value: '99999999999999' } });
    expect(problem()).toBe('Amount (yuan): at most ¥10000000000.00');
    expect(submit().disabled).toBe(true);
  });
});

describe('a report’s parcel', () => {
  it('is named by its carrier in the reader’s language, in the facts and in the decisions so far', async () => {
    shown = report({
      decision: { id: 'd1', decision: 'claim', note: '', amountFen: 1250, carrierCode: 'YTO', trackingNo: 'YT7400000000001', decidedBy: '王主管', decidedAt: '2026-12-05T03:00:00.000Z' },
    });
    render(<DamageScreen />);
    await act(() => settle());
    fireEvent.click(screen.getAllByTestId('damage-row')[0]!);
    await act(() => settle());
    const detail = screen.getByTestId('damage-detail');
    expect(detail.textContent).toContain('包裹圆通速递 YT7400000000001');
    expect(screen.getByTestId('damage-decisions').textContent).toContain('圆通速递 YT7400000000001');
    expect(detail.textContent).not.toContain('YTO');
    act(() => setLanguage('en'));
    expect(detail.textContent).toContain('YTO Express YT7400000000001');
  });
});
