// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '#shared/contract/settings.contract';
import type { Session } from '#shared/contract/session.contract';
import { setApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { App } from '../../app/App';
import { useNavStore } from '../../app/nav.store';
import { startStation } from '../../app/start-station';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { benchState, emptyState, line, packer, scanResult } from '../../test/fixtures';
import { useBenchStore } from '../bench/bench.store';
import { useSessionStore } from './session.store';

/** The lock screen after a walkthrough found it wrong: why it locked, who may see what, and the panel after unlocking. */
let host: FakeHost;
let stop: (() => void) | null = null;
let current: Session;

const locked = (s: Session): Session => ({ ...s, locked: true });
const panel = () => screen.getByTestId('scan-status');
const hint = () => screen.getByTestId('login-hint').textContent;

async function enterPin(pin: string) {
  for (const d of pin) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
  await act(async () => {
    fireEvent.click(screen.getByTestId('pin-submit'));
    await settle();
  });
}

async function open() {
  stop = startStation(host.api, document);
  render(<App />);
  await act(settle);
}

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: null, lockReason: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench' });
  useConnectionStore.setState({ status: 'open' });
  current = packer;
  host = createFakeHost({
    'session.current': () => current,
    'settings.get': () => defaultSettings,
    'bench.getState': () => emptyState,
    'carriers.list': () => [],
    'session.lock': () => (current = locked(current)),
    'session.login': () => (current = { ...current, locked: false }),
    // A scan while the bench is locked: the host answers as it does, "log in first".
    'bench.scan': ({ code }) => scanResult(current.locked ? 'not_logged_in' : 'verified', emptyState, { detail: { barcode: code } }),
  });
  setApi(host.api);
});

afterEach(() => {
  stop?.();
  stop = null;
  cleanup();
  vi.useRealTimers();
});

describe('the lock screen', () => {
  it('says a bench locked with 锁定 was locked by hand, not after idle time, in both languages', async () => {
    await open();
    await act(async () => {
      fireEvent.click(screen.getByTestId('lock-button'));
      await settle();
    });
    expect(screen.getByTestId('lock-screen')).toBeTruthy();
    expect(hint()).toBe('已手动锁定。扫描工牌或输入PIN继续；换人请用自己的工牌。');
    act(() => setLanguage('en'));
    expect(hint()).toBe('Locked with the Lock button. Scan a badge or enter a PIN to continue; a different badge switches packer.');
  });

  it('says a bench the idle timer locked was locked after idle time', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    await open();
    await act(async () => {
      vi.advanceTimersByTime((defaultSettings.idleLockMinutes + 1) * 60_000);
      await settle();
    });
    expect(host.callsOf('session.lock')).toHaveLength(1);
    expect(hint()).toBe('空闲后自动锁定。扫描工牌或输入PIN继续；换人请用自己的工牌。');
  });

  it("names whose 管理员 is locked when it is another bench's factory administrator, in the reader's language", async () => {
    current = locked({ ...packer, user: { id: 'u9', name: '管理员', role: 'admin', hasBadge: false, active: true, factoryAdmin: true, otherBench: '打包台A' } });
    await open();
    expect(screen.getByTestId('login-prompt').textContent).toBe('已锁定 — 管理员 · 打包台A');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('login-prompt').textContent).toContain('Admin · 打包台A');
  });

  it('claims no reason for a lock it did not make (the station restarted locked)', async () => {
    current = locked(packer);
    await open();
    expect(hint()).toBe('扫描工牌或输入PIN继续；换人请用自己的工牌。');
  });

  it('does not show the factory-PIN warning to whoever walks up to a locked bench, only on the login screen', async () => {
    current = { ...locked(packer), defaultPinInUse: true };
    await open();
    expect(screen.getByTestId('lock-screen')).toBeTruthy();
    expect(screen.queryByTestId('login-default-pin')).toBeNull();
    expect(screen.getByTestId('lock-screen').textContent).not.toContain('出厂PIN');
    act(() => useSessionStore.getState().apply({ user: null, locked: false, defaultPinInUse: true, endedBy: null }));
    expect(screen.getByTestId('login-default-pin').textContent).toContain('出厂PIN');
  });

  it('says the packer was logged out because their user was disabled elsewhere', async () => {
    await open();
    act(() => useSessionStore.getState().apply({ user: null, locked: false, defaultPinInUse: false, endedBy: 'disabled' }));
    expect(screen.getByTestId('login-screen')).toBeTruthy();
    expect(hint()).toContain('刚才登录的用户已被停用');
  });
});

describe('the bench after unlocking', () => {
  it('drops the "请先登录" a scan left while locked: the panel is ready again', async () => {
    await open();
    await act(async () => {
      fireEvent.click(screen.getByTestId('lock-button'));
      await settle();
    });
    await act(async () => {
      await useBenchStore.getState().scan('6900000000011', 'wedge');
      await settle();
    });
    expect(screen.getByTestId('login-scan-notice')).toBeTruthy();
    await enterPin('1234');
    expect(host.callsOf('session.login')).toEqual([{ pin: '1234' }]);
    expect(panel().dataset['outcome']).toBe('idle');
    expect(panel().textContent).toContain('就绪 — 请扫描订单');
    expect(panel().textContent).not.toContain('请先登录');
  });

  it('goes back to the open order\'s "scan items", and keeps a real outcome from before the lock', async () => {
    const order = benchState([line(1, 2, 1)]);
    host.handlers['bench.getState'] = () => order;
    await open();
    await act(async () => {
      fireEvent.click(screen.getByTestId('lock-button'));
      await settle();
    });
    await act(async () => {
      await useBenchStore.getState().scan('6900000000011', 'wedge');
      await settle();
    });
    await enterPin('1234');
    expect(panel().dataset['outcome']).toBe('idle');
    expect(panel().textContent).toContain('请扫描商品');

    // Locked and unlocked with no scan between: the last scan's answer stays on the panel.
    host.handlers['bench.scan'] = () => scanResult('verified', order, { detail: { lineNo: '1' } });
    await act(async () => {
      await useBenchStore.getState().scan('6900000000011', 'wedge');
      await settle();
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('lock-button'));
      await settle();
    });
    await enterPin('1234');
    expect(panel().dataset['outcome']).toBe('verified');
  });
});
