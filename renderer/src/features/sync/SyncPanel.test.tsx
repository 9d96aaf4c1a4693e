// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { HostingStatus } from '#shared/contract/sync.contract';
import { setApi } from '../../api/client';
import { useNavStore } from '../../app/nav.store';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { admin, packer, supervisor, syncStatus, unpairedStatus } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useHostingStore } from './hosting.store';
import { useSyncStore } from './sync.store';
import { SyncPanel } from './SyncPanel';

let host: FakeHost;
const hostingOff: HostingStatus = { enabled: false, running: false, port: 5180, urls: [], error: null, stations: [] };

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useNavStore.setState({ screen: 'settings', section: null });
  useSessionStore.setState({ session: admin });
  useSyncStore.setState({ status: null, error: null, pairError: null, busy: null });
  useHostingStore.setState({ hosting: null, error: null, code: null, busy: false, codeBusy: null });
  host = createFakeHost({ 'sync.status': () => unpairedStatus, 'hub.hosting': () => hostingOff });
  setApi(host.api);
});

afterEach(cleanup);

async function showPanel() {
  render(<SyncPanel />);
  await act(() => settle());
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function submitPair() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('pair-submit'));
    await settle();
  });
}

describe('pairing form', () => {
  it('says what is missing or wrong before asking the hub, and sends a cleaned-up address', async () => {
    host.handlers['sync.pair'] = ({ hubUrl, stationName }) => syncStatus({ hubUrl, stationName });
    await showPanel();
    expect(screen.getByTestId('sync-standalone').textContent).toContain('单机模式');
    await submitPair();
    expect(screen.getByTestId('pair-hubUrl-problem').textContent).toBe('请填写中心地址');
    expect(screen.getByTestId('pair-code-problem').textContent).toBe('配对码是 8 位数字');
    expect(screen.getByTestId('pair-stationName-problem').textContent).toContain('请给这台电脑起个名字');
    expect(screen.getByTestId('pair-hub-url').getAttribute('aria-invalid')).toBe('true');

    type('pair-hub-url', 'http://');
    type('pair-code', '12a34');
    type('pair-name', '  打包台 2 ');
    await submitPair();
    expect(screen.getByTestId('pair-hubUrl-problem').textContent).toContain('地址不对');
    expect((screen.getByTestId('pair-code') as HTMLInputElement).value).toBe('1234');
    expect(screen.getByTestId('pair-code-problem')).toBeTruthy();
    expect(screen.queryByTestId('pair-stationName-problem')).toBeNull();
    expect(host.callsOf('sync.pair')).toEqual([]);

    type('pair-hub-url', ' 192.168.1.10:5180/ ');
    type('pair-code', '12345678');
    await submitPair();
    expect(host.callsOf('sync.pair')).toEqual([{ hubUrl: 'http://192.168.1.10:5180', code: '12345678', stationName: '打包台 2' }]);
    expect(screen.queryByTestId('pair-form')).toBeNull();
    expect(screen.getByTestId('sync-station-name').textContent).toBe('打包台 2');
    expect(screen.getByTestId('sync-panel-state').textContent).toBe('在线');
  });

  async function tryPairing() {
    await showPanel();
    type('pair-hub-url', '192.168.1.10:5180');
    type('pair-code', '87654321');
    type('pair-name', '打包台 2');
    await submitPair();
  }

  it('tells an unreachable hub apart from a wrong code', async () => {
    host.handlers['sync.pair'] = () => {
      throw new AppError('HUB_UNREACHABLE', 'connect ECONNREFUSED 192.168.1.10:5180');
    };
    await tryPairing();
    const unreachable = screen.getByTestId('pair-error');
    expect(unreachable.textContent).toContain('连不上同步中心 http://192.168.1.10:5180');
    expect(unreachable.textContent).toContain('同一网络');

    host.handlers['sync.pair'] = () => {
      throw new AppError('FORBIDDEN', '配对码不正确或已过期 / Wrong or expired pairing code');
    };
    await submitPair();
    const refused = screen.getByTestId('pair-error');
    expect(refused.textContent).toBe('同步中心拒绝了配对：配对码不正确或已过期');
    expect(screen.getByTestId('pair-form')).toBeTruthy();

    type('pair-code', '8765432');
    expect(screen.queryByTestId('pair-error')).toBeNull();
  });

  it('shows the status read-only to someone who is not an admin', async () => {
    useSessionStore.setState({ session: supervisor });
    await showPanel();
    expect(screen.queryByTestId('pair-form')).toBeNull();
    expect(screen.getByTestId('sync-panel').textContent).toContain('只有管理员可以配对同步中心');
    expect(screen.queryByTestId('hosting-panel')).toBeNull();
    expect(host.callsOf('hub.hosting')).toEqual([]);
  });
});

describe('paired station', () => {
  it('syncs now for anyone, and shows what the round left behind', async () => {
    useSessionStore.setState({ session: packer });
    host.handlers['sync.status'] = () => syncStatus({ state: 'offline', pendingOps: 5, lastError: '超时 / timed out' });
    host.handlers['sync.now'] = () => syncStatus({ pendingOps: 0, cursor: 130 });
    await showPanel();
    expect(screen.getByTestId('sync-panel-state').textContent).toBe('离线');
    expect(screen.getByTestId('sync-panel-pending').textContent).toBe('5 条');
    expect(screen.getByTestId('sync-panel').textContent).toContain('超时');
    expect(screen.queryByTestId('sync-unpair')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId('sync-now'));
      await settle();
    });
    expect(host.callsOf('sync.now')).toHaveLength(1);
    expect(screen.getByTestId('sync-panel-state').textContent).toBe('在线');
    expect(screen.getByTestId('sync-panel-pending').textContent).toBe('0 条');
  });

  it('asks before unpairing and says unsent operations stay', async () => {
    host.handlers['sync.status'] = () => syncStatus({ pendingOps: 7 });
    host.handlers['sync.unpair'] = () => ({ ...unpairedStatus, pendingOps: 7 });
    await showPanel();
    fireEvent.click(screen.getByTestId('sync-unpair'));
    expect(screen.getByTestId('unpair-pending').textContent).toBe('还有 7 条操作没有发出：它们会留在本机，重新配对后自动发出。');
    await act(async () => {
      fireEvent.click(screen.getByTestId('unpair-confirm'));
      await settle();
    });
    expect(host.callsOf('sync.unpair')).toHaveLength(1);
    expect(screen.queryByTestId('unpair-dialog')).toBeNull();
    expect(screen.getByTestId('sync-standalone').textContent).toContain('有 7 条操作等待发出');
    expect(screen.getByTestId('pair-form')).toBeTruthy();
  });
});

describe('hosting the hub', () => {
  it('turns the hub on, shows the addresses to use and a big one-time code', async () => {
    const running: HostingStatus = {
      enabled: true,
      running: true,
      port: 5180,
      urls: ['http://192.168.1.10:5180'],
      error: null,
      stations: [{ stationId: 's2', name: '打包台 2', role: 'packer', lastSeen: null, appVersion: '0.2.0' }],
    };
    host.handlers['hub.setHosting'] = () => running;
    host.handlers['hub.newPairingCode'] = ({ role }) => ({ code: '12345678', role, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    await showPanel();
    expect(screen.getByTestId('hosting-state').textContent).toBe('未开启');
    await act(async () => {
      fireEvent.click(screen.getByTestId('host-hub-toggle'));
      await settle();
    });
    expect(host.callsOf('hub.setHosting')).toEqual([{ enabled: true, port: 5180 }]);
    expect(screen.getByTestId('hosting-state').textContent).toBe('运行中');
    expect(screen.getAllByTestId('hub-url').map((u) => u.textContent)).toEqual(['http://192.168.1.10:5180']);
    expect(screen.getByTestId('hub-station-row').textContent).toContain('打包台 2');
    expect(screen.getByTestId('hub-station-row').textContent).toContain('打包工位');

    await act(async () => {
      fireEvent.click(screen.getByTestId('new-code-supervisor'));
      await settle();
    });
    expect(host.callsOf('hub.newPairingCode')).toEqual([{ role: 'supervisor' }]);
    expect(screen.getByTestId('pairing-code-value').textContent).toBe('12345678');
    expect(screen.getByTestId('pairing-code').textContent).toContain('主管工位的配对码');
    expect(screen.getByTestId('pairing-code-expiry').textContent).toContain('还剩 10分钟');
  });

  it('revokes a lost PC after a second click, never this PC itself', async () => {
    const own = syncStatus().stationId;
    const running: HostingStatus = {
      enabled: true, running: true, port: 5180, urls: ['http://192.168.1.10:5180'], error: null,
      stations: [
        { stationId: own, name: '同步中心电脑', role: 'admin', lastSeen: null, appVersion: '0.1.0' },
        { stationId: 's2', name: '打包台 2', role: 'packer', lastSeen: null, appVersion: '0.1.0' },
      ],
    };
    host.handlers['sync.status'] = () => syncStatus();
    host.handlers['hub.hosting'] = () => running;
    host.handlers['hub.revokeStation'] = () => running;
    await showPanel();
    const rows = screen.getAllByTestId('hub-station-row');
    expect(rows[0]!.textContent).toContain('本机');
    expect(screen.getAllByTestId('station-revoke')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('station-revoke'));
    expect(host.callsOf('hub.revokeStation')).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('station-revoke-confirm'));
      await settle();
    });
    expect(host.callsOf('hub.revokeStation')).toEqual([{ stationId: 's2' }]);
  });

  it('shows why the hub could not start', async () => {
    host.handlers['hub.hosting'] = () => ({ ...hostingOff, enabled: true, error: '端口 5180 已被占用 / port 5180 is in use' });
    await showPanel();
    expect(screen.getByTestId('hosting-state').textContent).toBe('启动失败');
    expect(screen.getByTestId('hosting-run-error').textContent).toBe('端口 5180 已被占用');
    expect((screen.getByTestId('host-hub-port') as HTMLInputElement).disabled).toBe(true);
  });
});
