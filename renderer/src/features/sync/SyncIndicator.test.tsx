// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '#shared/contract/settings.contract';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { startStation } from '../../app/start-station';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { emptyState, packer, syncStatus, unpairedStatus } from '../../test/fixtures';
import { useBenchStore } from '../bench/bench.store';
import { useSessionStore } from '../session/session.store';
import { useSyncStore } from './sync.store';

let host: FakeHost;
let stop: () => void;
let status: SyncStatus;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench', section: null });
  useConnectionStore.setState({ status: 'open' });
  useSyncStore.setState({ status: null, error: null, busy: null });
  status = syncStatus();
  host = createFakeHost({
    'session.current': () => packer,
    'settings.get': () => defaultSettings,
    'bench.getState': () => emptyState,
    'carriers.list': () => [],
    'sync.status': () => status,
  });
  setApi(host.api);
  stop = () => undefined;
});

afterEach(() => {
  stop();
  cleanup();
});

/** Starts the station (which loads sync.status as it is now) and shows the app. */
async function showApp() {
  stop = startStation(host.api, document);
  render(<App />);
  await screen.findByTestId('packer');
  return screen.findByTestId('sync-indicator');
}

async function hostSays(next: SyncStatus) {
  await act(async () => {
    host.emit('sync.changed', next);
    await settle();
  });
}

describe('sync indicator in the top bar', () => {
  it('says loudly that sync stopped when the hub presents another certificate', async () => {
    const changed = msg('sync.error.hubIdentityChanged', { url: 'https://192.168.1.10:5180', presented: 'AAAA BBBB', pinned: '3F2A 9C1B' });
    status = syncStatus({ state: 'offline', lastError: changed });
    await showApp();
    const alarm = screen.getByTestId('sync-identity-alarm');
    expect(alarm.getAttribute('role')).toBe('alert');
    expect(alarm.textContent).toContain('同步已停止：同步中心的身份变了');
    expect(alarm.textContent).toContain('AAAA BBBB');
    expect(alarm.textContent).toContain('3F2A 9C1B');
    await hostSays(syncStatus({ state: 'online', lastError: null }));
    expect(screen.queryByTestId('sync-identity-alarm')).toBeNull();
  });

  it('shows an offline bench with what is waiting and when it last reached the hub', async () => {
    status = syncStatus({ state: 'offline', pendingOps: 3, lastSyncAt: minutesAgo(2), lastError: msg('sync.error.unreachable', { url: 'https://192.168.1.10:5180', cause: 'connect ECONNREFUSED' }) });
    const indicator = await showApp();
    expect(indicator.dataset['state']).toBe('offline');
    expect(screen.getByTestId('sync-state').textContent).toBe('离线');
    expect(screen.getByTestId('sync-pending').textContent).toBe('3 条待同步');
    expect(screen.getByTestId('sync-last').textContent).toBe('上次连上中心：2分钟前');
    expect(screen.getByTestId('sync-open').getAttribute('title')).toContain('可以照常打包');
    expect(screen.getByTestId('sync-open').getAttribute('title')).toContain('同步中心 https://192.168.1.10:5180 没有应答');
  });

  it('offline with nothing waiting, never says "all synced" or "synced just now"', async () => {
    status = syncStatus({ state: 'offline', pendingOps: 0, lastSyncAt: new Date().toISOString() });
    await showApp();
    const pill = screen.getByTestId('sync-open').textContent ?? '';
    expect(pill).toBe('离线没有待发的操作 · 上次连上中心：刚刚');
    expect(pill).not.toContain('已全部同步');
    expect(pill).not.toContain('刚刚同步');
  });

  it('a bench the hub removed is red and says its work does not reach the hub', async () => {
    status = syncStatus({ state: 'revoked', pendingOps: 2, lastSyncAt: new Date().toISOString(), lastError: msg('sync.error.unpaired', { reason: msg('hub.pairing.wrongCode') }) });
    const indicator = await showApp();
    expect(indicator.dataset['state']).toBe('revoked');
    expect(indicator.className).toContain('sync-revoked');
    expect(screen.getByTestId('sync-state').textContent).toBe('已移出门店');
    expect(screen.getByTestId('sync-pending').textContent).toBe('2 条未送达中心');
    const pill = screen.getByTestId('sync-open').textContent ?? '';
    expect(pill).not.toContain('刚刚同步');
    expect(pill).not.toContain('已全部同步');
  });

  it('in English a removed bench cuts its long line short (full text in the tooltip), so the tabs keep their room', async () => {
    setLanguage('en');
    status = syncStatus({ state: 'revoked', pendingOps: 2, lastSyncAt: minutesAgo(2) });
    await showApp();
    const sub = screen.getByTestId('sync-sub');
    // .sync-clamp is what ellipsizes the line; the pill is the top bar's only item allowed to shrink.
    expect(sub.className).toContain('sync-clamp');
    expect(screen.getByTestId('sync-state').className).toContain('sync-clamp');
    const title = screen.getByTestId('sync-open').getAttribute('title') ?? '';
    expect(title).toContain(`Removed from shop\n${sub.textContent ?? ''}`);
    expect(title).toContain('2 not delivered to the hub');
  });

  it('follows sync.changed: syncing, then online with everything sent', async () => {
    status = syncStatus({ state: 'offline', pendingOps: 3 });
    await showApp();
    await hostSays(syncStatus({ state: 'syncing', pendingOps: 3 }));
    expect(screen.getByTestId('sync-state').textContent).toBe('同步中');
    await hostSays(syncStatus({ state: 'online', pendingOps: 0, lastSyncAt: new Date().toISOString() }));
    expect(screen.getByTestId('sync-indicator').dataset['state']).toBe('online');
    expect(screen.getByTestId('sync-state').textContent).toBe('在线');
    expect(screen.getByTestId('sync-pending').textContent).toBe('已全部同步');
    expect(screen.getByTestId('sync-last').textContent).toBe('刚刚同步');
  });

  it('shows catch-up progress while a long pull runs', async () => {
    status = syncStatus({ state: 'online' });
    await showApp();
    await hostSays(syncStatus({ state: 'syncing', pendingOps: 0, cursor: 4000, hubHead: 100_000 }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('正在追赶 4000 / 100000');
    await hostSays(syncStatus({ state: 'online', pendingOps: 0, cursor: 100_000, hubHead: 100_000 }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('已全部同步');
  });

  it('shows a standalone bench as 单机 without a last-sync time, and says nothing of the ops it keeps for a hub', async () => {
    status = { ...unpairedStatus, pendingOps: 20249 };
    await showApp();
    expect(screen.getByTestId('sync-state').textContent).toBe('单机');
    expect(screen.getByTestId('sync-pending').textContent).toBe('未连接同步中心');
    expect(screen.getByTestId('sync-indicator').textContent).not.toMatch(/待同步|20249/);
    expect(screen.queryByTestId('sync-last')).toBeNull();
    await hostSays({ ...unpairedStatus, pendingOps: 20250 });
    expect(screen.getByTestId('sync-indicator').textContent).not.toMatch(/待同步|20250/);
    // Once paired, what waits to go out is worth saying.
    await hostSays(syncStatus({ state: 'syncing', pendingOps: 20250 }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('20250 条待同步');
  });

  it('warns, without blocking, when the PC clock is days off the hub', async () => {
    status = syncStatus({ clockOffsetMs: 3 * 86_400_000 });
    await showApp();
    const warning = screen.getByTestId('sync-clock-warning');
    expect(warning.textContent).toContain('本机时间与中心相差 3天');
    expect(warning.textContent).toContain('偏慢');
    expect(screen.getByTestId('bench-empty')).toBeTruthy();

    await hostSays(syncStatus({ clockOffsetMs: -30_000 }));
    expect(screen.queryByTestId('sync-clock-warning')).toBeNull();
    await hostSays(syncStatus({ clockOffsetMs: -2 * 3_600_000 }));
    expect(screen.getByTestId('sync-clock-warning').textContent).toContain('2小时（本机偏快）');
  });

  it('says when entries from a newer version wait for an update', async () => {
    status = syncStatus({ parkedOps: 4 });
    await showApp();
    expect(screen.getByTestId('sync-parked').textContent).toContain('有 4 条来自新版本的数据待升级后应用');
  });

  it('counts photos still to upload, and warns under the top bar when their disk budget is full with nothing the hub has', async () => {
    status = syncStatus({ pendingFiles: 3 });
    await showApp();
    expect(screen.getByTestId('sync-pending-files').textContent).toBe('3 个照片/视频待上传');
    expect(screen.queryByTestId('sync-storage-warning')).toBeNull();
    await hostSays(syncStatus({ pendingFiles: 3, storageWarning: msg('attachments.budgetNearlyFull', { used: 1900, budget: 2048, pending: 3 }) }));
    expect(screen.getByTestId('sync-storage-warning').textContent).toContain('照片已占用本台 1900 MB（上限 2048 MB），且无法清理：还有 3 个未传到同步中心');
    await hostSays(syncStatus());
    expect(screen.queryByTestId('sync-pending-files')).toBeNull();
    expect(screen.queryByTestId('sync-storage-warning')).toBeNull();
  });

  it('opens Settings at the sync panel when clicked', async () => {
    host.handlers['system.info'] = () => ({ version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 5, orders: 0, skus: 0, stationId: status.stationId });
    host.handlers['users.list'] = () => [];
    await showApp();
    fireEvent.click(screen.getByTestId('sync-open'));
    const panel = await screen.findByTestId('sync-panel');
    expect(panel.textContent).toContain('门店同步');
    expect(screen.getByTestId('sync-hub-url').textContent).toBe('https://192.168.1.10:5180');
    expect(useNavStore.getState().section).toBeNull();
  });
});
