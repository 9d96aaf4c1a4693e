// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxRow } from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { useNavStore } from '../../app/nav.store';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';
import { useSessionStore } from '../session/session.store';
import { DeskApp } from './DeskApp';
import { useDeskStore } from './desk.store';
import { deskTabs } from './desk-tabs';

/** The hub's answers to the page's plain HTTPS requests, as fetch returns them. */
function hubAnswers(answers: Record<string, () => { status: number; body: unknown }>) {
  const sent: { path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (path: string, init?: RequestInit) => {
    sent.push({ path, body: init?.body ? JSON.parse(String(init.body)) : null });
    const answer = answers[path]?.() ?? { status: 404, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  localStorage.clear();
  useDeskStore.setState({ user: null, busy: false, error: null, ended: false, tab: deskTabs[0]!.id });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tapPin = (pin: string) => {
  for (const d of pin) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
  fireEvent.click(screen.getByTestId('pin-submit'));
};

/** A supervisor's session, and a hub whose inbox and audit are empty. */
function supervisorWithEmptyScreens() {
  const host = createFakeHost({
    'inbox.list': () => ({ rows: [], counts: { total: 0, byKind: {}, capped: false }, benches: [] }),
    'audit.list': () => ({ total: 0, entries: [] }),
  });
  setApi(host.api);
  useSessionStore.setState({ session: supervisor });
}

describe('the phone desk', () => {
  it('shows the hub’s refusal in its own words, and the wait it asks for after wrong PINs', async () => {
    let tries = 0;
    const sent = hubAnswers({
      '/desk/login': () =>
        ++tries < 2
          ? { status: 401, body: { error: { code: 'FORBIDDEN', msg: { key: 'desk.login.wrong' } } } }
          : { status: 429, body: { error: { code: 'FORBIDDEN', msg: { key: 'desk.login.wait', params: { seconds: 30 } }, details: { retryInSeconds: 30 } } } },
    });
    render(<DeskApp />);
    fireEvent.change(screen.getByTestId('desk-name'), { target: { value: '李打包' } });
    tapPin('1357');
    await act(() => settle());
    expect(screen.getByTestId('desk-login-error').textContent).toBe('姓名或 PIN 不对，或此用户不是主管或管理员');
    expect(sent).toEqual([{ path: '/desk/login', body: { name: '李打包', pin: '1357' } }]);
    tapPin('1358');
    await act(() => settle());
    expect(screen.getByTestId('pin-wait').getAttribute('data-seconds')).toBe('30');
    expect((screen.getByTestId('pin-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a logged-in supervisor gets a tab per screen; a tab opens its screen; logging out returns to the login with the name kept', async () => {
    supervisorWithEmptyScreens();
    localStorage.setItem('packdesk.desk.name', '王主管');
    useDeskStore.setState({ user: { id: 'u2', name: '王主管', role: 'supervisor' } });
    const sent = hubAnswers({ '/desk/logout': () => ({ status: 200, body: { user: null } }) });
    render(<DeskApp />);
    expect(screen.getByTestId('desk-user').textContent).toBe('王主管主管');
    // A bench's factory administrator is said as the bench's top bar says them: in the reader's language, with their bench.
    const admin = { id: 'u9', name: '管理员', role: 'admin', factoryAdmin: true, otherBench: '办公室' } as const;
    act(() => useDeskStore.setState({ user: admin }));
    expect(screen.getByTestId('desk-user').querySelector('strong')!.textContent).toBe('管理员 · 办公室');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('desk-user').querySelector('strong')!.textContent).toBe('Admin · 办公室');
    act(() => setLanguage('zh-CN'));
    act(() => useDeskStore.setState({ user: { id: 'u2', name: '王主管', role: 'supervisor' } }));
    expect(screen.getAllByRole('button').filter((b) => b.className.startsWith('desk-tab'))).toHaveLength(deskTabs.length);
    expect(deskTabs.map((d) => screen.getByTestId(`desk-tab-${d.id}`).textContent)).toEqual(['异常', '破损', '退货', '交接', '看板', '审计']);
    expect(await screen.findByTestId('inbox-screen')).toBeTruthy();
    fireEvent.click(screen.getByTestId('desk-tab-audit'));
    expect(await screen.findByTestId('audit-screen')).toBeTruthy();
    expect(screen.getByTestId('desk-tab-audit').getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByTestId('desk-logout'));
    await act(() => settle());
    expect(sent.map((s) => s.path)).toEqual(['/desk/logout']);
    expect(screen.getByTestId('desk-login')).toBeTruthy();
    expect((screen.getByTestId('desk-name') as HTMLInputElement).value).toBe('王主管');
  });

  it('a tab or 退出 with a form holding edits asks 放弃未保存的修改？ first; 继续编辑 stays, 放弃 goes', async () => {
    supervisorWithEmptyScreens();
    useDeskStore.setState({ user: { id: 'u2', name: '王主管', role: 'supervisor' } });
    const sent = hubAnswers({ '/desk/logout': () => ({ status: 200, body: { user: null } }) });
    /** Stands for a screen's form the supervisor has typed in (the courier's signature, say). */
    function Typed() {
      useUnsavedEdits(true);
      return null;
    }
    render(<><DeskApp /><Typed /></>);
    expect(await screen.findByTestId('inbox-screen')).toBeTruthy();
    fireEvent.click(screen.getByTestId('desk-tab-audit'));
    expect(screen.getByTestId('unsaved-prompt').textContent).toContain('放弃未保存的修改？');
    fireEvent.click(screen.getByTestId('unsaved-keep'));
    expect(useDeskStore.getState().tab).toBe('inbox');
    fireEvent.click(screen.getByTestId('desk-logout'));
    fireEvent.click(screen.getByTestId('unsaved-keep'));
    await act(() => settle());
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByTestId('desk-tab-audit'));
    fireEvent.click(screen.getByTestId('unsaved-discard'));
    expect(await screen.findByTestId('audit-screen')).toBeTruthy();
  });

  it('counts what waits on 异常 and on 破损 (reports no one has decided); in English every tab’s label is a short word', async () => {
    const host = createFakeHost({
      'inbox.list': () => ({ rows: [], counts: { total: 5, byKind: { damage: 2, 'pool-low': 3 }, capped: false }, benches: [] }),
    });
    setApi(host.api);
    useSessionStore.setState({ session: supervisor });
    useDeskStore.setState({ user: { id: 'u2', name: '王主管', role: 'supervisor' } });
    render(<DeskApp />);
    await screen.findByTestId('inbox-screen');
    await act(() => settle());
    expect(screen.getByTestId('desk-count-inbox').textContent).toBe('5');
    expect(screen.getByTestId('desk-count-damage').textContent).toBe('2');
    expect(screen.queryByTestId('desk-count-returns')).toBeNull();
    act(() => setLanguage('en'));
    // Six tabs share 390 px: 65 px each, room for about seven letters.
    expect(deskTabs.map((d) => screen.getByTestId(`desk-tab-${d.id}`).querySelector('.desk-tab-label')!.textContent)).toEqual(['Inbox', 'Damage', 'Returns', 'Pickup', 'Stats', 'Audit']);
  });

  it('offers an inbox row’s "open" only where the phone has that screen: a damage report opens the 破损 tab, an order or the pools none', async () => {
    const row = (extra: Partial<InboxRow> & Pick<InboxRow, 'key' | 'kind' | 'target'>): InboxRow => ({
      closes: 'note', derived: true, severity: 'warn', at: '2026-12-05T02:00:00.000Z', benches: [], flagKind: null, orderId: null, orderExternalId: null,
      skuCode: null, trackingNo: null, carrierCode: null, refId: null, evidence: msg('inbox.evidence.poolLow', { carrier: 'YTO', left: 12, threshold: 300 }),
      people: [], photos: [], ...extra,
    });
    const rows = [
      row({ key: 'stop:taobao:1', kind: 'parcel-stop', severity: 'alarm', orderId: 'taobao:1', orderExternalId: '3921876543210987654', target: 'order' }),
      row({ key: 'pool:YTO', kind: 'pool-low', carrierCode: 'YTO', target: 'carriers' }),
      row({ key: 'damage:d1', kind: 'damage', closes: 'decide', derived: false, skuCode: 'SKU-0036', refId: 'd1', target: 'damage' }),
    ];
    const host = createFakeHost({
      'inbox.list': () => ({ rows, counts: { total: 3, byKind: { 'parcel-stop': 1, 'pool-low': 1, damage: 1 }, capped: false }, benches: [] }),
      'damage.list': () => ({ total: 0, reports: [] }),
      'claims.list': () => ({ total: 0, claims: [] }),
    });
    setApi(host.api);
    useSessionStore.setState({ session: supervisor });
    useDeskStore.setState({ user: { id: 'u2', name: '王主管', role: 'supervisor' } });
    render(<DeskApp />);
    await screen.findByTestId('inbox-screen');
    await act(() => settle());
    const card = (key: string) => screen.getAllByTestId('inbox-row').find((r) => r.dataset['key'] === key)!;
    expect(within(card('stop:taobao:1')).queryByTestId('inbox-open')).toBeNull();
    expect(within(card('pool:YTO')).queryByTestId('inbox-open')).toBeNull();
    fireEvent.click(within(card('damage:d1')).getByTestId('inbox-open'));
    expect(await screen.findByTestId('damage-screen')).toBeTruthy();
    expect(screen.getByTestId('desk-tab-damage').getAttribute('aria-current')).toBe('page');
    expect(useNavStore.getState().screen).toBe('damage');
  });
});
