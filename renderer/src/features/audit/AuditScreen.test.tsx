// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '#shared/contract/audit.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { admin, emptyState, packer, supervisor } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { AuditScreen } from './AuditScreen';
import { noCriteria, useAuditStore } from './audit.store';

const benchB = { name: '打包台 B', thisBench: false };
const entry = (extra: Partial<AuditEntry>): AuditEntry => ({
  id: 'a1', kind: 'action', category: 'void', at: '2026-11-26T08:03:00.000Z', bench: benchB, what: msg('audit.actions.shipmentVoid'), target: 'YT7400000000009', count: 1,
  note: msg('audit.notes.reason', { reason: '面单打错' }), user: { name: '小王', bench: null }, authorizedBy: { name: '李主管', bench: null }, ...extra,
});
const voidAction = entry({});
const voidOp = entry({ id: 'op-9', kind: 'op', what: msg('audit.ops.shipment.voided'), note: null, user: null });
const importBatch = entry({
  id: 'op-3', kind: 'op', at: '2026-11-26T08:01:00.000Z', bench: { name: '办公室', thisBench: true }, what: msg('audit.ops.order.imported'), target: '3921876543210987654',
  count: 120, note: null, user: null, authorizedBy: { name: '管理员', bench: { name: '办公室', thisBench: true } },
});
const lockout = entry({ id: 'a0', at: '2026-11-26T08:00:00.000Z', what: msg('audit.actions.pinLockout'), target: '', note: msg('audit.notes.lockout', { failures: 5, seconds: 30 }), user: null, authorizedBy: null });

let host: FakeHost;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: supervisor });
  useAuditStore.setState({ entries: [], filter: 'all', query: '', criteria: noCriteria, offset: 0, limit: 50, total: 0, loading: false, loaded: false, error: null, exported: null, exportError: null });
  host = createFakeHost({
    'audit.facets': () => ({
      people: [
        { id: 'u-wang', name: '小王', role: 'packer', bench: null, active: true },
        { id: 'u-li', name: '李主管', role: 'supervisor', bench: null, active: true },
        { id: 'u-adm-b', name: '管理员', role: 'admin', bench: benchB, active: true },
      ],
      benches: [{ id: 'st-here', name: '办公室', thisBench: true }, { id: 'st-b', ...benchB }],
    }),
    'audit.list': ({ filter, offset }) => {
      const all = filter === 'all' ? [voidAction, voidOp, importBatch, lockout] : [voidAction, voidOp, importBatch];
      return { total: all.length + (offset === 0 ? 50 : 0), entries: offset === 0 ? all : [] };
    },
  });
  setApi(host.api);
});
afterEach(cleanup);

async function showAudit() {
  render(<AuditScreen />);
  await act(() => settle());
  return screen.getAllByTestId('audit-row');
}

describe('audit screen', () => {
  it('lists who did what at which bench and who authorised it, in words', async () => {
    const [action, op, batch, lock] = await showAudit();
    expect(host.callsOf('audit.list')).toEqual([{ filter: 'all', limit: 50, offset: 0 }]);
    // Shop time, to the second: several gated steps often fall in one minute.
    expect(action!.textContent).toContain('2026/11/26 16:03:00');
    expect(action!.textContent).toContain('打包台 B');
    expect(action!.textContent).toContain('作废运单');
    expect(action!.textContent).toContain('YT7400000000009');
    expect(action!.textContent).toContain('原因：面单打错');
    expect(within(action!).getByTestId('audit-user').textContent).toBe('小王');
    expect(within(action!).getByTestId('audit-authorizer').textContent).toBe('李主管');
    expect(op!.dataset['kind']).toBe('op');
    expect(op!.textContent).toContain('数据变更');
    expect(within(op!).getByTestId('audit-user').textContent).toBe('—');
    // One import is one line; the factory admin is named with its bench, this one as 本机.
    expect(batch!.textContent).toContain('3921876543210987654 等 120 项');
    expect(within(batch!).getByTestId('audit-bench').textContent).toBe('本机');
    expect(within(batch!).getByTestId('audit-authorizer').textContent).toBe('管理员 · 本机');
    expect(lock!.textContent).toContain('连续 5 次错误，暂停 30 秒');
    expect(within(lock!).getByTestId('audit-authorizer').textContent).toBe('—');
    expect(action!.textContent).not.toMatch(/audit\.|Voided/);
  });

  it('filters to authorised entries and pages', async () => {
    await showAudit();
    await act(async () => {
      fireEvent.click(screen.getByTestId('audit-filter-authorized'));
      await settle();
    });
    expect(screen.getAllByTestId('audit-row')).toHaveLength(3);
    await act(async () => {
      fireEvent.click(screen.getByText('下一页'));
      await settle();
    });
    expect(host.callsOf('audit.list')).toEqual([
      { filter: 'all', limit: 50, offset: 0 },
      { filter: 'authorized', limit: 50, offset: 0 },
      { filter: 'authorized', limit: 50, offset: 50 },
    ]);
    expect(screen.getByTestId('audit-table').textContent).toContain('还没有经授权的记录');
  });

  it('reads in English', async () => {
    setLanguage('en');
    const [action, , batch] = await showAudit();
    expect(action!.textContent).toContain('Voided a waybill');
    expect(action!.textContent).toContain('Reason: 面单打错');
    // The factory administrator's name is Packdesk's, said in the reader's language.
    expect(within(batch!).getByTestId('audit-authorizer').textContent).toBe('Admin · This bench');
    expect(batch!.textContent).toContain('3921876543210987654 and more (120 in all)');
  });

  it('shows the host\'s refusal', async () => {
    host.handlers['audit.list'] = () => {
      throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
    };
    render(<AuditScreen />);
    await act(() => settle());
    expect(screen.getByTestId('audit-screen').textContent).toContain('需要主管授权');
  });
});

describe('audit filters and export', () => {
  const pick = async (testId: string, value: string) => {
    await act(async () => {
      fireEvent.change(screen.getByTestId(testId), { target: { value } });
      await settle();
    });
  };

  it('narrows the list by kind, person, bench and Beijing days, each asked of the host', async () => {
    await showAudit();
    const person = screen.getByTestId('audit-person');
    expect([...person.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['所有人', '小王', '李主管', '管理员 · 打包台 B']);
    expect([...screen.getByTestId('audit-bench-filter').querySelectorAll('option')].map((o) => o.textContent)).toEqual(['所有工位', '本机', '打包台 B']);
    expect(screen.getByTestId('audit-kind').textContent).toContain('强制核验');
    await pick('audit-kind', 'forceVerify');
    await pick('audit-person', 'u-wang');
    await pick('audit-bench-filter', 'st-b');
    await pick('audit-from', '2026-11-26');
    await pick('audit-to', '2026-11-27');
    expect(host.callsOf('audit.list').at(-1)).toEqual({
      filter: 'all', kind: 'forceVerify', people: ['u-wang'], bench: 'st-b', from: '2026-11-26', to: '2026-11-27', limit: 50, offset: 0,
    });
    host.handlers['audit.list'] = () => ({ total: 0, entries: [] });
    await act(async () => {
      fireEvent.change(screen.getByTestId('audit-search'), { target: { value: 'YT7400000000009' } });
      await new Promise((r) => setTimeout(r, 300));
      await settle();
    });
    expect(host.callsOf('audit.list').at(-1)).toMatchObject({ text: 'YT7400000000009', kind: 'forceVerify' });
    expect(screen.getByTestId('audit-table').textContent).toContain('没有符合筛选条件的记录');
    await act(async () => {
      fireEvent.click(screen.getByTestId('audit-clear'));
      await settle();
    });
    expect(host.callsOf('audit.list').at(-1)).toEqual({ filter: 'all', limit: 50, offset: 0 });
  });

  it('folds its filters behind one button that says how many are set (shown folded on a phone)', async () => {
    await showAudit();
    const toggle = screen.getByTestId('audit-filters-toggle');
    expect(toggle.textContent).toBe('筛选');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('audit-filters').classList.contains('audit-filters-open')).toBe(false);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('audit-filters').classList.contains('audit-filters-open')).toBe(true);
    fireEvent.change(screen.getByTestId('audit-kind'), { target: { value: 'void' } });
    fireEvent.change(screen.getByTestId('audit-bench-filter'), { target: { value: 'st-b' } });
    await act(() => settle());
    expect(toggle.textContent).toBe('筛选（2）');
  });

  it('says a reversed date range is reversed, not that nothing matches', async () => {
    await showAudit();
    act(() => setLanguage('en'));
    host.handlers['audit.list'] = () => ({ total: 0, entries: [] });
    await pick('audit-from', '2026-12-31');
    await pick('audit-to', '2026-12-01');
    const table = screen.getByTestId('audit-table').textContent;
    expect(table).toContain('The dates are reversed: From is after To, so nothing can match. Swap them.');
    expect(table).not.toContain('No entries match these filters');
    expect(screen.getByTestId('audit-from').getAttribute('aria-invalid')).toBe('true');
    await pick('audit-from', '2026-11-01');
    expect(screen.getByTestId('audit-table').textContent).toContain('No entries match these filters');
    expect(screen.getByTestId('audit-from').getAttribute('aria-invalid')).toBe('false');
  });

  it('exports the filtered list as a CSV download named by the host', async () => {
    const created: Blob[] = [];
    const url = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void };
    url.createObjectURL = (blob) => (created.push(blob), 'blob:audit');
    url.revokeObjectURL = () => undefined;
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('审计记录-202611270012.csv');
    });
    host.handlers['audit.export'] = () => ({ fileName: '审计记录-202611270012.csv', base64: Buffer.from('\ufeff时间\r\n').toString('base64'), rows: 3, total: 3 });
    await showAudit();
    await pick('audit-kind', 'void');
    await act(async () => {
      fireEvent.click(screen.getByTestId('audit-export'));
      await settle();
    });
    expect(host.callsOf('audit.export')).toEqual([{ filter: 'all', kind: 'void', lang: 'zh-CN' }]);
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(created[0]?.type).toBe('text/csv');
    expect(screen.getByTestId('audit-exported').textContent).toBe('已导出 3 条：审计记录-202611270012.csv');
    clicked.mockRestore();
  });
});

describe('the audit screen in the navigation', () => {
  beforeEach(() => {
    useNavStore.setState({ screen: 'bench' });
    host.handlers['bench.getState'] = () => emptyState;
  });

  it('is there for supervisors and admins and opens from the bar', async () => {
    for (const session of [supervisor, admin]) {
      useSessionStore.setState({ session });
      render(<App />);
      await act(() => settle());
      fireEvent.click(screen.getByTestId('nav-audit'));
      expect(await screen.findByTestId('audit-screen')).toBeTruthy();
      expect(screen.getByTestId('nav-audit').textContent).toBe('审计');
      cleanup();
      useNavStore.setState({ screen: 'bench' });
    }
  });

  it('is not there for a packer, and a packer taking over the bench leaves it', async () => {
    useSessionStore.setState({ session: supervisor });
    useNavStore.setState({ screen: 'audit' });
    render(<App />);
    expect(await screen.findByTestId('audit-screen')).toBeTruthy();
    await act(async () => {
      useSessionStore.setState({ session: packer });
      await settle();
    });
    expect(screen.queryByTestId('nav-audit')).toBeNull();
    expect(useNavStore.getState().screen).toBe('bench');
    expect(screen.queryByTestId('audit-screen')).toBeNull();
  });
});
