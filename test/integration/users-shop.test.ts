import { describe, expect, it } from 'vitest';
import type { AppError } from '#shared/contract/errors';
import { sayName } from '#shared/domain/factory-names';
import { createTranslator } from '#shared/i18n/translator';
import type { RpcMessage } from '#shared/rpc/protocol';
import { hubBackends } from '../helpers/hub-db';
import { hubShops } from '../helpers/paired-host';
import { packAndShip, pairedStation, shippable, twoStationShop } from '../helpers/sync-shop';

/**
 * Users are the shop's: a packer disabled at the office is logged out at the bench where they
 * are logged in as soon as that bench syncs, and the bench's window is told why — not left showing
 * their name while every scan says 请先登录.
 */
describe.each(hubBackends)('a user disabled at another bench (%s)', (backend) => {
  const fresh = hubShops(backend);

  it('is logged out at the bench they are on, which says why', async () => {
    const { hub, keep } = await fresh();
    const office = await pairedStation(hub, '办公室', 'admin');
    keep(office.host);
    const bench = await pairedStation(hub, '打包台 B', 'packer');
    keep(bench.host);
    const wang = await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await office.sync();
    await bench.sync();
    expect((await bench.call('session.login', { pin: '2468' })).user?.name).toBe('小王');
    // The bench's window listens for session changes.
    const events: RpcMessage[] = [];
    bench.host.server.attach({ send: (m) => void events.push(m), onMessage: () => () => {} });

    await office.call('users.save', { id: wang.id, name: '小王', role: 'packer', active: false });
    await office.sync();
    await bench.sync();
    const told = events.filter((m) => m.t === 'evt' && m.name === 'session.changed').at(-1);
    expect(told).toMatchObject({ payload: { user: null, locked: false, endedBy: 'disabled' } });
    expect(await bench.call('session.current', {})).toMatchObject({ user: null, endedBy: 'disabled' });
    // The next to log in starts afresh.
    expect(await bench.call('session.login', { pin: '0000' })).toMatchObject({ endedBy: null });
  });

  it('a supervisor bench refused a user change says users are managed at the admin station, not "log in as an admin" to an admin', async () => {
    const { hub, keep } = await fresh();
    const desk = await pairedStation(hub, '主管桌', 'supervisor');
    keep(desk.host);
    const refused = await desk.call('users.save', { name: '小周', role: 'packer', pin: '8642' }).catch((e: unknown) => e as AppError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(createTranslator('zh-CN').t((refused as AppError).msg)).toBe(
      '此电脑配对为主管工位，不在这里“保存用户”：店铺的用户在管理工位（配对为管理工位的电脑）上添加和修改，或由店铺的管理员在本机登录后操作',
    );
  });

  it('every bench\'s 管理员 is told apart: parcels and the dashboard name the other bench', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const ready = orders.filter(shippable);
    const [atA, atB] = [await packAndShip(a, ready[0]!), await packAndShip(b, ready[1]!)];
    for (const s of [a, b]) await s.host.context.labels.idle();
    for (let i = 0; i < 2; i++) for (const s of [a, b]) await s.sync();

    // The names Packdesk gave are said in the reader's language where they are shown.
    const packer = async (s: typeof a, trackingNo: string, lang: 'zh-CN' | 'en' = 'zh-CN') =>
      sayName(createTranslator(lang).t, (await s.call('shipments.list', { query: trackingNo, limit: 5, offset: 0 })).shipments[0]!.packerName);
    // A's own administrator is just 管理员 at A; B's (a user of B's own, never the shop's) is a local user of B's, not B itself.
    expect(await packer(a, atA.trackingNo)).toBe('管理员');
    expect(await packer(a, atA.trackingNo, 'en')).toBe('Admin');
    expect(await packer(a, atB.trackingNo)).toBe('打包台 B的本机用户');
    expect(await packer(a, atB.trackingNo, 'en')).toBe('Local user of 打包台 B');
    expect(await packer(b, atB.trackingNo)).toBe('管理员');
    expect(await packer(b, atA.trackingNo)).toBe('打包台 A的本机用户');
    // The dashboard: two 管理员 told apart, neither counted as "nobody logged in".
    const names = async (lang: 'zh-CN' | 'en') =>
      (await b.call('dashboard.get', { range: 'today' })).packers.map((p) => (p.name === null ? null : sayName(createTranslator(lang).t, p.name))).sort();
    expect(await names('zh-CN')).toEqual(['打包台 A的本机用户', '管理员 · 本机']);
    expect(await names('en')).toEqual(['Admin · This bench', 'Local user of 打包台 A']);
    // A user of the shop's (made at an admin station) is named as is at every bench.
    const office = await pairedStation(hub, '办公室', 'admin');
    keep(office.host);
    await office.call('users.save', { name: '小李', role: 'packer', pin: '1357' });
    await office.sync();
    for (const s of [a, b]) await s.sync();
    await b.call('session.login', { pin: '1357' });
    const byLi = await packAndShip(b, ready[2]!);
    await b.host.context.labels.idle();
    await b.sync();
    await a.sync();
    expect(await packer(a, byLi.trackingNo)).toBe('小李');
    // An admin station's own 管理员 is the shop's: named with its bench elsewhere.
    const byOffice = await packAndShip(office, ready[3]!);
    await office.host.context.labels.idle();
    await office.sync();
    await a.sync();
    expect(await packer(a, byOffice.trackingNo)).toBe('管理员 · 办公室');
    expect(await packer(a, byOffice.trackingNo, 'en')).toBe('Admin · 办公室');
  });
});
