// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { HostingStatus } from '#shared/contract/sync.contract';
import { msg } from '#shared/i18n/message';
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
const hostingOff: HostingStatus = { enabled: false, running: false, port: 5180, urls: [], fingerprint: null, error: null, stations: [] };
const FP = '3f2a9c1b77e0d4c58a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70';

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
    expect(screen.getByTestId('pair-fingerprint-problem').textContent).toBe('请输入同步中心显示的证书指纹');
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
    type('pair-fingerprint', '3F2A 9C1B');
    await submitPair();
    expect(screen.getByTestId('pair-fingerprint-problem').textContent).toContain('至少前 20 位');
    type('pair-fingerprint', ' 3f2a 9c1b 77e0 d4c5 8a1e ');
    await submitPair();
    expect(host.callsOf('sync.pair')).toEqual([
      { hubUrl: 'https://192.168.1.10:5180', code: '12345678', stationName: '打包台 2', fingerprint: '3f2a 9c1b 77e0 d4c5 8a1e', insecureHttp: false },
    ]);
    expect(screen.queryByTestId('pair-form')).toBeNull();
    expect(screen.getByTestId('sync-station-name').textContent).toBe('打包台 2');
    expect(screen.getByTestId('sync-panel-state').textContent).toBe('在线');
  });

  it('pairs with a plain-HTTP hub only after the admin accepts that nothing is encrypted', async () => {
    host.handlers['sync.pair'] = ({ hubUrl, stationName }) => syncStatus({ hubUrl, stationName, hubFingerprint: null });
    await showPanel();
    type('pair-hub-url', 'http://192.168.1.10:5180');
    type('pair-code', '12345678');
    type('pair-name', '打包台 2');
    expect(screen.queryByTestId('pair-fingerprint')).toBeNull();
    expect(screen.getByTestId('pair-insecure-warning').textContent).toContain('明文传输');
    await submitPair();
    expect(screen.getByTestId('pair-insecureHttp-problem')).toBeTruthy();
    expect(host.callsOf('sync.pair')).toEqual([]);
    fireEvent.click(screen.getByTestId('pair-insecure'));
    await submitPair();
    expect(host.callsOf('sync.pair')).toEqual([{ hubUrl: 'http://192.168.1.10:5180', code: '12345678', stationName: '打包台 2', fingerprint: '', insecureHttp: true }]);
    expect(screen.getByTestId('sync-hub-fingerprint').textContent).toBe('未加密（http://）');
  });

  it('stops at a hub whose certificate is not the one typed, and says so', async () => {
    host.handlers['sync.pair'] = () => {
      throw new AppError('FORBIDDEN', msg('sync.pair.fingerprintMismatch', { url: 'https://192.168.1.10:5180', presented: 'AAAA BBBB CCCC DDDD EEEE', typed: '3F2A 9C1B 77E0 D4C5 8A1E' }));
    };
    await tryPairing();
    const error = screen.getByTestId('pair-error');
    expect(error.dataset['code']).toBe('fingerprint-mismatch');
    expect(error.textContent).toContain('同步中心的指纹不符，已停止配对');
    // Said once: the title says it stopped, the text says what differs.
    expect(error.textContent?.match(/指纹不符/g)).toHaveLength(1);
    expect(error.textContent).not.toContain('配对已取消');
    expect(error.textContent).toContain('AAAA BBBB CCCC DDDD EEEE');
    expect(error.textContent).toContain('冒充');
    expect(screen.getByTestId('pair-form')).toBeTruthy();
  });

  async function tryPairing() {
    await showPanel();
    type('pair-hub-url', '192.168.1.10:5180');
    type('pair-fingerprint', '3F2A 9C1B 77E0 D4C5 8A1E');
    type('pair-code', '87654321');
    type('pair-name', '打包台 2');
    await submitPair();
  }

  it('tells an unreachable hub apart from a wrong code', async () => {
    host.handlers['sync.pair'] = () => {
      throw new AppError('HUB_UNREACHABLE', msg('sync.error.unreachable', { url: 'https://192.168.1.10:5180', cause: 'connect ECONNREFUSED' }));
    };
    await tryPairing();
    const unreachable = screen.getByTestId('pair-error');
    expect(unreachable.textContent).toContain('连不上同步中心 https://192.168.1.10:5180');
    expect(unreachable.textContent).toContain('同一网络');

    host.handlers['sync.pair'] = () => {
      throw new AppError('FORBIDDEN', msg('sync.pair.failed', { reason: msg('hub.pairing.wrongCode') }));
    };
    await submitPair();
    const refused = screen.getByTestId('pair-error');
    expect(refused.textContent).toBe('配对失败：同步中心没有这个配对码：请核对 8 位数字（过期超过一天的配对码也会这样提示）');

    host.handlers['sync.pair'] = () => {
      throw new AppError('FORBIDDEN', msg('sync.pair.failed', { reason: msg('hub.pairing.codeExpired', { minutes: 30 }) }));
    };
    await submitPair();
    expect(screen.getByTestId('pair-error').textContent).toBe('配对失败：这个配对码已过期（配对码 30 分钟内有效）：请在同步中心重新生成');
    expect(screen.getByTestId('pair-form')).toBeTruthy();

    type('pair-code', '8765432');
    expect(screen.queryByTestId('pair-error')).toBeNull();
  });

  it('says where codes come from: the hub PC\'s settings, or a hub started with packdesk hub', async () => {
    await showPanel();
    const lead = screen.getByTestId('pair-form').textContent ?? '';
    expect(lead).toContain('设置 → 门店同步');
    expect(lead).toContain('packdesk hub pair-code');
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
    host.handlers['sync.status'] = () => syncStatus({ state: 'offline', pendingOps: 5, lastError: msg('sync.error.unreachable', { url: 'https://192.168.1.10:5180', cause: '超时' }) });
    host.handlers['sync.now'] = () => syncStatus({ pendingOps: 0, cursor: 130 });
    await showPanel();
    expect(screen.getByTestId('sync-panel-state').textContent).toBe('离线');
    expect(screen.getByTestId('sync-panel-pending').textContent).toBe('5 条');
    expect(screen.getByTestId('sync-last-error').textContent).toBe('同步中心 https://192.168.1.10:5180 没有应答：那台电脑可能关着、同步中心没有运行，或网络不通。（技术信息：超时）');
    expect(screen.getByTestId('sync-hub-fingerprint').textContent).toBe('3F2A 9C1B 77E0 D4C5 8A1E 2B3C 4D5E 6F70 8192 A3B4 C5D6 E7F8 091A 2B3C 4D5E 6F70');
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

  it('offline, says the clock was checked when the hub was last reached, not that it matches now', async () => {
    host.handlers['sync.status'] = () => syncStatus({ state: 'offline', clockOffsetMs: 0, lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    await showPanel();
    expect(screen.getByTestId('sync-clock').textContent).toBe('与中心一致（5分钟前核对，离线时无法核对）');
  });

  it('a bench the hub removed says so in red, never "goes out when back", and offers pairing again right there', async () => {
    const removed = syncStatus({ state: 'revoked', pendingOps: 3, lastError: msg('sync.error.unpaired', { reason: msg('hub.pairing.wrongCode') }) });
    host.handlers['sync.status'] = () => removed;
    host.handlers['sync.unpair'] = () => ({ ...unpairedStatus, pendingOps: 3 });
    await showPanel();
    const alarm = screen.getByTestId('sync-revoked');
    expect(alarm.getAttribute('role')).toBe('alert');
    expect(alarm.textContent).toContain('本机已被移出门店（或配对已失效）');
    expect(alarm.textContent).toContain('在这里打包的记录不会送到同步中心');
    expect(alarm.textContent).toContain(`packdesk hub pair-code --replaces ${removed.stationId}`);
    expect(screen.getByTestId('sync-panel-state').textContent).toBe('已移出门店');
    expect(screen.getByTestId('sync-panel').textContent).not.toContain('恢复后自动发出');
    expect(screen.queryByTestId('sync-last-error')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId('sync-unpair'));
      await settle();
    });
    expect(screen.getByTestId('unpair-pending').textContent).toContain('还有 3 条操作没有发出');
    await act(async () => {
      fireEvent.click(screen.getByTestId('unpair-confirm'));
      await settle();
    });
    expect(screen.getByTestId('pair-form')).toBeTruthy();
  });

  it('removed from the shop, pairing again is the main action and the clock row does not blame being offline', async () => {
    host.handlers['sync.status'] = () => syncStatus({ state: 'revoked', clockOffsetMs: 0, lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    await showPanel();
    expect(screen.getByTestId('sync-clock').textContent).toBe('与中心一致（5分钟前核对，移出门店后无法核对）');
    expect(screen.getByTestId('sync-unpair').className).toContain('btn-primary');
    expect(screen.getByTestId('sync-now').className).not.toContain('btn-primary');
    expect(document.querySelectorAll('[data-testid="sync-panel"] .btn-primary')).toHaveLength(1);
  });

  it('to someone who is not an admin, a removed bench says an admin must pair it again', async () => {
    useSessionStore.setState({ session: packer });
    host.handlers['sync.status'] = () => syncStatus({ state: 'revoked' });
    await showPanel();
    expect(screen.getByTestId('sync-revoked').textContent).toContain('需要管理员登录本机来重新配对');
    expect(screen.queryByTestId('sync-unpair')).toBeNull();
  });
});

describe('hosting the hub', () => {
  it('turns the hub on, shows the addresses to use and a big one-time code', async () => {
    const running: HostingStatus = {
      enabled: true,
      running: true,
      port: 5180,
      urls: ['https://192.168.1.10:5180'],
      fingerprint: FP,
      error: null,
      stations: [{ stationId: 's2', name: '打包台 2', role: 'packer', lastSeen: null, appVersion: '0.2.0' }],
    };
    host.handlers['hub.setHosting'] = () => running;
    host.handlers['hub.newPairingCode'] = ({ role }) => ({ code: '12345678', role, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(), replaces: null, fingerprint: FP });
    await showPanel();
    expect(screen.getByTestId('hosting-state').textContent).toBe('未开启');
    await act(async () => {
      fireEvent.click(screen.getByTestId('host-hub-toggle'));
      await settle();
    });
    expect(host.callsOf('hub.setHosting')).toEqual([{ enabled: true, port: 5180 }]);
    expect(screen.getByTestId('hosting-state').textContent).toBe('运行中');
    expect(screen.getAllByTestId('hub-url').map((u) => u.textContent)).toEqual(['https://192.168.1.10:5180']);
    expect(screen.getByTestId('hub-fingerprint').textContent).toContain('3F2A9C1B77E0D4C58A1E');
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
    // The fingerprint goes with every code; the part a station must type is bold.
    const shown = screen.getByTestId('pairing-code').querySelector('[data-testid="hub-fingerprint"]')!;
    expect([...shown.querySelectorAll('.fingerprint-typed')].map((g) => g.textContent).join(' ')).toBe('3F2A 9C1B 77E0 D4C5 8A1E');
  });

  it('makes a replacement code for a lost PC after a second click', async () => {
    const running: HostingStatus = {
      enabled: true, running: true, port: 5180, urls: ['https://192.168.1.10:5180'], fingerprint: FP, error: null,
      stations: [{ stationId: 's2', name: '打包台 2', role: 'packer', lastSeen: null, appVersion: '0.1.0' }],
    };
    host.handlers['hub.hosting'] = () => running;
    host.handlers['hub.newReplacementCode'] = ({ stationId }) => ({
      code: '55554444', role: 'packer', expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(), replaces: stationId, fingerprint: FP,
    });
    await showPanel();
    fireEvent.click(screen.getByTestId('station-replace'));
    expect(host.callsOf('hub.newReplacementCode')).toEqual([]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('station-replace-confirm'));
      await settle();
    });
    expect(host.callsOf('hub.newReplacementCode')).toEqual([{ stationId: 's2' }]);
    expect(screen.getByTestId('pairing-code-value').textContent).toBe('55554444');
    expect(screen.getByTestId('pairing-code').textContent).toContain('替换配对码：打包台 2');
    expect(screen.getByTestId('pairing-code').textContent).toContain('旧电脑不能再同步');
  });

  it('revokes a lost PC after a second click, never this PC itself', async () => {
    const own = syncStatus().stationId;
    const running: HostingStatus = {
      enabled: true, running: true, port: 5180, urls: ['https://192.168.1.10:5180'], fingerprint: FP, error: null,
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
    host.handlers['hub.hosting'] = () => ({ ...hostingOff, enabled: true, error: msg('sync.hosting.failed', { reason: 'listen EADDRINUSE :::5180' }) });
    await showPanel();
    expect(screen.getByTestId('hosting-state').textContent).toBe('启动失败');
    expect(screen.getByTestId('hosting-run-error').textContent).toBe('同步中心启动失败：listen EADDRINUSE :::5180');
    expect((screen.getByTestId('host-hub-port') as HTMLInputElement).disabled).toBe(true);
  });
});
