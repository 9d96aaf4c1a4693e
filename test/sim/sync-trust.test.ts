import { afterEach, describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants';
import { attack, attacks, type Attack } from './sim-byzantine';
import { createSimWorld, SHOP_USERS, type SimWorld, type WorldConfig } from './sim-world';

/**
 * Who may send what (issue 7) as named runs of the simulator: a packer's bench and a supervisor's
 * authority, and the byzantine bench, which besides its honest work sends every attack of
 * sim-byzantine.ts in every variant. Each ends like every random run: the shop heals and every
 * invariant is checked (17: each refusal kept apart and flagged once per push; 19: every honest
 * station's pull reaches the head; 20: nothing in the log fails its schema).
 */
const worlds: SimWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

async function shop(config: Omit<WorldConfig, 'seed'>) {
  const world = await createSimWorld({ seed: 77, ...config });
  worlds.push(world);
  return world;
}

async function expectAllInvariants(world: SimWorld) {
  const findings = await checkInvariants(world, await world.quiesce());
  expect(findings.map((f) => `invariant ${f.invariant}: ${f.message}`), world.trace.slice(-40).join('\n')).toEqual([]);
}

/** How many numbers n = 0, 1, … reach every variant of an attack (sim-byzantine.ts). */
const VARIANTS: Record<Attack, number> = {
  malformed: 12, oversized: 4, 'forged-role': 13, 'forged-authoriser': 40, control: 10, rule: 6, duplicate: 6, replay: 9,
};

describe('who may send what', () => {
  it('a packer\'s bench refuses a supervisor\'s act at once; with a shop supervisor logged in, or typing their PIN, it goes through and the hub accepts it', async () => {
    const world = await shop({ roles: ['admin', 'packer'] });
    const [, b] = world.stations;
    const sku = world.skus[0]!;
    await world.run('b packs', () => b!.packOrder(world.orderIds[0]!, 99));
    // Logged in as its own factory administrator: a user of this bench only, not of the shop.
    for (const [what, act] of [['void', () => b!.voidShipment(0)], ['adjust', () => b!.adjustStock(sku, 3)], ['count', () => b!.countStock(sku, 5)]] as const) {
      expect(await world.run(`b's bench admin tries to ${what}`, act)).toBe(`${what}: FORBIDDEN`);
    }
    const gated = "SELECT count(*) FROM outbox WHERE type IN ('shipment.voided', 'stock.counted') OR (type = 'stock.delta' AND json_extract(payload, '$.cause') = 'adjust')";
    expect(b!.db.prepare(gated).pluck().get()).toBe(0);
    await world.run('b syncs: the admin bench\'s users are the shop\'s', () => b!.sync());
    expect(await world.run('b voids with the shop supervisor\'s PIN', () => b!.voidShipment(0, SHOP_USERS.supervisor))).toMatch(/^void \w+ with/);
    await world.run('the shop supervisor logs in at b', () => b!.loginAs(SHOP_USERS.supervisor));
    expect(await world.run('and adjusts stock', () => b!.adjustStock(sku, 3))).toMatch(/^adjust/);
    await expectAllInvariants(world);
    const supervisorId = b!.db.prepare('SELECT id FROM users WHERE name = ?').pluck().get(SHOP_USERS.supervisor.name);
    const authorised = world.hubDb.prepare('SELECT type, outcome FROM hub_log WHERE station_id = ? AND authorized_by = ? ORDER BY hub_seq').all(b!.stationId, supervisorId);
    expect(authorised).toEqual([{ type: 'shipment.voided', outcome: 'accepted' }, { type: 'stock.delta', outcome: 'accepted' }]);
    // b's own administrator stays b's: it was never sent to the shop, so the hub refused nothing of b's.
    expect(b!.db.prepare("SELECT count(*) FROM outbox WHERE type = 'user.saved'").pluck().get()).toBe(0);
    expect(world.hubDb.prepare('SELECT count(*) FROM hub_rejected WHERE station_id = ?').pluck().get(b!.stationId)).toBe(0);
  });


  it('a byzantine bench sends malformed, oversized, forged, control-character, rule-breaking, duplicate and replayed ops: each is refused, nothing of it reaches another bench, every honest bench syncs to the head', { timeout: 120_000 }, async () => {
    const world = await shop({ roles: ['admin', 'packer', 'packer'], byzantine: 1 });
    const [a, byzantine, c] = world.stations;
    await world.run('a packs', () => a!.packOrder(world.orderIds[0]!, 99));
    await world.run('the byzantine bench packs, honestly', () => byzantine!.packOrder(world.orderIds[1]!, 99));
    await world.run('c reports damage', () => c!.reportDamage(world.skus[0]!, 1));
    for (const s of world.stations) await world.run(`s${s.index} syncs`, () => s.sync());
    const headBefore = await world.head();

    for (const kind of attacks) {
      await world.run(`byzantine: every ${kind}`, async () => {
        const done: string[] = [];
        for (let n = 0; n < VARIANTS[kind]; n++) done.push(await attack(world, byzantine!, kind, n, Number.MAX_SAFE_INTEGER));
        return `${done.filter((d) => !d.includes('nothing')).length} sent`;
      });
    }
    await world.run('a packs meanwhile', () => a!.packOrder(world.orderIds[2]!, 99));
    await expectAllInvariants(world);

    // Nothing the byzantine bench wrote itself reached the log: its entries are its honest work.
    const forged = byzantine!.injected.length;
    expect(forged).toBeGreaterThan(80);
    const fromIt = world.hubDb.prepare('SELECT count(*) FROM hub_log WHERE station_id = ? AND hub_seq > ?').pluck().get(byzantine!.stationId, headBefore);
    expect(fromIt).toBe(0);
    // Each refusal says why, in the supervisor's language.
    const reasons = world.hubDb.prepare("SELECT DISTINCT json_extract(reason, '$.key') FROM hub_rejected WHERE station_id = ?").pluck().all(byzantine!.stationId);
    expect(new Set(reasons)).toEqual(new Set([
      'opRefusal.invalid', 'opRefusal.tooLarge', 'opRefusal.tooLargeToPark', 'opRefusal.role', 'opRefusal.authoriser', 'opRefusal.hubOnly',
      'opRefusal.duplicateOpId', 'opRefusal.notOwnParcel', 'opRefusal.reportImmutable', 'opRefusal.notHeld', 'opRefusal.unknownFlag',
    ]));
    // A handful of flags for hundreds of refused ops: one per push.
    const flags = world.hubDb.prepare("SELECT count(*) FROM hub_flags WHERE kind = 'op.rejected'").pluck().get() as number;
    expect(flags).toBeLessThan(10);
  });
});
