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
    host.close();
    const reopened = createHost({ dataDir: host.dataDir, validateOutput: true });
    expect(await hostCaller(reopened)('settings.get', {})).toEqual(after);
    reopened.close();
  });

  it('only an admin may change them', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '打包员', role: 'packer', pin: '4321' });
    await call('session.login', { pin: '4321' });
    await expect(call('settings.update', { language: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('settings.get', {})).language).toBe('zh-CN');
  });
});
