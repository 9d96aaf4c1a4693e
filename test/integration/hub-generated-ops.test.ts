import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HUB_AUTHOR, pushEnvelopeSchema, wireOpSchema, type StationRole } from '#shared/contract/hub.contract';
import { messageSchema } from '#shared/i18n/message';
import { jsonBytes, opTypes, PARKED_MAX_BYTES, producerOf, readOp, roleSuffices, type OpPayload, type OpType } from '#shared/ops/index';
import { hubBackends, pullAll, versions, type HubStation, type PushBody } from '../helpers/hub-db';
import { hostileOp, junkPlace, poisoned, type HostileOp } from '../helpers/hostile-ops';
import { hubShops } from '../helpers/paired-host';

/** Pushes per op type and engine; with 2–8 ops each, a few hundred generated ops per engine. */
const RUNS_PER_TYPE = 4;
const AT = '2026-11-26T08:00:00.000Z';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;
const stringsIn = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...stringsIn(x)]) : [];

/**
 * What the hub may answer to one op it did not refuse, judged from the op alone with the same
 * modules the hub uses: a well-formed envelope, and a payload that passes its own schema from a
 * station whose role may send it, or one of a type or version this build does not know, small
 * enough to park. Anything else must be refused.
 */
function admissible(wire: Record<string, unknown>, outcome: string, role: StationRole): string | null {
  const envelope = wireOpSchema.safeParse(wire);
  if (!envelope.success) return 'a malformed envelope was let in';
  const { type, version, payload } = envelope.data;
  const read = readOp(type, version, payload);
  if (outcome === 'parked') return read.kind === 'unknown' && jsonBytes(payload) <= PARKED_MAX_BYTES ? null : `parked a ${read.kind} op`;
  if (read.kind !== 'known') return `${outcome} a ${read.kind} op`;
  // No authorizedBy names a user here (there are none): the station's own role must do.
  const need = producerOf(read.type, read.payload as OpPayload<OpType>);
  return roleSuffices(role, need) ? null : `${outcome} an op that needs ${need} from a ${role} station`;
}

describe.each(hubBackends)('generated hostile ops (%s)', (backend) => {
  const shop = hubShops(backend, Array.from({ length: 200 }, (_, i) => `YT76${String(10_000_000_000 + i)}`));

  it('every op type broken every way: a 4xx or a refusal, never a 5xx; nothing malformed enters the log; an honest bench keeps syncing', async () => {
    const { hub, bench } = await shop();
    const honest = await bench('honest', 'supervisor');
    const attackers: { station: HubStation; role: StationRole; next: number }[] = [
      { station: await hub.station('evil-admin', 'admin'), role: 'admin', next: 1 },
      { station: await hub.station('evil-packer', 'packer'), role: 'packer', next: 1 },
    ];
    const seen = { outcomes: new Map<string, number>() };
    let round = 0;

    const attack = async (who: number, batch: HostileOp[], junk: unknown, userId: string | null) => {
      const attacker = attackers[who]!;
      const from = attacker.next;
      const wire = batch.map((o, i) => ({ stationSeq: from + i, opId: `${attacker.station.stationId}-${from + i}`, createdAt: AT, userId, authorizedBy: null, ...o }));
      const ops: unknown[] = junk === null ? wire : [...wire, junk];
      const head = await hub.hub.head();
      const res = await attacker.station.send(ops);
      const body = res.body as PushBody;
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
      // A push the hub cannot number (or parse safely) is refused whole, and nothing of it is applied.
      if (!pushEnvelopeSchema.safeParse({ ...versions, hubEpoch: null, ops }).success || (res.status === 400 && poisoned(ops))) {
        expect(res.status).toBe(400);
        expect(await hub.hub.head()).toBe(head);
        return;
      }
      expect(res.status).toBe(200);
      expect(body.results.map((r) => r.stationSeq)).toEqual(wire.map((w) => w.stationSeq));
      attacker.next += body.results.length;
      body.results.forEach((r, i) => {
        const sent = wire[i]!;
        seen.outcomes.set(r.outcome, (seen.outcomes.get(r.outcome) ?? 0) + 1);
        if (r.outcome === 'rejected') {
          expect(r.hubSeq).toBeNull();
          expect(messageSchema.safeParse(r.reason).success).toBe(true);
        } else {
          expect(r.hubSeq).toBeGreaterThan(head);
          expect(admissible(sent, r.outcome, attacker.role), JSON.stringify(sent).slice(0, 300)).toBeNull();
        }
      });
      // The honest bench works and syncs around the attack.
      if (++round % 8 === 0) {
        await honest.call('catalog.saveSku', { code: `OK-${round}`, name: 'honest', weightG: 100, location: 'A-1', barcodes: [{ barcode: `69${String(round).padStart(11, '0')}`, units: 1 }] });
        expect((await honest.sync()).lastError).toBeNull();
      }
    };
    for (const type of opTypes) {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: 1 }),
          fc.array(hostileOp(type), { minLength: 2, maxLength: 8 }),
          fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: junkPlace }),
          // Who did it, as a station claims: none, an id of the right shape naming no one, or junk.
          fc.option(fc.oneof(fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z:_.~-]{0,79}$/), fc.string({ maxLength: 120 }))),
          attack,
        ),
        { numRuns: RUNS_PER_TYPE },
      );
    }

    // The attack got every kind of answer but a 5xx.
    expect(seen.outcomes.get('accepted')).toBeGreaterThan(0);
    expect(seen.outcomes.get('rejected')).toBeGreaterThan(0);

    // Nothing malformed entered the log: every entry passes its own schema, or waits (small) for a newer hub.
    const log = await pullAll(attackers[0]!.station);
    // Who did it names one of the shop's users (saved in the log) or no one: never a station's claim alone.
    const users = new Set(log.filter((e) => e.type === 'user.saved').map((e) => e.payload['id']));
    expect(log.filter((e) => e.userId !== null && !users.has(e.userId)).map((e) => e.userId)).toEqual([]);
    for (const e of log) {
      const read = readOp(e.type, e.version, e.payload);
      expect([e.hubSeq, e.outcome === 'parked' ? 'unknown' : 'known']).toEqual([e.hubSeq, read.kind]);
      if (e.outcome === 'parked') expect(jsonBytes(e.payload)).toBeLessThanOrEqual(PARKED_MAX_BYTES);
      // What the hub writes (a refusal's flag names the field) carries none of an attacker's control characters.
      if (e.stationId === HUB_AUTHOR) expect(stringsIn(e.payload).filter((t) => UNSAFE.test(t))).toEqual([]);
    }
    // The honest bench reaches the head, sent all it had, and met no entry it could not apply.
    const status = await honest.catchUp();
    expect(status).toMatchObject({ reachedHead: true, pendingOps: 0, lastError: null, state: 'online' });
    const { flags } = await honest.call('flags.list', { open: true });
    expect(flags.filter((f) => f.kind === 'sync.entry-unapplied')).toEqual([]);
  });
});
