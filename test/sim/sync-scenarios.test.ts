import { afterEach, describe, expect, it, vi } from 'vitest';
import { PUSH_BATCH_MAX } from '#shared/contract/hub.contract';
import { generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { checkInvariants } from './invariants';
import { hubProjection, stationProjection } from './projections';
import { createSimWorld, type SimWorld, type WorldConfig } from './sim-world';

/**
 * The classic offline-sync failures as named, readable runs of the simulator (research/sync.md
 * §8–9). Each ends like every random run: faults healed, quiescence, all invariants checked.
 */
const worlds: SimWorld[] = [];
/** research/sync.md §9.18 asks for 10,000; SIM_BACKLOG lowers it on a slow machine. */
const BACKLOG = Number(process.env['SIM_BACKLOG'] ?? 10_000);
afterEach(async () => {
  vi.useRealTimers();
  for (const w of worlds.splice(0)) await w.close();
});

async function shop(config: Partial<WorldConfig> = {}) {
  const world = await createSimWorld({ seed: 20250602, roles: ['supervisor', 'packer'], ...config });
  worlds.push(world);
  return world;
}

async function expectAllInvariants(world: SimWorld) {
  const quiescence = await world.quiesce();
  const findings = await checkInvariants(world, quiescence);
  expect(findings.map((f) => `invariant ${f.invariant}: ${f.message}`), world.trace.slice(-60).join('\n')).toEqual([]);
}

const flagKinds = (world: SimWorld, orderId: string) =>
  world.stations.map((s) => (s.db.prepare('SELECT kind FROM flags WHERE order_id = ? ORDER BY kind').pluck().all(orderId) as string[]).join(','));

describe('sync scenarios', () => {
  it('two stations pack the same order while one is partitioned: both parcels stand, both conflicts are flagged everywhere', async () => {
    const world = await shop();
    const [a, b] = world.stations as [SimWorld['stations'][0], SimWorld['stations'][0]];
    const order = world.orderIds[0]!;
    await world.run('partition b', () => (b.link.partition(), ''));
    await world.run('a packs', () => a.packOrder(order, 99));
    await world.run('a syncs', () => a.sync());
    await world.run('b packs the same order offline', () => b.packOrder(order, 99));
    await world.run('b syncs (offline)', () => b.sync());
    expect(world.unconfirmed(b)).toBeGreaterThan(0);
    await expectAllInvariants(world);
    expect(flagKinds(world, order)).toEqual(['claim.conflict,ship.double', 'claim.conflict,ship.double']);
    expect(hubProjection(world.hubDb).shipments.filter((s) => s.includes(`|${order}|live`))).toHaveLength(2);
  });

  it('a push whose response is lost after the hub committed is sent again and answered from the log, not applied twice', async () => {
    const world = await shop();
    const [a] = world.stations;
    await world.run('a adjusts stock', () => a!.adjustStock(world.skus[0]!, 5));
    await world.run('a link loses the next response', () => (a!.link.arm('drop-response'), ''));
    const headBefore = await world.head();
    await world.run('a syncs; the hub commits, the answer is lost', () => a!.sync());
    expect(await world.head()).toBeGreaterThan(headBefore);
    expect(world.unconfirmed(a!)).toBeGreaterThan(0);
    const headAfterCommit = await world.head();
    await world.run('a syncs again', () => a!.sync());
    expect(world.unconfirmed(a!)).toBe(0);
    const answers = a!.link.observations.filter((o) => o.opId === [...world.ops.values()].at(-1)!.opId);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(answers.map((o) => `${o.hubSeq}/${o.outcome}`)).size).toBe(1);
    expect(await world.head()).toBe(headAfterCommit);
    await expectAllInvariants(world);
  });

  it('a station crashes right after the hub committed its push, restarts and converges', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    await world.run('a packs', () => a!.packOrder(world.orderIds[1]!, 99));
    await world.run('a crashes mid-round after its push', () => world.crashAndRestart(0, 1));
    await world.run('b packs', () => b!.packOrder(world.orderIds[2]!, 99));
    await expectAllInvariants(world);
  });

  it('stale duplicate pushes delivered late change nothing', async () => {
    const world = await shop();
    const [a] = world.stations;
    await world.run('a packs', () => a!.packOrder(world.orderIds[0]!, 99));
    await world.run('a syncs', () => a!.sync());
    await world.run('a counts', () => a!.countStock(world.skus[0]!, 3));
    await world.run('a syncs', () => a!.sync());
    const head = await world.head();
    for (let i = 0; i < a!.link.staleCount(); i++) await world.run(`replay stale push ${i}`, async () => `${(await a!.link.replayStale(i))?.status}`);
    expect(await world.head()).toBe(head);
    await expectAllInvariants(world);
  });

  it('the hub is restored from an older backup while stations hold newer ops: they re-push and nothing is lost or kept twice', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    const order = world.orderIds[3]!;
    await world.run('a packs', () => a!.packOrder(order, 99));
    await world.run('a syncs', () => a!.sync());
    await world.run('b claims the same order', () => b!.claimAndPutBack(order));
    await world.run('b syncs: a claim.conflict flag is raised', () => b!.sync());
    await world.run('a syncs', () => a!.sync());
    await world.run('restore the backup taken at setup', () => world.restoreHub(0));
    await world.run('b re-pushes first this time', () => b!.sync());
    await expectAllInvariants(world);
  });

  it('a parcel voided at another station reaches the restored hub after its void: it lands void everywhere', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    await world.run('b packs', () => b!.packOrder(world.orderIds[7]!, 99));
    await world.run('b syncs', () => b!.sync());
    await world.run('a syncs and gets the parcel', () => a!.sync());
    await world.run('supervisor a voids b\'s parcel', () => a!.voidShipment(0));
    await world.run('a syncs', () => a!.sync());
    await world.run('restore the backup taken at setup', () => world.restoreHub(0));
    await world.run('a re-pushes first: the void reaches the hub before the parcel', () => a!.sync());
    await world.run('b re-pushes the parcel', () => b!.sync());
    await expectAllInvariants(world);
    const voided = world.hubDb.prepare('SELECT count(*) FROM hub_shipments WHERE voided = 1').pluck().get();
    expect(voided).toBe(1);
  });

  it('after a restore the hub never leases again the numbers a station already holds', async () => {
    const world = await shop({ backupAt: 'start' });
    const [a] = world.stations;
    await world.run('a packs', () => a!.packOrder(world.orderIds[0]!, 99));
    await world.run('a syncs', () => a!.sync());
    await world.run('restore the backup taken before any lease', () => world.restoreHub(0));
    await world.run('a re-pushes', () => a!.sync());
    const c = await world.addStation('packer');
    await world.run('c packs', () => c.packOrder(world.orderIds[1]!, 99));
    await world.run('a packs', () => a!.packOrder(world.orderIds[2]!, 99));
    await expectAllInvariants(world);
  });

  it('a count re-pushed after a restore books the same adjustment the counting station booked', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    const sku = world.skus[2]!;
    await world.run('a packs', () => a!.packOrder(world.orderIds[0]!, 99));
    await world.run('a syncs', () => a!.sync());
    await world.run('a counts the shelf: empty', () => a!.countStock(sku, 0));
    await world.run('restore the backup taken at setup', () => world.restoreHub(0));
    await world.run('b receives 4 (a has not seen it)', () => b!.adjustStock(sku, 4));
    await world.run('b syncs before a re-pushes', () => b!.sync());
    await expectAllInvariants(world);
  });

  it('a reopen recorded before the station\'s own earlier work is synced lands after it, as the hub orders it', async () => {
    const world = await shop();
    const [a] = world.stations;
    const order = world.orderIds[4]!;
    await world.run('a packs, offline from the hub\'s point of view', () => a!.packOrder(order, 99));
    await world.run('a voids the label (a reopen needs the live labels voided)', () => a!.voidShipment(0));
    await world.run('supervisor a reopens the order before syncing', () => a!.reopenOrder(order));
    await expectAllInvariants(world);
    expect(stationProjection(a!.db).status[order]).toBe('1.0');
  });

  it('a station\'s bench state follows the hub\'s order: reopened here, packed there', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    const order = world.orderIds[5]!;
    await world.run('supervisor a reopens the order', () => a!.reopenOrder(order));
    await world.run('b packs it', () => b!.packOrder(order, 99));
    await expectAllInvariants(world);
  });

  it('a station\'s bench state follows the hub\'s order: packed and voided here, packed again there', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    const order = world.orderIds[6]!;
    await world.run('b packs', () => b!.packOrder(order, 99));
    await world.run('b voids its parcel', () => b!.voidShipment(0));
    await world.run('a packs the same order', () => a!.packOrder(order, 99));
    await expectAllInvariants(world);
  });

  it('an order reopened and packed again books the second parcel\'s goods off the shelf too', async () => {
    const world = await shop();
    const [a, b] = world.stations;
    const order = world.orderIds[7]!;
    await world.run('a packs', () => a!.packOrder(order, 99));
    await world.run('supervisor a reopens the order (the parcel stays live)', () => a!.reopenOrder(order));
    await world.run('a syncs', () => a!.sync());
    await world.run('b syncs', () => b!.sync());
    await world.run('b packs it again: every item scanned into a second parcel', () => b!.packOrder(order, 99));
    await expectAllInvariants(world);
  });

  it('two supervisors resolve the same flag differently: every station shows the resolution the hub kept', async () => {
    const world = await shop({ roles: ['supervisor', 'packer', 'supervisor'] });
    const [a, b, c] = world.stations;
    const order = world.orderIds[0]!;
    await world.run('a claims', () => a!.claimAndPutBack(order));
    await world.run('b claims the same order', () => b!.claimAndPutBack(order));
    for (const s of [a!, b!, c!, a!]) await world.run(`s${s.index} syncs`, () => s.sync());
    await world.run('a resolves the flag', () => a!.resolveFlag(0));
    await world.run('c resolves it too, not having seen a\'s resolution', () => c!.resolveFlag(0));
    await world.run('a syncs first', () => a!.sync());
    await expectAllInvariants(world);
  });

  it('a newer op is parked at the hub and kept by every station while their cursors move on; an old op version is upcast', async () => {
    const world = await shop({ roles: ['supervisor', 'packer', 'packer'] });
    const [a, b, c] = world.stations;
    await world.run('b records an op from a newer Packdesk', () => b!.injectRawOp('future', 'future.op', 1, { id: 'f1' }));
    // An old Packdesk's import of a roll, at the supervisor's bench (an import needs a supervisor, then as now).
    await world.run('a records an op as Packdesk 0.1 wrote it', () => a!.injectRawOp('old', 'waybill.pooled', 1, { carrierCode: 'YTO', first: 'OLD1', last: 'OLD2', count: 2 }));
    await world.run('b adjusts stock after them', () => b!.adjustStock(world.skus[1]!, 2));
    await expectAllInvariants(world);
    for (const s of [a!, c!]) expect(s.db.prepare("SELECT count(*) FROM pending_unknown WHERE waiting_for = 'upgrade'").pluck().get()).toBe(1);
  });

  it('an unreadable op is rejected and flagged; the station\'s later ops go through', async () => {
    const world = await shop();
    const [, b] = world.stations;
    await world.run('b records an unreadable op', () => b!.injectRawOp('poison', 'stock.delta', 1, { id: 'p1', skuCode: 7, delta: 'x' }));
    await world.run('b packs after it', () => b!.packOrder(world.orderIds[4]!, 99));
    await expectAllInvariants(world);
    expect(flagKinds(world, world.orderIds[4]!)).toEqual(['', '']);
  });

  it('a station whose clock ran days ahead when the hub\'s pool was empty still gets numbers once its clock is put right', async () => {
    const world = await shop({ poolSize: 500 });
    const [, b] = world.stations;
    expect(world.leasedTo.size).toBe(500);
    await world.run('b\'s clock runs three days ahead', () => (b!.setSkew(3 * 86_400_000), ''));
    await world.run('b syncs: the hub has no numbers left for it', () => b!.sync());
    await world.run('the shop imports a new roll at the hub', async () => `${(await world.hub.importPool('YTO', Array.from({ length: 300 }, (_, i) => `YT75${String(i).padStart(9, '0')}`))).added} added`);
    await world.run('b\'s clock is put right', () => (b!.setSkew(0), ''));
    await world.run('ten minutes pass', () => (world.advance(10 * 60_000), ''));
    await world.run('b syncs', () => b!.sync());
    const free = (await b!.call('carriers.list', {})).find((c) => c.code === 'YTO')?.pool.free ?? 0;
    expect(free, 'numbers b could lease from the new roll').toBeGreaterThan(0);
  });

  it(`a ${BACKLOG}-op offline backlog drains in bounded batches`, { timeout: 120_000 }, async () => {
    const world = await shop();
    // Importing orders is a supervisor's act: b packs meanwhile.
    const [b, a] = world.stations;
    await world.run('supervisor b goes offline', () => (b!.link.partition(), ''));
    await world.run(`b imports ${BACKLOG} orders offline`, async () => {
      const generated = generateTaobaoClassic({ orders: BACKLOG, seed: 99, skus: world.skus, quirks: false });
      const report = await b!.call('orders.import', {
        files: [
          { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
          { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
        ],
      });
      return `${report.created} orders`;
    });
    await world.run('b packs offline too', () => b!.packOrder(world.orderIds[0]!, 99));
    expect(world.unconfirmed(b!)).toBeGreaterThan(BACKLOG);
    await world.run('a packs meanwhile', () => a!.packOrder(world.orderIds[1]!, 99));
    await world.run('b is back', () => (b!.link.heal(), ''));
    await expectAllInvariants(world);
    expect(b!.link.stats.pushes).toBeGreaterThanOrEqual(Math.ceil(BACKLOG / PUSH_BATCH_MAX));
    expect(b!.link.stats.maxPushOps).toBe(PUSH_BATCH_MAX);
  });

  it('results do not depend on station clocks: skewed by days and jumping backwards, the shop ends in the same state', async () => {
    const finalStates: string[] = [];
    for (const skewed of [false, true]) {
      const world = await shop({ roles: ['supervisor', 'packer', 'packer'] });
      const [a, b, c] = world.stations;
      if (skewed) {
        a!.setSkew(3 * 86_400_000);
        b!.setSkew(-3 * 86_400_000);
        // Op timestamps come from the process clock: it jumps days back and forth between steps too.
        vi.useFakeTimers({ toFake: ['Date'] });
        let hop = 0;
        world.beforeStep = () => vi.setSystemTime(Date.UTC(2025, 5, 2) + (hop++ % 2 === 0 ? -4 : 2) * 86_400_000 + hop * 1000);
      }
      await world.run('b offline', () => (b!.link.partition(), ''));
      await world.run('a packs #0', () => a!.packOrder(world.orderIds[0]!, 99));
      await world.run('b packs #0', () => b!.packOrder(world.orderIds[0]!, 99));
      await world.run('c counts', () => c!.countStock(world.skus[0]!, 10));
      if (skewed) await world.run('c clock jumps back two days', () => (c!.setSkew(-2 * 86_400_000), ''));
      await world.run('a syncs', () => a!.sync());
      await world.run('c syncs', () => c!.sync());
      await world.run('b back online', () => (b!.link.heal(), ''));
      await world.run('b adjusts', () => b!.adjustStock(world.skus[0]!, -4));
      if (skewed) await world.run('a clock jumps back five days', () => (a!.setSkew(-2 * 86_400_000), ''));
      await world.run('a syncs and resolves the conflict', async () => `${await a!.sync()}; ${await a!.resolveFlag(0)}`);
      await world.run('c voids a parcel', () => c!.voidShipment(0));
      await expectAllInvariants(world);
      vi.useRealTimers();
      finalStates.push(idFreeState(world));
    }
    expect(finalStates[1]).toBe(finalStates[0]);
  });
});

/** The shop's state without the random ids (op, flag and shipment ids differ between two runs). */
function idFreeState(world: SimWorld): string {
  const hub = hubProjection(world.hubDb);
  const stationIndex = new Map(world.stations.map((s) => [s.stationId, s.index]));
  const flags = world.hubDb.prepare('SELECT kind, order_id, resolved_seq IS NULL AS open FROM hub_flags ORDER BY kind, order_id').all();
  const perStation = world.stations.map((s) => {
    const p = stationProjection(s.db);
    return { status: p.status, stock: p.stock, shipments: p.shipments.length };
  });
  return JSON.stringify({
    status: hub.status, stock: hub.stock, claims: Object.values(hub.claims).map((id) => stationIndex.get(id)),
    flags, shipmentsPerOrder: hub.shipments.map((s) => s.split('|').slice(1).join('|')).sort(), perStation,
  });
}
