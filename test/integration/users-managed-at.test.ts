import { describe, expect, it } from 'vitest';
import { hubShops } from '../helpers/paired-host';
import { pairedStation } from '../helpers/sync-shop';

/** A packer opening Settings → 用户 at a packer's bench: told where users are managed, by name, and never refused. */
describe('where the shop\'s users are managed, as any bench user may ask', () => {
  const fresh = hubShops('sqlite');

  it('names the admin station to a packer logged in at a packer\'s bench; the list stays the admin\'s', async () => {
    const { hub, keep } = await fresh();
    const office = await pairedStation(hub, '打包台A', 'admin');
    keep(office.host);
    const bench = await pairedStation(hub, '打包台B', 'packer');
    keep(bench.host);
    await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await office.sync();
    await bench.sync();
    await bench.call('session.login', { pin: '2468' });
    expect(await bench.call('users.managedAt', {})).toEqual({ station: { name: '打包台A', thisBench: false } });
    await expect(bench.call('users.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
