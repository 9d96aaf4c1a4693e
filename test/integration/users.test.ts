import { describe, expect, it } from 'vitest';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

describe('users', () => {
  it('a disabled packer can no longer log in, scan or authorise, and their history stays', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    const packer = await call('users.save', { name: '离职的小王', role: 'packer', pin: '2468', badge: 'EMP-0042' });
    expect(packer.active).toBe(true);
    const disabled = await call('users.save', { id: packer.id, name: packer.name, role: 'packer', active: false });
    expect(disabled.active).toBe(false);
    await expect(call('session.login', { pin: '2468' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call('session.login', { badge: 'EMP-0042' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('users.list', {})).find((u) => u.id === packer.id)?.active).toBe(false);
    await call('users.save', { id: packer.id, name: packer.name, role: 'packer', active: true });
    expect((await call('session.login', { pin: '2468' })).user?.name).toBe('离职的小王');
  });

  it('keeps at least one active administrator and does not let an admin disable themselves', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    const me = (await call('session.login', { pin: '0000' })).user!;
    await expect(call('users.save', { id: me.id, name: me.name, role: 'admin', active: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('users.save', { id: me.id, name: me.name, role: 'packer' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const second = await call('users.save', { name: '店长', role: 'admin', pin: '9753' });
    await call('users.save', { id: me.id, name: me.name, role: 'supervisor' });
    await call('session.login', { pin: '9753' });
    // 店长 is now the only administrator: stepping down would leave the shop with none.
    await expect(call('users.save', { id: second.id, name: second.name, role: 'supervisor' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
