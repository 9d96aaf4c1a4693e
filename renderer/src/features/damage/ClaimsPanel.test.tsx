// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '#shared/contract/claims.contract';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { ClaimsPanel } from './ClaimsPanel';
import { useClaimsStore } from './claims.store';

const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', skuCode: 'MUG-01', skuName: '马克杯', qty: 1,
  carrierCode: 'YTO', carrierName: '圆通速递', trackingNo: 'YT7400000000001', amountFen: 1250, status: 'filed', paidFen: null,
  filedBy: '王主管', filedAt: '2026-12-05T03:00:00.000Z', settledBy: null, settledAt: null, settleNote: '', ...over,
});

let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  useClaimsStore.setState({ filter: 'filed', offset: 0, claims: [], total: 0, settling: null, settled: null, error: null });
  host = createFakeHost({
    'claims.list': () => ({ total: 1, claims: [claim()] }),
    'claims.settle': (input) => claim({ status: input.outcome, paidFen: input.paidFen }),
  });
  setApi(host.api);
});

afterEach(cleanup);

async function openSettle() {
  render(<ClaimsPanel />);
  await act(() => settle());
  fireEvent.click(within(screen.getByTestId('claim-row')).getByTestId('claim-settle'));
  return screen.getByTestId('settle-dialog');
}
const paidInput = () => screen.getByTestId('settle-paid-amount');
const confirm = () => screen.getByTestId('settle-confirm') as HTMLButtonElement;

describe('settling a claim paid', () => {
  it('paid above the claim is said before saving, and saved all the same', async () => {
    const dialog = await openSettle();
    expect(screen.queryByTestId('settle-above-claim')).toBeNull();
    fireEvent.change(paidInput(), { target: { value: '20.00' } });
    expect(screen.getByTestId('settle-above-claim').textContent).toBe('赔付金额高于索赔金额 ¥12.50');
    expect(confirm().disabled).toBe(false);
    fireEvent.click(confirm());
    await act(() => settle());
    expect(host.callsOf('claims.settle')).toEqual([{ claimId: 'r1', outcome: 'paid', paidFen: 2000, note: '' }]);
    expect(dialog.isConnected).toBe(false);
  });

  it('says what was saved once the claim leaves the list under its filter, as a damage decision does', async () => {
    await openSettle();
    // Settled, the claim is no longer 已申请: the page read again is empty.
    host.handlers['claims.list'] = () => ({ total: 0, claims: [] });
    fireEvent.change(paidInput(), { target: { value: '30' } });
    fireEvent.click(confirm());
    await act(() => settle());
    expect(screen.queryByTestId('claim-row')).toBeNull();
    expect(screen.getByTestId('claim-settled').textContent).toBe('已登记（运单 YT7400000000001）：已赔付 ¥30.00（高于索赔金额 ¥12.50）');
    // Rejected says so too.
    host.handlers['claims.list'] = () => ({ total: 1, claims: [claim()] });
    await act(() => useClaimsStore.getState().load());
    fireEvent.click(within(screen.getByTestId('claim-row')).getByTestId('claim-settle'));
    expect(screen.queryByTestId('claim-settled')).toBeNull();
    fireEvent.click(screen.getByTestId('settle-rejected'));
    fireEvent.click(confirm());
    await act(() => settle());
    expect(screen.getByTestId('claim-settled').textContent).toBe('已登记（运单 YT7400000000001）：被拒赔');
  });

  it('a negative or zero amount must be more than 0, an empty one is asked for; full-width digits are read', async () => {
    const dialog = await openSettle();
    for (const typed of ['-5', '0']) {
      fireEvent.change(paidInput(), { target: { value: typed } });
      expect(dialog.textContent).toContain('快递公司赔付（元）：必须大于 0');
      expect(confirm().disabled).toBe(true);
    }
    fireEvent.change(paidInput(), { target: { value: '' } });
    expect(dialog.textContent).toContain('请填写金额');
    fireEvent.change(paidInput(), { target: { value: '１０' } });
    expect(confirm().disabled).toBe(false);
    expect(screen.queryByTestId('settle-above-claim')).toBeNull();
    fireEvent.click(confirm());
    await act(() => settle());
    expect(host.callsOf('claims.settle')).toMatchObject([{ outcome: 'paid', paidFen: 1000 }]);
  });
});

describe('a paid amount that is not one', () => {
  it('says which field and what is wrong: too large (with the limit), too many decimals, a decimal comma, several pasted', async () => {
    await openSettle();
    act(() => setLanguage('en'));
    const said = (typed: string) => {
      fireEvent.change(paidInput(), { target: { value: typed } });
      expect(confirm().disabled).toBe(true);
      return screen.getByTestId('settle-problem').textContent;
    };
    expect(said('99999999999999')).toBe('Paid by the carrier (yuan): at most ¥10000000000.00');
    expect(said('10000000000.01')).toBe('Paid by the carrier (yuan): at most ¥10000000000.00');
    expect(said('12.505')).toBe('Paid by the carrier (yuan): at most 2 decimals (fen)');
    expect(said('12,50')).toBe('Paid by the carrier (yuan): use a point for the fen, as in 12.50 (not 12,50)');
    expect(said('12.50\t13.00')).toBe('Paid by the carrier (yuan): one amount only (this looks like several pasted together)');
    expect(said('abc')).toBe('Paid by the carrier (yuan): not an amount; type yuan like 12.50');
    for (const fine of ['¥12.50', '1,234.50']) {
      fireEvent.change(paidInput(), { target: { value: fine } });
      expect(screen.queryByTestId('settle-problem')).toBeNull();
    }
  });
});

describe('the claims list', () => {
  it('names the carrier in the reader’s language, not by its code', async () => {
    render(<ClaimsPanel />);
    await act(() => settle());
    expect(screen.getByTestId('claim-row').textContent).toContain('圆通速递 YT7400000000001');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('claim-row').textContent).toContain('YTO Express YT7400000000001');
  });

  it('shows the note the claim was settled with; a settled claim\'s button offers to change its result', async () => {
    host = createFakeHost({
      'claims.list': () => ({ total: 1, claims: [claim({ status: 'paid', paidFen: 1500, settledBy: '王主管', settledAt: '2026-12-06T03:00:00.000Z', settleNote: '快递多赔了运费' })] }),
    });
    setApi(host.api);
    render(<ClaimsPanel />);
    await act(() => settle());
    expect(screen.getByTestId('claim-settle-note').textContent).toBe('备注：快递多赔了运费');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('claim-settle-note').textContent).toBe('Note: 快递多赔了运费');
    expect(screen.getByTestId('claim-settle').textContent).toBe('Change result');
  });

  it('shows no note line for a claim settled without one', async () => {
    render(<ClaimsPanel />);
    await act(() => settle());
    expect(screen.queryByTestId('claim-settle-note')).toBeNull();
  });
});
