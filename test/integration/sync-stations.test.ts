import { describe, expect, it } from 'vitest';
import { hubBackends, startTestHub } from '../helpers/hub-db';
import { onHand, packAndShip, shippable, shopHarness, SKUS, twoStationShop, YTO } from '../helpers/sync-shop';
import type { Message } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { opLabel } from '#shared/ops/index';

describe.each(hubBackends)('two stations and a hub on %s', (backend) => {
  const { storage, open } = shopHarness(backend);
  async function shop() {
    const hub = await startTestHub(await storage.fresh());
    open.push(hub);
    const shop = await twoStationShop(hub);
    open.push(shop.a.host, shop.b.host);
    return { hub, ...shop };
  }

  it('orders, catalog and stock imported at one station reach the other; each gets its own waybill numbers', async () => {
    const { hub, a, b, orders } = await shop();
    const atB = await b.call('orders.list', { query: '', state: 'all', limit: 100, offset: 0 });
    expect(atB.total).toBe(orders.length);
    expect(await onHand(b)).toEqual(await onHand(a));
    expect(Object.values(await onHand(b))).toEqual(SKUS.map(() => 100));

    const poolA = (await a.call('carriers.list', {})).find((c) => c.code === 'YTO')!.pool;
    const poolB = (await b.call('carriers.list', {})).find((c) => c.code === 'YTO')!.pool;
    expect(poolA.free).toBeGreaterThan(0);
    expect(poolB.free).toBeGreaterThan(0);
    expect(poolA.free + poolB.free).toBeLessThanOrEqual(YTO.length);
    const statusA = await a.call('sync.status', {});
    expect(statusA).toMatchObject({ pendingOps: 0, state: 'online', cursor: await hub.hub.head() });
  });

  it('one station offline, both pack the same order: both shipments stand, both stations show the conflict, stock adds up', async () => {
    const { a, b, orders } = await shop();
    const order = orders.find(shippable)!;
    const units = new Map<string, number>();
    for (const l of order.lines) units.set(l.skuCode!, (units.get(l.skuCode!) ?? 0) + l.qty);

    // B is cut off: it keeps packing and its ops wait.
    const shippedB = await packAndShip(b, order);
    const shippedA = await packAndShip(a, order);
    await a.sync();
    expect(shippedA.trackingNo).not.toBe(shippedB.trackingNo);
    expect((await b.call('sync.status', {})).pendingOps).toBeGreaterThan(0);

    // B comes back.
    await b.sync();
    await a.sync();
    for (const s of [a, b]) {
      const { flags } = await s.call('flags.list', { open: true });
      const kinds = flags.filter((f) => f.orderId?.endsWith(order.externalId)).map((f) => f.kind).sort();
      expect(kinds, s.name).toEqual(['claim.conflict', 'ship.double']);
      expect((await s.call('sync.status', {})).openFlags).toBe(flags.length);
      const shipments = await s.call('shipments.list', { query: order.externalId, state: 'all', limit: 10, offset: 0 });
      expect(shipments.shipments.map((x) => x.trackingNo).sort(), s.name).toEqual([shippedA.trackingNo, shippedB.trackingNo].sort());
    }
    const expected = Object.fromEntries(SKUS.map((code) => [code, 100 - 2 * (units.get(code) ?? 0)]));
    expect(await onHand(a)).toEqual(expected);
    expect(await onHand(b)).toEqual(expected);
  });

  it('opening an order another bench claimed first warns with that bench\'s name, and still opens it', async () => {
    const { a, b, orders } = await shop();
    const order = orders.find(shippable)!;
    expect((await b.call('bench.scan', { code: order.externalId, source: 'wedge' })).warnings).toEqual([]);
    await b.sync();
    await a.sync();
    const opened = await a.call('bench.scan', { code: order.externalId, source: 'wedge' });
    expect(opened.outcome).toBe('opened');
    expect(opened.warnings).toEqual([{ key: 'pack.claimedElsewhere', params: { station: '打包台 B' } }]);
  });

  it('a supervisor resolves a flag and every station sees it; a packer station cannot', async () => {
    const { a, b, orders } = await shop();
    const order = orders.find(shippable)!;
    await b.call('bench.scan', { code: order.externalId, source: 'wedge' });
    await a.call('bench.scan', { code: order.externalId, source: 'wedge' });
    await b.sync();
    await a.sync();
    await b.sync();
    const [flag] = (await a.call('flags.list', { open: true })).flags;
    expect(flag?.kind).toBe('claim.conflict');
    // A packer station is refused at once (and the hub would refuse its op too: hub-protocol tests).
    const refused = await b.call('flags.resolve', { flagId: flag!.flagId, resolution: '我来处理' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', msg: { key: 'opRefusal.stationRole', params: { type: opLabel('flag.resolved') } } });
    // The packer reads what they may not do, not an op's code (flag.resolved).
    const said = createTranslator('zh-CN').t((refused as { msg: Message }).msg);
    expect(said).toBe('此电脑配对为打包工位，不能记录“处理异常”：需要主管登录或输入其 PIN，或到主管工位上操作');
    expect((await b.call('flags.list', { open: true })).flags.map((f) => f.flagId)).toContain(flag!.flagId);

    await a.call('flags.resolve', { flagId: flag!.flagId, resolution: 'B 站继续打包，A 站已放回' });
    await a.sync();
    await b.sync();
    const atB = (await b.call('flags.list', { open: false })).flags.find((f) => f.flagId === flag!.flagId);
    expect(atB?.resolution).toBe('B 站继续打包，A 站已放回');
  });

  it('an unreachable hub leaves the station offline with its ops waiting, and they go out on reconnect', async () => {
    const { hub, a } = await shop();
    await a.call('stock.adjust', { skuCode: SKUS[0]!, delta: -3, kind: 'other', note: '盘亏' });
    await a.call('sync.unpair', {});
    // This PC is paired already: pairing it again is the admin's explicit replacement code for it.
    const { code } = (await hub.hub.newReplacementCode((await a.call('sync.status', {})).stationId))!;
    const dead = await a.call('sync.pair', { hubUrl: 'https://127.0.0.1:9', code, fingerprint: hub.fingerprint, stationName: 'A' }).catch((e: unknown) => e);
    expect(dead).toMatchObject({ code: 'HUB_UNREACHABLE', msg: { key: 'sync.error.unreachable' } });
    const back = await a.call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.fingerprint, stationName: '打包台 A' });
    expect(back.pendingOps).toBe(0);
    expect(back.state).toBe('online');
  });
});
