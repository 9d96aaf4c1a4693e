import { afterEach, describe, expect, it } from 'vitest';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';

const hosts: { close(): void }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

describe('who may run the 批量发货 export', () => {
  it('refuses a packer\'s login, saying why; lets a supervisor, an admin and the machine\'s owner (nobody logged in, the CLI) export', async () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    const call = hostCaller(host);
    const input = { encoding: 'utf-8' as const, onlyNotExported: true };
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });

    await call('session.login', { pin: '2468' });
    await expect(call('shipments.exportBatchShip', input)).rejects.toMatchObject({
      code: 'FORBIDDEN', msg: { key: 'export.managersOnly' }, details: { roles: ['supervisor', 'admin'] },
    });
    // What the file would hold is no secret: the Shipments screen shows it to the packer.
    expect(await call('shipments.exportPreview', { onlyNotExported: true })).toMatchObject({ rows: 0 });

    for (const pin of ['5678', '0000']) {
      await call('session.login', { pin });
      expect(await call('shipments.exportBatchShip', input)).toMatchObject({ rows: 0 });
    }
    await call('session.logout', {});
    expect(await call('shipments.exportBatchShip', input)).toMatchObject({ rows: 0 });
  });
});
