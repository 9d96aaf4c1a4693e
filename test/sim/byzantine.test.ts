import { afterEach, describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants';
import { attack, attacks, type Attack } from './sim-byzantine';
import { createSimWorld, type SimWorld } from './sim-world';

/**
 * The byzantine bench of issue 7 as a named run: besides its honest work it sends every attack of
 * sim-byzantine.ts in every variant, then the shop heals and every invariant is checked (17: each
 * refused and flagged once per push; 19: every honest station's pull reaches the head; 20: nothing
 * in the log fails its schema).
 */
const worlds: SimWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

/** How many numbers reach every variant of an attack (forgeries pick their op with n >> 4). */
const VARIANTS: Record<Attack, number> = {
  malformed: 12, oversized: 4, 'forged-role': 160, 'forged-authoriser': 160, control: 10, rule: 6, duplicate: 6, replay: 9,
};

describe('a byzantine bench', () => {
  it('sends malformed, oversized, forged, control-character, rule-breaking, duplicate and replayed ops: each is refused, nothing of it reaches another bench, every honest bench syncs to the head', { timeout: 120_000 }, async () => {
    const world = await createSimWorld({ seed: 77, roles: ['admin', 'packer', 'packer'], byzantine: 1 });
    worlds.push(world);
    const [a, byzantine, c] = world.stations;
    await world.run('a packs', () => a!.packOrder(world.orderIds[0]!, 99));
    await world.run('the byzantine bench packs, honestly', () => byzantine!.packOrder(world.orderIds[1]!, 99));
    await world.run('c reports damage', () => c!.reportDamage(world.skus[0]!, 1));
    for (const s of world.stations) await world.run(`s${s.index} syncs`, () => s.sync());
    const headBefore = await world.head();

    for (const kind of attacks) {
      await world.run(`byzantine: every ${kind}`, async () => {
        const done: string[] = [];
        for (let n = 0; n < VARIANTS[kind]; n++) done.push(await attack(world, byzantine!, kind, kind === 'replay' ? n : n * 17, Number.MAX_SAFE_INTEGER));
        return `${done.filter((d) => !d.includes('nothing')).length} sent`;
      });
    }
    await world.run('a packs meanwhile', () => a!.packOrder(world.orderIds[2]!, 99));
    const quiescence = await world.quiesce();
    const findings = await checkInvariants(world, quiescence);
    expect(findings.map((f) => `invariant ${f.invariant}: ${f.message}`), world.trace.slice(-40).join('\n')).toEqual([]);

    // Nothing the byzantine bench wrote itself reached the log: its entries are its honest work.
    const forged = byzantine!.injected.length;
    expect(forged).toBeGreaterThan(300);
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
