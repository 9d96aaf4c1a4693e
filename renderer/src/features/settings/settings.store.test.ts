import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { defaultSettings, settingsSchema } from '#shared/contract/settings.contract';
import { setApi } from '../../api/client';
import { currentLanguage, initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { admin, packer } from '../../test/fixtures';
import { useDevicesStore } from '../devices/devices.store';
import { useSessionStore } from '../session/session.store';
import { useSettingsStore } from './settings.store';

let host: FakeHost;
const settings = () => useSettingsStore.getState();

beforeEach(() => {
  initI18n('zh-CN');
  let current = defaultSettings;
  host = createFakeHost({
    'settings.get': () => current,
    'settings.update': (patch) => (current = settingsSchema.parse({ ...current, ...patch })),
  });
  setApi(host.api);
  useSettingsStore.setState({ settings: null, users: [], error: null });
});

describe('settings store', () => {
  it('loads settings and applies the station language', async () => {
    host.handlers['settings.get'] = () => ({ ...defaultSettings, language: 'en' as const });
    await settings().load();
    expect(currentLanguage()).toBe('en');
  });

  it('keeps a language chosen on this device when the station default loads', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const g = globalThis as { localStorage?: unknown };
    const before = g.localStorage;
    g.localStorage = storage;
    try {
      setLanguage('en');
      host.handlers['settings.get'] = () => ({ ...defaultSettings, language: 'zh-CN' as const });
      await settings().load();
      expect(currentLanguage()).toBe('en');
    } finally {
      g.localStorage = before;
    }
  });

  it('a packer switches the language at once, for this device only: the station default is not asked for, so nothing is refused', async () => {
    useSessionStore.setState({ session: packer });
    await settings().load();
    host.handlers['settings.update'] = () => {
      throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
    };
    await settings().changeLanguage('en');
    expect(currentLanguage()).toBe('en');
    expect(host.callsOf('settings.update')).toEqual([]);
    expect(settings().error).toBeNull();
    expect(settings().settings?.language).toBe('zh-CN');
  });

  it('a supervisor or admin changing the language makes it the station default, keeping every other setting', async () => {
    useSessionStore.setState({ session: admin });
    let stored = ({ ...defaultSettings, sender: { name: '示例小店', phone: '0571-1', address: '杭州' }, idleLockMinutes: 3 });
    host.handlers['settings.get'] = () => stored;
    host.handlers['settings.update'] = (patch) => (stored = settingsSchema.parse(patch));
    await settings().load();
    await settings().changeLanguage('en');
    expect(stored).toMatchObject({ language: 'en', idleLockMinutes: 3, sender: { name: '示例小店' } });
  });

  it('saves scanner timing', async () => {
    await settings().load();
    await settings().update({ scanner: { prefix: '', terminator: 'Tab', minLength: 6, maxGapMs: 80 } });
    expect(settings().settings?.scanner.terminator).toBe('Tab');
    expect(settings().saved).toBe(true);
  });

  it('saves a user with a PIN and lists it', async () => {
    host.handlers['users.save'] = (u) => ({ id: u.id ?? 'u9', name: u.name, role: u.role, hasBadge: !!u.badge, active: u.active ?? true, bench: null });
    expect(await settings().saveUser({ name: '小李', role: 'packer', pin: '2468', badge: 'EMP-0007' })).toBe(true);
    expect(host.callsOf('users.save')).toEqual([{ name: '小李', role: 'packer', pin: '2468', badge: 'EMP-0007' }]);
    expect(settings().users).toEqual([{ id: 'u9', name: '小李', role: 'packer', hasBadge: true, active: true, bench: null }]);
  });
});

describe('devices store', () => {
  it('saves the printer, test-prints with the form values and prints the command sheet', async () => {
    const cfg = { kind: 'tspl' as const, host: '192.168.1.50', port: 9100, devicePath: '', systemPrinter: '', labelSize: '100x150' as const, dpi: 203 as const, cjkMode: 'printer-font' as const };
    host.handlers['devices.setPrinter'] = (c) => c;
    host.handlers['devices.testPrint'] = () => ({ printer: 'tspl 192.168.1.50', bytes: 2048, file: null });
    host.handlers['labels.printCommandSheet'] = () => ({ printer: 'png', bytes: 10, file: '/tmp/sheet.png' });
    expect(await useDevicesStore.getState().save(cfg)).toBe(true);
    await useDevicesStore.getState().testPrint(cfg);
    expect(host.callsOf('devices.testPrint')).toEqual([{ printer: cfg }]);
    await useDevicesStore.getState().printCommandSheet();
    expect(useDevicesStore.getState().lastPrint?.file).toBe('/tmp/sheet.png');
  });

  it('keeps DEVICE_UNAVAILABLE for the screen to show', async () => {
    host.handlers['devices.testPrint'] = () => {
      throw new AppError('DEVICE_UNAVAILABLE', msg('devices.tcp.refused', { where: '192.168.1.50:9100', port: 9100 }));
    };
    await useDevicesStore.getState().testPrint({ kind: 'zpl', host: 'x', port: 9100, devicePath: '', systemPrinter: '', labelSize: '100x150', dpi: 203, cjkMode: 'bitmap' });
    expect(useDevicesStore.getState().error?.code).toBe('DEVICE_UNAVAILABLE');
  });
});
