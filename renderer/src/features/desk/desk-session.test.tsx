// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim } from '#shared/contract/claims.contract';
import type { DamageReport } from '#shared/contract/damage.contract';
import { AppError } from '#shared/contract/errors';
import type { InboxRow } from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import type * as client from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { supervisor } from '../../test/fixtures';
import { DeskApp } from './DeskApp';
import { useDeskStore } from './desk.store';
import { deskTabs } from './desk-tabs';

// The screens load on demand: the first import of one can take a while on a busy machine.
const lazyScreen = { timeout: 5000 };
const slow = { timeout: 20_000 };

// The phone's RPC is a WebSocket to the hub; here it is the fake host, and closing it does nothing.
const hub = vi.hoisted(() => ({ api: null as client.Api | null }));
vi.mock('../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof client>();
  return {
    ...real,
    connectDeskApi: () => {
      real.setApi(hub.api);
      return { api: hub.api!, close: () => undefined };
    },
  };
});

const poolRow: InboxRow = {
  key: 'pool:YTO', kind: 'pool-low', closes: 'note', derived: true, severity: 'warn', at: '2026-12-05T02:00:00.000Z', benches: [], flagKind: null, orderId: null,
  orderExternalId: null, skuCode: null, trackingNo: null, carrierCode: 'YTO', refId: null, evidence: msg('inbox.evidence.poolLow', { carrier: 'YTO', left: 12, threshold: 300 }),
  people: [], target: 'carriers', photos: [],
};
const report: DamageReport = {
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', shipmentId: 's1', trackingNo: 'YT7400000000001', carrierCode: 'YTO', orderParcel: null,
  skuCode: 'MUG-01', skuName: '马克杯', qty: 2, reason: 'broken', source: 'bench', note: '把手断了', weightG: 640, photos: [],
  bench: { name: '打包台 2', thisBench: false }, reportedBy: '小李', reportedAt: '2026-12-05T02:00:00.000Z', returnId: null, returnScanned: null, decision: null,
};
const claim: Claim = {
  id: 'r1', orderId: 'taobao:3921876543210987654', orderExternalId: '3921876543210987654', skuCode: 'MUG-01', skuName: '马克杯', qty: 2,
  carrierCode: 'YTO', carrierName: '圆通速递', trackingNo: 'YT7400000000001', amountFen: 2550, status: 'filed', paidFen: null,
  filedBy: '王主管', filedAt: '2026-12-05T03:00:00.000Z', settledBy: null, settledAt: null, settleNote: '',
};
const counts = { total: 2, byKind: { 'pool-low': 1, damage: 1 }, capped: false };
const user = { id: 'u2', name: '李主管', role: 'supervisor' as const };

let host: FakeHost;
let hubUser: typeof user | null;
beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  localStorage.clear();
  window.history.replaceState(null, '', '/');
  host = createFakeHost({
    'session.current': () => supervisor,
    'inbox.counts': () => counts,
    'inbox.list': () => ({ rows: [poolRow], counts, benches: [] }),
    'damage.list': () => ({ total: 1, reports: [report] }),
    'damage.get': () => ({ report, decisions: [], effects: { booked: { sellable: 0, damaged: 0 }, reship: null, claim: null } }),
    'claims.list': () => ({ total: 1, claims: [claim] }),
    'audit.list': () => ({ total: 0, entries: [] }),
    'audit.facets': () => ({ people: [], benches: [] }),
    'audit.export': () => ({ fileName: 'audit.csv', base64: '', rows: 8, total: 8 }),
  });
  hub.api = host.api;
  hubUser = user;
  // The hub's plain HTTPS answers: who is logged in (nobody, once the hub ended the login), and the login itself.
  vi.stubGlobal('fetch', async (path: string) => {
    const body = path === '/desk/login' ? { user } : path === '/desk/session' ? { desk: true, user: hubUser, idleMinutes: 15, ended: hubUser ? null : 'revoked' } : { user: null };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  // jsdom has no downloads: the export's file goes nowhere.
  URL.createObjectURL = () => 'blob:audit';
  URL.revokeObjectURL = () => undefined;
  useDeskStore.setState({ user: null, busy: false, error: null, ended: false, tab: deskTabs[0]!.id });
  useConnectionStore.setState({ status: 'open' });
  useDeskStore.getState().begin({ desk: true, user, idleMinutes: 15 });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Opens a tab and waits for its screen (each loads on demand) and its first answers. */
const tab = async (id: string) => {
  fireEvent.click(screen.getByTestId(`desk-tab-${id}`));
  await screen.findByTestId(`${id}-screen`, {}, lazyScreen);
  await act(() => settle());
};
const press = async (testId: string) => {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
    await settle();
  });
};

describe('the phone desk asks no supervisor PIN: its user is the supervisor', () => {
  it('a refused inbox note, damage decision or claim settlement says why, where it was typed', slow, async () => {
    const refuse = () => {
      throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
    };
    host.handlers['inbox.resolve'] = refuse;
    host.handlers['damage.decide'] = refuse;
    host.handlers['claims.settle'] = refuse;
    render(<DeskApp />);
    await screen.findByTestId('inbox-screen', {}, lazyScreen);
    await act(() => settle());

    fireEvent.click(within(screen.getByTestId('inbox-row')).getByTestId('inbox-resolve'));
    fireEvent.change(screen.getByTestId('inbox-note'), { target: { value: '已补单号' } });
    await press('inbox-resolve-submit');
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect((screen.getByTestId('inbox-note') as HTMLTextAreaElement).value).toBe('已补单号');
    expect(screen.getByTestId('inbox-resolve-error').textContent).toContain('需要主管授权');
    fireEvent.keyDown(document, { key: 'Escape' });

    await tab('damage');
    await press('damage-row');
    fireEvent.click(screen.getByTestId('decide-write-off'));
    await press('decision-submit');
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(within(screen.getByTestId('decision-form')).getByRole('alert').textContent).toContain('需要主管授权');

    await press('damage-tab-claims');
    await press('claim-settle');
    await press('settle-confirm');
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(within(screen.getByTestId('settle-dialog')).getByRole('alert').textContent).toContain('需要主管授权');
  });
});

describe('a login that ends leaves nothing behind for the next', () => {
  it('the user disabled meanwhile is told so; after logging in again no PIN prompt, report or export line of the last session shows', slow, async () => {
    render(<DeskApp />);
    await screen.findByTestId('inbox-screen', {}, lazyScreen);
    await act(() => settle());
    await tab('audit');
    await press('audit-export');
    expect(screen.getByTestId('audit-exported')).toBeTruthy();
    await tab('damage');
    await press('damage-row');
    expect(screen.getByTestId('damage-detail')).toBeTruthy();

    // Disabled at a bench: the hub refuses the next request as the login's end and drops the socket.
    await tab('inbox');
    host.handlers['inbox.resolve'] = () => {
      throw new AppError('FORBIDDEN', msg('desk.sessionEnded'));
    };
    fireEvent.click(within(screen.getByTestId('inbox-row')).getByTestId('inbox-resolve'));
    fireEvent.change(screen.getByTestId('inbox-note'), { target: { value: '已补单号' } });
    await press('inbox-resolve-submit');
    hubUser = null;
    await act(async () => {
      useConnectionStore.getState().set('down');
      await settle();
    });
    expect(screen.getByTestId('desk-ended').textContent).toBe('你的用户已被停用，或不再是主管，登录已结束。如有疑问请找管理员');

    // Enabled again, the same phone logs in.
    useConnectionStore.setState({ status: 'open' });
    fireEvent.change(screen.getByTestId('desk-name'), { target: { value: '李主管' } });
    for (const d of '5678') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await press('pin-submit');
    await screen.findByTestId('inbox-screen', {}, lazyScreen);
    await act(() => settle());
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.queryByTestId('inbox-resolve-dialog')).toBeNull();
    await tab('damage');
    expect(screen.queryByTestId('damage-detail')).toBeNull();
    expect(screen.getAllByTestId('damage-row')).toHaveLength(1);
    await tab('audit');
    expect(screen.queryByTestId('audit-exported')).toBeNull();
  });
});

describe('a link to a tab survives the login', () => {
  it('opening #damage logged out and logging in shows the damage tab, and the address stays #damage', slow, async () => {
    hubUser = null;
    useDeskStore.setState({ user: null, tab: deskTabs[0]!.id });
    window.history.replaceState(null, '', '/#damage');
    useDeskStore.getState().begin({ desk: true, user: null, idleMinutes: 15 });
    render(<DeskApp />);
    fireEvent.change(screen.getByTestId('desk-name'), { target: { value: '李主管' } });
    for (const d of '5678') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await press('pin-submit');
    await screen.findByTestId('damage-screen', {}, lazyScreen);
    await act(() => settle());
    expect(screen.getByTestId('desk-tab-damage').getAttribute('aria-current')).toBe('page');
    expect(window.location.hash).toBe('#damage');
  });
});
