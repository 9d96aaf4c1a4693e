import { describe, expect, it } from 'vitest';
import { stationRoles, type StationRole } from '#shared/contract/hub.contract';
import { msg, type Message } from '#shared/i18n/message';
import { opLabel, ops, opTypes, producerOf, readOp, roleSuffices, type OpPayload, type OpType } from '#shared/ops/index';
import { flagsIn, hubBackends, pullAll, type HubStation } from '../helpers/hub-db';
import { validPayload } from '../helpers/hostile-ops';
import { op } from '../helpers/op-fixtures';
import { hubShops } from '../helpers/paired-host';

/**
 * Every op type × every station role × every kind of authoriser, pushed to a real hub: what it
 * admits and what it refuses (and why) must be what the op's module declares (`role`,
 * `authorisable`). A new op type is in the matrix by being in the registry.
 */

/** The shop's users the admin station publishes (user.saved); u-nobody is unknown to the hub. */
const USERS: Record<string, StationRole | null> = { 'u-sup': 'supervisor', 'u-admin': 'admin', 'u-gone': null, 'u-nobody': null };
const AUTHORISERS = [null, ...Object.keys(USERS)] as const;

type Setup = { ownParcel: string; voidedParcel: string; flagId: string };
/** Payloads for which the module's role depends on the payload: one per producing role. */
const variants: Partial<Record<OpType, ((s: Setup) => Record<string, unknown>)[]>> = {
  'shipment.created': [() => ({ partial: false }), () => ({ partial: true })],
  'stock.delta': [
    () => ({ cause: 'adjust', ref: null }),
    (s) => ({ cause: 'ship', delta: -1, ref: s.ownParcel, kind: null }),
    (s) => ({ cause: 'void', delta: 1, ref: s.voidedParcel, kind: null }),
    () => ({ cause: 'count', delta: 1, ref: 'count-1', kind: null }),
    // 报废: a supervisor's, authorisable like the other supervisor movements.
    () => ({ cause: 'dispose', delta: -1, ref: null, bucket: 'damaged', kind: 'discarded' }),
  ],
  // Taken in although the order does not account for it: on a supervisor's word.
  'return.received': [() => ({ confirmed: false }), () => ({ confirmed: true })],
  'waybill.pooled': [() => ({ source: 'import' }), () => ({ source: 'held' })],
  'tracking.updated': [() => ({ source: 'csv' }), () => ({ source: 'kuaidi100' })],
  'waybill.issued': [() => ({ issuer: 'station' }), () => ({ issuer: 'hub' })],
  'waybill.cancelled': [() => ({ issuer: 'station' }), () => ({ issuer: 'hub' })],
  // An empty handover is the packer's to abandon; one with parcels scanned in, a supervisor's.
  'handover.abandoned': [() => ({ parcels: 0 }), () => ({ parcels: 3 })],
  // Not a role variant: the flag must exist, or the rule refuses for a reason of its own.
  'flag.resolved': [(s) => ({ flagId: s.flagId })],
};
const payloadsOf = (type: OpType, s: Setup) => (variants[type] ?? [() => ({})]).map((over) => ({ ...validPayload(type), ...over(s) }));

/** The answer the op's module declares for this station and authoriser: admitted, or the refusal. */
function declared(type: OpType, payload: unknown, role: StationRole, authoriser: string | null): 'admitted' | Message {
  const read = readOp(type, ops[type].version, payload);
  if (read.kind !== 'known') throw new Error(`the matrix sent an invalid ${type}: ${JSON.stringify(read)}`);
  const need = producerOf(type, read.payload as OpPayload<OpType>);
  if (need === 'hub') return msg('opRefusal.hubOnly', { type: opLabel(type) });
  if (roleSuffices(role, need)) return 'admitted';
  const authority = authoriser === null ? null : USERS[authoriser];
  if (ops[type].authorisable && authority && roleSuffices(authority, need)) return 'admitted';
  return ops[type].authorisable && authoriser !== null
    ? msg('opRefusal.authoriser', { type: opLabel(type), user: authoriser })
    : msg('opRefusal.role', { type: opLabel(type), role: msg(`sync.stationRoles.${role}`) });
}

describe.each(hubBackends)('the role matrix (%s)', (backend) => {
  const shop = hubShops(backend);

  it('every op type from every station role, with and without an authoriser: the hub answers what the op module declares', async () => {
    const { hub } = await shop();
    const office = await hub.station('office', 'admin');
    const reader = await hub.station('reader', 'packer');
    await office.push(
      ...Object.entries(USERS).filter(([id]) => id !== 'u-nobody').map(([id, role]) => op('user.saved', { id, role: role ?? 'supervisor' })),
      op('user.saved', { id: 'u-gone', role: 'supervisor', active: false }),
      op('shipment.voided', { id: 'par-voided' }),
      op('order.claimed', { orderId: 'taobao:42' }),
    );
    await reader.push(op('order.claimed', { orderId: 'taobao:42' }));
    const flagId = flagsIn(await pullAll(reader)).find((f) => f.kind === 'claim.conflict')!.flagId;

    const sent: { label: string; opId: string; type: string; authoriser: string | null }[] = [];
    const actual: [label: string, answer: string][] = [];
    const expected: [label: string, answer: string][] = [];
    const refused = new Set<string>();
    for (const role of stationRoles) {
      const station: HubStation = await hub.station(role, role);
      const ownParcel = `par-${station.stationId}`;
      expect((await station.push(op('shipment.created', { id: ownParcel, groupId: ownParcel }))).body.results[0]!.outcome).not.toBe('rejected');
      const setup = { ownParcel, voidedParcel: 'par-voided', flagId };
      const cases = opTypes.flatMap((type) =>
        payloadsOf(type, setup).flatMap((payload, v) =>
          AUTHORISERS.map((authoriser) => ({ type, payload, authoriser, label: `${type}#${v} from ${role} authorised by ${authoriser ?? 'nobody'}` })),
        ),
      );
      const res = await station.push(...cases.map((c) => ({ type: c.type, payload: c.payload, ...(c.authoriser ? { authorizedBy: c.authoriser } : {}) })));
      expect(res.status).toBe(200);
      res.body.results.forEach((r, i) => {
        const c = cases[i]!;
        const want = declared(c.type, c.payload, role, c.authoriser);
        expected.push([c.label, want === 'admitted' ? 'admitted' : JSON.stringify(want)]);
        actual.push([c.label, r.outcome === 'accepted' || r.outcome === 'conflict' ? 'admitted' : r.outcome === 'rejected' ? JSON.stringify(r.reason) : r.outcome]);
        sent.push({ label: c.label, opId: r.opId, type: c.type, authoriser: c.authoriser });
        if (r.outcome === 'rejected') refused.add(r.opId);
      });
    }
    expect(actual).toEqual(expected);

    // The matrix is not vacuous: concrete answers a shop relies on.
    const answer = (label: string) => {
      const found = actual.find(([l]) => l === label);
      if (!found) throw new Error(`the matrix has no case ${label}`);
      return found[1];
    };
    expect(answer('barcode.bound#0 from packer authorised by nobody')).not.toBe('admitted');
    expect(answer('barcode.bound#0 from packer authorised by u-sup')).toBe('admitted');
    expect(answer('barcode.bound#0 from packer authorised by u-gone')).not.toBe('admitted');
    expect(answer('barcode.bound#0 from packer authorised by u-nobody')).not.toBe('admitted');
    expect(answer('user.saved#0 from packer authorised by u-sup')).not.toBe('admitted');
    expect(answer('user.saved#0 from packer authorised by u-admin')).toBe('admitted');
    expect(answer('user.saved#0 from supervisor authorised by nobody')).not.toBe('admitted');
    expect(answer('user.saved#0 from admin authorised by nobody')).toBe('admitted');
    expect(answer('shipment.created#0 from packer authorised by nobody')).toBe('admitted');
    expect(answer('shipment.created#1 from packer authorised by nobody')).not.toBe('admitted');
    expect(answer('stock.delta#1 from packer authorised by nobody')).toBe('admitted');
    expect(answer('stock.delta#3 from admin authorised by u-admin')).not.toBe('admitted');
    expect(answer('stock.delta#4 from packer authorised by nobody')).not.toBe('admitted');
    expect(answer('stock.delta#4 from packer authorised by u-sup')).toBe('admitted');
    expect(answer('stock.delta#4 from supervisor authorised by nobody')).toBe('admitted');
    expect(answer('return.received#0 from packer authorised by nobody')).toBe('admitted');
    expect(answer('return.received#1 from packer authorised by nobody')).not.toBe('admitted');
    expect(answer('return.received#1 from packer authorised by u-sup')).toBe('admitted');
    expect(answer('flag.raised#0 from admin authorised by nobody')).not.toBe('admitted');
    for (const role of stationRoles) {
      const mine = actual.filter(([l]) => l.includes(` from ${role} `)).map(([, a]) => a === 'admitted');
      expect([role, mine.includes(true), mine.includes(false)]).toEqual([role, true, true]);
    }
    // Every op type whose producing role depends on its payload is tried with more than one producing role.
    for (const type of opTypes.filter((t) => typeof ops[t].role === 'function')) {
      const producers = new Set(payloadsOf(type, { ownParcel: 'p', voidedParcel: 'p', flagId: 'f' }).map((p) => producerOf(type, p as never)));
      expect(producers.size, `${type}: give the matrix one payload per producing role`).toBeGreaterThan(1);
    }

    // Nothing refused reached another station; everything admitted did.
    const entries = await pullAll(reader);
    const log = new Set(entries.map((e) => e.opId));
    expect(sent.filter((s) => refused.has(s.opId) === log.has(s.opId)).map((s) => s.label)).toEqual([]);
    // The log names an authoriser only where the hub vouches for one (the audit view believes it):
    // a station whose own role sufficed cannot put an unknown or disabled user's name on its op.
    const named = new Map(entries.map((e) => [e.opId, e.authorizedBy ?? null]));
    const admitted = sent.filter((s) => log.has(s.opId));
    const vouched = (s: (typeof sent)[number]) =>
      s.authoriser !== null && USERS[s.authoriser] !== null && ops[s.type as keyof typeof ops].authorisable ? s.authoriser : null;
    expect(admitted.map((s) => [s.label, named.get(s.opId)])).toEqual(admitted.map((s) => [s.label, vouched(s)]));
    expect(admitted.some((s) => s.authoriser === 'u-nobody')).toBe(true);
  });
});
