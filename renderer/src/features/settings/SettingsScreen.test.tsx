// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema, type Settings } from '#shared/contract/settings.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { admin, packer, unpairedStatus } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useSyncStore } from '../sync/sync.store';
import { SettingsScreen } from './SettingsScreen';
import { useSettingsStore } from './settings.store';

const SUPERVISOR_PIN = '5678';
let host: FakeHost;
let stored: Settings;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  stored = defaultSettings;
  useSessionStore.setState({ session: admin });
  useSettingsStore.setState({ settings: null, error: null, saved: false, saving: false, pinAsk: null });
  useSyncStore.setState({ status: null, error: null, busy: null });
  host = createFakeHost({
    'settings.get': () => stored,
    // The host's rule: a supervisor or admin, or a supervisor's PIN.
    'settings.update': ({ authorizerPin, ...patch }) => {
      const role = useSessionStore.getState().session?.user?.role;
      if (role === 'packer' && authorizerPin !== SUPERVISOR_PIN) throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
      return (stored = settingsSchema.parse({ ...stored, ...patch }));
    },
    'system.info': () => ({ version: '1.0.0', dataDir: '/data', schemaVersion: 7, orders: 0, skus: 0, stationId: 's-1' }),
    'users.list': () => [],
    'sync.status': () => unpairedStatus,
  });
  setApi(host.api);
});
afterEach(cleanup);

async function showSettings() {
  render(<SettingsScreen />);
  await act(() => settle());
}
const box = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const type = (id: string, value: string) => fireEvent.change(box(id), { target: { value } });
async function save() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('settings-save'));
    await settle();
  });
}

describe('what sync brings in', () => {
  it('shows the orders pulled after pairing without leaving the screen', async () => {
    await showSettings();
    expect(screen.getByTestId('settings-screen').textContent).toContain('0 个订单，0 个商品');
    host.handlers['system.info'] = () => ({ version: '1.0.0', dataDir: '/data', schemaVersion: 7, orders: 183, skus: 40, stationId: 's-1' });
    await act(async () => {
      host.emit('orders.changed', { count: 183 });
      await settle();
    });
    expect(screen.getByTestId('settings-screen').textContent).toContain('183 个订单，40 个商品');
  });
});

describe('settings number fields', () => {
  it('keep what is typed: backspacing 48 and typing 24 gives 24, and 24 is saved', async () => {
    await showSettings();
    expect(box('set-shipPromiseHours').value).toBe('48');
    for (const step of ['4', '', '2', '24']) {
      type('set-shipPromiseHours', step);
      expect(box('set-shipPromiseHours').value).toBe(step);
    }
    expect(screen.queryByTestId('set-shipPromiseHours-problem')).toBeNull();
    await save();
    expect(host.callsOf('settings.update')).toEqual([expect.objectContaining({ shipPromiseHours: 24 })]);
    expect(stored.shipPromiseHours).toBe(24);
    expect(screen.getByTestId('settings-saved').textContent).toBe('已保存');
  });

  it('refuse -5, an empty box and a fraction with a message naming the field and its range; Save then saves nothing and does not say 已保存', async () => {
    await showSettings();
    type('set-idleLockMinutes', '-5');
    expect(box('set-idleLockMinutes').value).toBe('-5');
    expect(screen.getByTestId('set-idleLockMinutes-problem').textContent).toBe('空闲锁定（分钟）：请输入 0 到 240 之间的整数');
    type('set-shipPromiseHours', '');
    expect(box('set-shipPromiseHours').value).toBe('');
    expect(screen.getByTestId('set-shipPromiseHours-problem').textContent).toBe('承诺发货时限（小时）：请输入 1 到 720 之间的整数');
    type('set-minLength', '2.5');
    expect(screen.getByRole('textbox', { name: '最短长度' }).getAttribute('aria-invalid')).toBe('true');
    await save();
    expect(host.callsOf('settings.update')).toEqual([]);
    expect(screen.queryByTestId('settings-saved')).toBeNull();
    expect(screen.getByTestId('settings-invalid').textContent).toContain('有 3 个数值需要改正');

    // Corrected, they save as typed.
    type('set-idleLockMinutes', '5');
    type('set-shipPromiseHours', '72');
    type('set-minLength', '6');
    await save();
    expect(stored).toMatchObject({ idleLockMinutes: 5, shipPromiseHours: 72, scanner: { minLength: 6 } });
    expect(screen.getByTestId('settings-saved').textContent).toBe('已保存');
  });

  it('take a decimal disk budget, and refuse one below 0.1 GB', async () => {
    await showSettings();
    type('set-video-budget', '0.05');
    expect(screen.getByTestId('set-video-budget-problem').textContent).toBe('磁盘预算（GB）：请输入 0.1 到 10000 之间的数字');
    type('set-video-budget', '2.5');
    await save();
    expect(stored.packVideo.budgetGb).toBe(2.5);
  });
});

describe('the weight tolerance', () => {
  it('is one name in two units, and says that the larger of the two lets a parcel pass', async () => {
    await showSettings();
    const label = (id: string) => document.querySelector(`label[for="${id}"]`)?.textContent;
    expect(label('set-weightTolerancePct')).toBe('重量允许误差（%）');
    expect(label('set-weightToleranceG')).toBe('重量允许误差（克）');
    expect(screen.getByText(/相差不超过两者中较大的一个即通过/)).toBeTruthy();
  });
});

describe('a packer pressing Save', () => {
  it('is asked for a supervisor\'s PIN, as at the bench; a wrong PIN says so; the supervisor\'s PIN saves', async () => {
    useSessionStore.setState({ session: packer });
    await showSettings();
    type('set-weightToleranceG', '30');
    await save();
    expect(screen.getByTestId('supervisor-dialog').textContent).toContain('保存设置 需要主管输入PIN');
    expect(host.callsOf('settings.update')).toEqual([]);

    const enter = async (pin: string) => {
      for (const d of pin) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
      await act(async () => {
        fireEvent.click(screen.getByTestId('pin-submit'));
        await settle();
      });
    };
    await enter('1111');
    expect(screen.getByTestId('supervisor-dialog').textContent).toContain('PIN 不正确，或此人不是主管/管理员');
    expect(stored.weightToleranceG).toBe(20);
    await enter(SUPERVISOR_PIN);
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(host.callsOf('settings.update').at(-1)).toMatchObject({ weightToleranceG: 30, authorizerPin: SUPERVISOR_PIN });
    expect(stored.weightToleranceG).toBe(30);
    expect(screen.getByTestId('settings-saved').textContent).toBe('已保存');
  });

  it('can cancel: nothing is saved and no 权限不足 dead end is shown', async () => {
    useSessionStore.setState({ session: packer });
    await showSettings();
    await save();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(screen.queryByTestId('error')).toBeNull();
    expect(host.callsOf('settings.update')).toEqual([]);
  });
});

describe('a packer changing the language', () => {
  it('switches this screen at once with no error and no PIN asked: the station default stays', async () => {
    useSessionStore.setState({ session: packer });
    await showSettings();
    await act(async () => {
      fireEvent.click(screen.getByTestId('lang-en'));
      await settle();
    });
    expect(screen.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('settings-save').textContent).toBe('Save');
    expect(screen.queryByTestId('error')).toBeNull();
    expect(screen.queryByTestId('supervisor-dialog')).toBeNull();
    expect(host.callsOf('settings.update')).toEqual([]);
    expect(stored.language).toBe('zh-CN');
  });
});
