import { describe, expect, it } from 'vitest';
import { flagsIn, hubBackends, pullAll, startTestHub } from '../helpers/hub-db';
import { pairedStation, shopHarness, type Station } from '../helpers/sync-shop';

/**
 * A roll of waybill numbers imported at two benches (the same paper, or a supervisor who did not
 * know the other bench had it): no number may be printed at both. A bench that already knows the
 * numbers are another bench's (their import or lease reached it) keeps them out of its pool and says
 * so; two benches that imported the same numbers offline both retire them, and the hub no longer
 * counts them as either bench's.
 */
describe.each(hubBackends)('the same waybill numbers imported at two benches (%s)', (backend) => {
  const { storage, open } = shopHarness(backend);
  // The hub counts the shop's pools at most every 2 s: its clock moves on before a look.
  let clock = Date.now();
  const shop = async () => {
    const hub = await startTestHub({ ...(await storage.fresh()), now: () => new Date(clock) });
    open.push(hub);
    const a = await pairedStation(hub, '打包台 A', 'supervisor');
    open.push(a.host);
    const b = await pairedStation(hub, '打包台 B', 'supervisor');
    open.push(b.host);
    return { hub, a, b };
  };
  const yto = async (s: Station) => (await s.call('carriers.list', {})).find((c) => c.code === 'YTO')!.pool;
  const overlapFlags = async (s: Station) => (await s.call('inbox.list', {})).rows.filter((r) => r.flagKind === 'waybill.overlap');

  it('numbers another bench already holds stay out of this bench\'s pool, and the import says whose they are', async () => {
    const { hub, a, b } = await shop();
    await a.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000100' });
    await a.sync();
    await b.sync();
    // B has never held them: its pool is still empty, not 100 voided numbers of A's.
    expect(await yto(b)).toEqual({ free: 0, used: 0, void: 0 });

    const report = await b.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000051-YT7400000000150' });
    expect(report).toMatchObject({ added: 50, duplicates: 0, heldElsewhere: 50, rejected: false });
    expect(await yto(b)).toEqual({ free: 50, used: 0, void: 0 });
    await b.sync();
    await a.sync();
    // A keeps all of its numbers; nothing was in two pools, so nothing to flag.
    expect(await yto(a)).toEqual({ free: 100, used: 0, void: 0 });
    expect(flagsIn(await pullAll(await hub.station('C'))).filter((f) => f.kind === 'waybill.overlap')).toEqual([]);
    expect(await overlapFlags(a)).toEqual([]);
  });

  it('numbers leased to another bench are refused the same way', async () => {
    const { hub, a, b } = await shop();
    await hub.hub.importPool('YTO', Array.from({ length: 300 }, (_, i) => `YT74${String(10_000_000_000 + i)}`));
    await a.call('carriers.importPool', { carrierCode: 'ZTO', text: '731000000001' });
    await a.sync();
    await a.sync();
    const leased = await yto(a);
    expect(leased.free).toBeGreaterThan(0);
    await b.sync();
    const beforeB = (await yto(b)).free;
    const report = await b.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7410000000000-YT7410000000009' });
    expect(report).toMatchObject({ added: 0, heldElsewhere: 10 });
    expect((await yto(b)).free).toBe(beforeB);
  });

  it('imported at both while offline: both benches retire them and the hub counts them as nobody\'s', async () => {
    const { hub, a, b } = await shop();
    const c = await pairedStation(hub, '打包台 C', 'supervisor');
    open.push(c.host);
    await a.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000100' });
    await b.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000051-YT7400000000150' });
    for (let i = 0; i < 2; i++) for (const s of [a, b]) await s.sync();
    // The 50 in both pools are retired at both benches; each keeps the numbers only it had.
    expect(await yto(a)).toEqual({ free: 50, used: 0, void: 50 });
    expect(await yto(b)).toEqual({ free: 50, used: 0, void: 50 });
    expect((await overlapFlags(a)).length).toBe(1);
    expect((await overlapFlags(b)).length).toBe(1);
    // The hub's count of what the shop holds unused: 50 at A and 50 at B, not 100 + 50.
    clock += 3_000;
    const pull = (await (await hub.station('C')).pull(0)).body as unknown as { pools: { carrierCode: string; free: number; held: number }[] };
    expect(pull.pools).toEqual([{ carrierCode: 'YTO', free: 0, held: 100 }]);

    // A third bench (offline since it paired) that imports some of the retired numbers is told to retire them too.
    expect(await c.call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000055-YT7400000000064' })).toMatchObject({ added: 10 });
    await c.sync();
    await c.sync();
    expect(await yto(c)).toEqual({ free: 0, used: 0, void: 10 });
    expect((await overlapFlags(c)).length).toBe(2);
  });

  it('numbers added to the hub\'s pool reach a bench at its next sync, not minutes after it found the pool empty', async () => {
    const { hub, a } = await shop();
    // Paired with nothing in the hub's pool: the bench asked and was told none.
    expect((await yto(a)).free).toBe(0);
    await hub.hub.importPool('YTO', Array.from({ length: 300 }, (_, i) => `YT74${String(10_000_000_000 + i)}`));
    clock += 3_000;
    await a.sync();
    await a.sync();
    expect((await yto(a)).free).toBeGreaterThan(0);
  });
});
