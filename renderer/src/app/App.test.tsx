// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { defaultSettings } from '#shared/contract/settings.contract';
import { setApi } from '../api/client';
import { useConnectionStore } from '../api/connection.store';
import { useBenchStore } from '../features/bench/bench.store';
import { useSettingsStore } from '../features/settings/settings.store';
import { UsersPanel } from '../features/settings/UsersPanel';
import { useSessionStore } from '../features/session/session.store';
import { initI18n, setLanguage } from '../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../test/fake-host';
import { admin, benchState, emptyState, line, nobody, packer, scanResult, unpairedStatus } from '../test/fixtures';
import { keyFor } from '../test/keys';
import { App } from './App';
import { useNavStore } from './nav.store';
import { startStation } from './start-station';

let host: FakeHost;
let stop: () => void;

/** A scanner burst on the document: keys a few ms apart, then Enter. */
function scan(text: string) {
  for (const ch of text) {
    const { code, shiftKey } = keyFor(ch);
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { code, key: ch, shiftKey, bubbles: true, cancelable: true }));
  }
  document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', bubbles: true, cancelable: true }));
}

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useBenchStore.getState().reset();
  useSessionStore.setState({ session: null, error: null, busy: false });
  useNavStore.setState({ screen: 'bench' });
  useConnectionStore.setState({ status: 'open' });
  host = createFakeHost({
    'session.current': () => packer,
    'settings.get': () => defaultSettings,
    'bench.getState': () => emptyState,
    'carriers.list': () => [{ code: 'SF', name: '顺丰速运', nameEn: 'SF Express', enabled: true, pool: { free: 120, used: 3, void: 0 } }],
  });
  setApi(host.api);
  stop = startStation(host.api, document);
});

afterEach(() => {
  stop();
  cleanup();
});

describe('App shell and bench', () => {
  it('shows the logged-in packer with role, and the idle bench', async () => {
    render(<App />);
    const badge = await screen.findByTestId('packer');
    expect(badge.textContent).toContain('小王');
    expect(badge.textContent).toContain('打包员');
    expect(screen.getByTestId('scan-status').dataset['outcome']).toBe('idle');
    expect(screen.getByTestId('bench-empty')).toBeTruthy();
  });

  it('turns a wedge burst into bench.scan and paints outcome, lines and notes', async () => {
    host.handlers['bench.scan'] = ({ code }) =>
      code === '3921876543210987654' ? scanResult('opened', benchState(), { detail: { externalId: code } }) : scanResult('wrong_item', benchState(), { detail: { barcode: code } });
    render(<App />);
    await screen.findByTestId('packer');
    await act(async () => {
      scan('3921876543210987654');
      await settle();
    });
    expect(host.callsOf('bench.scan')).toEqual([{ code: '3921876543210987654', source: 'wedge' }]);
    expect(screen.getByTestId('scan-status').dataset['outcome']).toBe('opened');
    expect(screen.getByTestId('line-1').dataset['qty']).toBe('2');
    expect(screen.getByTestId('order-notes').textContent).toContain('请不要放发票');
    expect(screen.getByTestId('order-notes').textContent).toContain('送小样');

    await act(async () => {
      scan('6900000000001');
      await settle();
    });
    const panel = screen.getByTestId('scan-status');
    expect(panel.dataset['outcome']).toBe('wrong_item');
    expect(panel.textContent).toContain('错误商品');
  });

  it('applies bench.changed events from the host', async () => {
    render(<App />);
    await screen.findByTestId('packer');
    await act(async () => {
      host.emit('bench.changed', benchState([line(1, 2, 2), line(2, 1, 1)]));
      await settle();
    });
    expect(screen.getByTestId('line-1').dataset['verified']).toBe('2');
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks a packer for a supervisor PIN before force-verifying a line', async () => {
    host.handlers['bench.getState'] = () => benchState([line(1, 2, 1)]);
    host.handlers['bench.forceVerify'] = ({ lineNo }) => scanResult('verified', benchState([line(lineNo, 2, 2)]), { detail: { lineNo: String(lineNo) } });
    render(<App />);
    await screen.findByTestId('packer');
    await act(() => useBenchStore.getState().refresh());
    fireEvent.click(screen.getByTestId('force-1'));
    const dialog = await screen.findByTestId('supervisor-dialog');
    expect(dialog.textContent).toContain('强制验货第 1 行');
    for (const d of '8888') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await act(async () => {
      fireEvent.click(screen.getByTestId('pin-submit'));
      await settle();
    });
    expect(host.callsOf('bench.forceVerify')).toEqual([{ lineNo: 1, authorizerPin: '8888' }]);
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.getByTestId('line-1').dataset['verified']).toBe('2');
  });

  it('shows a blocked order as a full alert, its reason in the reader\'s language', async () => {
    const blocked = benchState();
    blocked.order = { ...blocked.order!, blockedReason: { key: 'blocked.refundPending', params: { refund: '退款中' } } };
    host.handlers['bench.scan'] = () => scanResult('blocked', blocked);
    render(<App />);
    await screen.findByTestId('packer');
    await act(async () => {
      scan('3921876543210987654');
      await settle();
    });
    const panel = screen.getByTestId('scan-status');
    expect(panel.dataset['outcome']).toBe('blocked');
    expect(panel.textContent).toContain('有退款：退款中');
    expect(screen.getByTestId('order-blocked').textContent).toBe('不可发货：有退款：退款中');
    expect((screen.getByTestId('ship-button') as HTMLButtonElement).disabled).toBe(true);

    await act(async () => setLanguage('en'));
    expect(screen.getByTestId('order-blocked').textContent).toBe('Must not ship: A refund is in play: 退款中');
    expect(screen.getByTestId('scan-status').textContent).toContain('A refund is in play');
  });

  it('navigates back to the bench when a scan arrives on another screen', async () => {
    host.handlers['orders.list'] = () => ({ total: 0, orders: [] });
    host.handlers['orders.listMappings'] = () => [];
    host.handlers['bench.scan'] = () => scanResult('not_found', emptyState);
    render(<App />);
    await screen.findByTestId('packer');
    fireEvent.click(screen.getByTestId('nav-orders'));
    await screen.findByTestId('orders-screen');
    await act(async () => {
      scan('NOSUCHCODE1');
      await settle();
    });
    expect(screen.getByTestId('scan-status').dataset['outcome']).toBe('not_found');
  });

  it('a packer who takes over from the admin starts at the bench, not on the admin’s last page', async () => {
    host.handlers['session.current'] = () => admin;
    host.handlers['catalog.list'] = () => ({ total: 0, skus: [] });
    await act(() => useSessionStore.getState().load());
    render(<App />);
    await act(async () => {
      useNavStore.getState().go('catalog');
      await settle();
    });
    host.handlers['session.login'] = () => packer;
    await act(async () => {
      await useSessionStore.getState().loginWithPin('1234');
      await settle();
    });
    expect(useNavStore.getState().screen).toBe('bench');
    expect(await screen.findByTestId('bench')).toBeTruthy();
  });

  it('asks for a badge or PIN when nobody is logged in, and logs in by PIN', async () => {
    host.handlers['session.current'] = () => nobody;
    host.handlers['session.login'] = () => packer;
    await act(() => useSessionStore.getState().load());
    render(<App />);
    expect((await screen.findByTestId('login-prompt')).textContent).toBe('扫描工牌或输入PIN登录');
    for (const d of '1234') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await act(async () => {
      fireEvent.click(screen.getByTestId('pin-submit'));
      await settle();
    });
    expect(host.callsOf('session.login')).toEqual([{ pin: '1234' }]);
    expect((await screen.findByTestId('packer')).textContent).toContain('小王');
  });

  it('answers a scan on the login screen that is not a badge, and says plainly when a PIN is wrong', async () => {
    host.handlers['session.current'] = () => nobody;
    host.handlers['bench.scan'] = ({ code }) => scanResult('not_logged_in', emptyState, { detail: { barcode: code } });
    host.handlers['session.login'] = () => {
      throw new AppError('FORBIDDEN', msg('session.wrongPin'));
    };
    await act(() => useSessionStore.getState().load());
    render(<App />);
    await screen.findByTestId('login-screen');
    await act(async () => {
      scan('3921876543210987654');
      await settle();
    });
    expect(screen.getByTestId('login-scan-notice').textContent).toContain('3921876543210987654');
    for (const d of '1234') fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await act(async () => {
      fireEvent.click(screen.getByTestId('pin-submit'));
      await settle();
    });
    expect(screen.queryByTestId('login-scan-notice')).toBeNull();
    const error = screen.getByTestId('login-error').textContent ?? '';
    expect(error).toContain('PIN 不正确');
    expect(error).not.toContain('主管');
    expect(error).not.toContain('Wrong PIN');
  });

  it('stacks the supervisor PIN prompt above the bind form it authorises', async () => {
    host.handlers['bench.getState'] = () => benchState([line(1, 2, 1)]);
    render(<App />);
    await screen.findByTestId('packer');
    await act(() => useBenchStore.getState().refresh());
    act(() => useBenchStore.getState().openBind('6901234567892'));
    fireEvent.click(await screen.findByTestId('bind-submit'));
    const prompt = await screen.findByTestId('supervisor-dialog');
    const form = screen.getByTestId('bind-dialog');
    expect(form.compareDocumentPosition(prompt) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Escape closes only the top dialog.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.getByTestId('bind-dialog')).toBeTruthy();
  });

  it('offers the order\'s SKUs with their names in the bind form, the first line still to verify chosen (not a full one)', async () => {
    host.handlers['bench.getState'] = () => benchState([line(1, 1, 1), line(2, 2, 0)]);
    render(<App />);
    await screen.findByTestId('packer');
    await act(() => useBenchStore.getState().refresh());
    act(() => useBenchStore.getState().openBind('6923456789012'));
    expect((await screen.findByTestId('bind-sku') as HTMLInputElement).value).toBe('SKU-2');
    expect(screen.getByTestId('bind-chip-SKU-1').textContent).toContain('商品1');
  });

  it('switches to English at once', async () => {
    render(<App />);
    await screen.findByTestId('packer');
    expect(document.title).toBe('发货台 Packdesk');
    act(() => setLanguage('en'));
    expect(screen.getByTestId('nav-bench').textContent).toBe('Bench');
    expect(screen.getByTestId('packer').textContent).toContain('Packer');
    expect(document.title).toBe('Packdesk');
  });

  it('names each language in that language on the login screen, whatever the current one', async () => {
    host.handlers['session.current'] = () => nobody;
    await act(() => useSessionStore.getState().load());
    render(<App />);
    const buttons = async () => [...(await screen.findByTestId('login-screen')).querySelectorAll('.login-lang button')].map((b) => b.textContent);
    expect(await buttons()).toEqual(['简体中文', 'English']);
    act(() => setLanguage('en'));
    expect(await buttons()).toEqual(['简体中文', 'English']);
  });

  it('drops the factory-PIN warning as soon as the administrator’s new PIN is saved', async () => {
    let factoryPin = true;
    const me = { id: 'u3', name: '管理员', role: 'admin' as const, hasBadge: false, active: true, bench: null };
    host.handlers['session.current'] = () => ({ ...admin, defaultPinInUse: factoryPin });
    host.handlers['users.save'] = (input) => {
      if (input.pin) factoryPin = false;
      return me;
    };
    useSettingsStore.setState({ users: [me], usersError: null });
    await act(() => useSessionStore.getState().load());
    render(
      <>
        <App />
        <UsersPanel />
      </>,
    );
    expect((await screen.findByTestId('default-pin-banner')).textContent).toContain('PIN');
    fireEvent.click(within(screen.getByTestId('user-row-管理员')).getByText('编辑'));
    // A PIN too short to save says so in red beside it (保存 greyed out said nothing).
    fireEvent.change(screen.getByTestId('user-pin'), { target: { value: '12' } });
    expect((screen.getByTestId('user-save') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('user-pin-hint').className).toContain('error-text');
    expect(screen.getByTestId('user-pin-hint').textContent).toContain('4–8 位数字');
    fireEvent.change(screen.getByTestId('user-pin'), { target: { value: '2468' } });
    expect(screen.getByTestId('user-pin-hint').className).not.toContain('error-text');
    fireEvent.click(screen.getByTestId('user-save'));
    await act(() => settle());
    expect(host.callsOf('users.save')).toEqual([{ id: 'u3', name: '管理员', role: 'admin', pin: '2468' }]);
    expect(screen.queryByTestId('default-pin-banner')).toBeNull();
  });

  it('shows the disconnected banner while the core is down', async () => {
    render(<App />);
    await screen.findByTestId('packer');
    act(() => useConnectionStore.getState().set('down', 3));
    const banner = screen.getByTestId('connection-banner');
    expect(banner.textContent).toContain('发货台核心已断开');
    await waitFor(() => expect(banner.dataset['status']).toBe('down'));
  });
});

describe('leaving a screen with unsaved edits', () => {
  it('asks 放弃未保存的修改？ only with edits; 继续编辑 stays with the typed text, 放弃 goes', async () => {
    host.handlers['session.current'] = () => admin;
    host.handlers['system.info'] = () => ({ version: '1.0.0', dataDir: '/data', schemaVersion: 7, orders: 0, skus: 0, stationId: 's-1' });
    host.handlers['users.list'] = () => [];
    host.handlers['sync.status'] = () => unpairedStatus;
    host.handlers['orders.list'] = () => ({ total: 0, orders: [] });
    host.handlers['orders.listMappings'] = () => [];
    await act(() => useSessionStore.getState().load());
    render(<App />);
    const open = async (to: string) => {
      await act(async () => {
        fireEvent.click(screen.getByTestId(`nav-${to}`));
        await settle();
      });
    };
    await open('settings');
    const senderName = async () => {
      await screen.findByTestId('settings-save');
      return document.getElementById('set-sender-name') as HTMLInputElement;
    };
    const sender = await senderName();
    // Nothing typed: away at once.
    await open('bench');
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(useNavStore.getState().screen).toBe('bench');

    await open('settings');
    fireEvent.change(await senderName(), { target: { value: '张三' } });
    await open('orders');
    expect(screen.getByTestId('unsaved-prompt').textContent).toContain('放弃未保存的修改？');
    fireEvent.click(screen.getByText('继续编辑'));
    expect(useNavStore.getState().screen).toBe('settings');
    expect(await senderName()).toHaveProperty('value', '张三');

    await open('orders');
    await act(async () => {
      fireEvent.click(screen.getByText('放弃'));
      await settle();
    });
    expect(await screen.findByTestId('orders-screen')).toBeTruthy();
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(sender.isConnected).toBe(false);
  });
});
