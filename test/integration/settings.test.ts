import { describe, expect, it } from 'vitest';
import { hostCaller } from '../host/host-client';
import { createHost } from '../../electron/host/create-host';
import { createTempHost } from '../host/temp-host';

describe('station settings', () => {
  it('an update changes only the fields it names, and survives a restart', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('settings.update', { sender: { name: '示例小店', phone: '0571-88886666', address: '杭州市余杭区' }, idleLockMinutes: 3 });
    const after = await call('settings.update', { language: 'en' });
    expect(after).toMatchObject({ language: 'en', idleLockMinutes: 3, sender: { name: '示例小店' }, shipPromiseHours: 48 });
    // A field an in-process caller (the CLI) passes as undefined is not named: nothing is reset or refused.
    expect(await call('settings.update', { idleLockMinutes: undefined, sender: undefined, language: undefined })).toEqual(after);
    host.close();
    const reopened = createHost({ dataDir: host.dataDir, validateOutput: true });
    expect(await hostCaller(reopened)('settings.get', {})).toEqual(after);
    reopened.close();
  });

  it('refuses a sender phone no carrier could call, naming it, and keeps the one saved before', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('settings.update', { sender: { name: '示例小店', phone: '138 0000 0000', address: '杭州市余杭区' } });
    for (const phone of ['abc', '12345', '0571-8888-6666-1234-5678-99', '138O0000000']) {
      await expect(call('settings.update', { sender: { name: '示例小店', phone, address: '杭州市余杭区' } })).rejects.toMatchObject({
        code: 'INVALID_INPUT', msg: { key: 'settings.senderPhoneInvalid', params: { value: phone } },
      });
    }
    for (const phone of ['13800000000', '0571-88886666', '400-800-8888', '+86 138 0000 0000', '']) {
      expect((await call('settings.update', { sender: { name: '示例小店', phone, address: '杭州市余杭区' } })).sender.phone).toBe(phone);
    }
    // Typed with the IME in full-width mode: the same digits, kept as a label prints them.
    expect((await call('settings.update', { sender: { name: '示例小店', phone: '０５７１－８８８８６６６６', address: '杭州市余杭区' } })).sender.phone).toBe('0571-88886666');
    host.close();
  });

  it('a packer saves only with a supervisor\'s PIN; the save is audited with who changed what and who authorised it', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '打包员', role: 'packer', pin: '4321' });
    await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await call('session.login', { pin: '4321' });
    await expect(call('settings.update', { language: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another packer's PIN is no authority.
    await expect(call('settings.update', { shipPromiseHours: 24, authorizerPin: '4321' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('settings.get', {})).language).toBe('zh-CN');
    const saved = await call('settings.update', { shipPromiseHours: 24, scanner: { prefix: '', terminator: 'Enter', minLength: 6, maxGapMs: 50 }, authorizerPin: '5678' });
    expect(saved).toMatchObject({ shipPromiseHours: 24, scanner: { minLength: 6 } });
    expect(saved).not.toHaveProperty('authorizerPin');

    await call('session.login', { pin: '5678' });
    // A supervisor saves on their own authority; a save that changes nothing is no audit line.
    await call('settings.update', { idleLockMinutes: 5 });
    await call('settings.update', { idleLockMinutes: 5 });
    // The shop's language is named, not given as its code (en → zh-CN).
    await call('settings.update', { language: 'en' });
    const { entries } = await call('audit.list', { kind: 'settings' });
    expect(entries[0]!.note).toEqual({ key: 'audit.notes.setting', params: { field: { key: 'settings.language' }, from: { key: 'audit.values.languages.zh-CN' }, to: { key: 'audit.values.languages.en' } } });
    expect(entries.slice(1).map((e) => [e.what.key, e.user?.name, e.authorizedBy?.name ?? null, e.note])).toEqual([
      ['audit.actions.settingsUpdate', '李主管', null, { key: 'audit.notes.setting', params: { field: { key: 'settings.idleLockMinutes' }, from: 10, to: 5 } }],
      [
        'audit.actions.settingsUpdate', '打包员', '李主管',
        { key: 'audit.notes.settingsMore', params: { field: { key: 'settings.shipPromiseHours' }, from: 48, to: 24, count: 2 } },
      ],
    ]);
    host.close();
  });
});
