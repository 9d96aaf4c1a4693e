// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { flag, packer, supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { FlagsScreen } from './FlagsScreen';
import { useFlagsStore } from './flags.store';

let host: FakeHost;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  useFlagsStore.setState({ flags: [], filter: 'open', loading: false, error: null, resolving: null });
  host = createFakeHost({
    'flags.list': ({ open }) => ({
      flags: open
        ? [flag(), flag({ flagId: 'f2', kind: 'stock.negative', orderId: null, orderExternalId: null, stationIds: ['0190ffff-aaaa'], stationNames: [], message: { key: 'flagText.stockNegative', params: { sku: 'SKU-1', qty: -2 } } })]
        : [flag(), flag({ flagId: 'f3', kind: 'claim.conflict', resolution: '已由打包台 1 发货', resolvedAt: '2025-01-01T03:00:00.000Z' })],
    }),
  });
  setApi(host.api);
});

afterEach(cleanup);

async function showFlags() {
  render(<FlagsScreen />);
  await act(() => settle());
  return screen.getAllByTestId('flag-row');
}

describe('flags screen', () => {
  it('lists open flags in words: kind, order, stations, detail', async () => {
    const [double, stock] = await showFlags();
    expect(double!.dataset['kind']).toBe('ship.double');
    expect(double!.textContent).toContain('疑似重复发货');
    expect(double!.textContent).toContain('3921876543210987654');
    expect(double!.textContent).toContain('打包台 1、打包台 2');
    expect(double!.textContent).toContain('订单 3921876543210987654 已有一个未作废的发货，可能重复发货');
    expect(double!.textContent).not.toContain('Two stations');
    expect(double!.textContent).toContain('待处理');
    expect(stock!.textContent).toContain('库存为负');
    expect(stock!.textContent).toContain('0190ffff');
    expect(host.callsOf('flags.list')).toEqual([{ open: true }]);
  });

  it('lets a supervisor resolve a flag with a required note', async () => {
    host.handlers['flags.resolve'] = ({ flagId, resolution }) => flag({ flagId, resolution, resolvedAt: '2025-01-01T04:00:00.000Z' });
    const [double] = await showFlags();
    fireEvent.click(within(double!).getByTestId('flag-resolve'));
    const dialog = screen.getByTestId('flag-resolve-dialog');
    expect(dialog.textContent).toContain('处理：疑似重复发货');
    const submit = screen.getByTestId('flag-resolve-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('flag-resolution'), { target: { value: '   ' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('flag-resolution'), { target: { value: ' 已联系快递拦截第二个包裹 ' } });
    expect(submit.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(submit);
      await settle();
    });
    expect(host.callsOf('flags.resolve')).toEqual([{ flagId: 'f1', resolution: '已联系快递拦截第二个包裹' }]);
    expect(screen.queryByTestId('flag-resolve-dialog')).toBeNull();
    const row = screen.getAllByTestId('flag-row')[0]!;
    expect(row.dataset['resolved']).toBe('true');
    expect(within(row).getByTestId('flag-state').textContent).toContain('已处理');
    expect(within(row).getByTestId('flag-state').textContent).toContain('已联系快递拦截第二个包裹');
    expect(within(row).queryByTestId('flag-resolve')).toBeNull();
  });

  it('keeps the dialog open with the reason when the host refuses', async () => {
    host.handlers['flags.resolve'] = () => {
      throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
    };
    const [double] = await showFlags();
    fireEvent.click(within(double!).getByTestId('flag-resolve'));
    fireEvent.change(screen.getByTestId('flag-resolution'), { target: { value: '已核实' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('flag-resolve-submit'));
      await settle();
    });
    expect(screen.getByTestId('flag-resolve-error').textContent).toContain('需要主管授权');
    expect(screen.getByTestId('flag-resolve-dialog')).toBeTruthy();
  });

  it('shows a packer the list read-only', async () => {
    useSessionStore.setState({ session: packer });
    const rows = await showFlags();
    expect(rows).toHaveLength(2);
    expect(screen.queryAllByTestId('flag-resolve')).toEqual([]);
    expect(screen.getByTestId('flags-screen').textContent).toContain('需要主管或管理员处理');
  });

  it('says when nothing is open, and shows resolved flags under 全部', async () => {
    host.handlers['flags.list'] = ({ open }) => ({ flags: open ? [] : [flag({ kind: 'waybill.not-leased', resolution: '面单已作废', resolvedAt: '2025-01-01T03:00:00.000Z' })] });
    render(<FlagsScreen />);
    await act(() => settle());
    expect(screen.getByTestId('flags-table').textContent).toContain('没有待处理的冲突');
    await act(async () => {
      fireEvent.click(screen.getByTestId('flags-filter-all'));
      await settle();
    });
    expect(host.callsOf('flags.list')).toEqual([{ open: true }, { open: false }]);
    const row = screen.getByTestId('flag-row');
    expect(row.textContent).toContain('使用了他站面单号');
    expect(row.textContent).toContain('面单已作废');
  });

  it('shows a kind from a newer hub as it is', async () => {
    host.handlers['flags.list'] = () => ({ flags: [flag({ kind: 'parcel.lost' })] });
    const [row] = await showFlags();
    expect(row!.textContent).toContain('parcel.lost');
  });
});
