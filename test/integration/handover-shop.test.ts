import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '#shared/contract/handover.contract';
import { translatorFor } from '#shared/i18n/translator';
import { hubBackends } from '../helpers/hub-db';
import { signature } from '../helpers/handover-shop';
import { hubShops } from '../helpers/paired-host';
import { packAndShip, pairedStation, shippable, twoStationShop, type Station } from '../helpers/sync-shop';

const syncAll = async (...stations: Station[]) => {
  // Twice round: what one bench pushes in the first pass the others pull in the second.
  for (let i = 0; i < 2; i++) for (const s of stations) await s.sync();
};
/** A handover as every bench must read it (whose bench it was is relative to the reader). */
const shared = (h: HandoverDetail) => ({
  id: h.id, state: h.state, carrier: h.carrierCode, courier: h.courierName, closedAt: h.closedAt, counts: h.counts, signature: h.signatureHash,
  accepted: h.accepted.map((p) => p.trackingNo).sort(), missing: h.missing.map((p) => p.trackingNo).sort(), intercepted: h.intercepted.map((p) => p.trackingNo).sort(),
  scans: h.scans.map((s) => [s.code, s.outcome, s.at]).sort(),
});
const handedTo = (s: Station, shipmentId: string) =>
  s.host.context.db.prepare('SELECT handover_id, handed_over_at FROM shipments WHERE id = ?').get(shipmentId) as { handover_id: string | null; handed_over_at: string | null };

describe.each(hubBackends)('courier handovers across benches through a hub on %s', (backend) => {
  const fresh = hubShops(backend);

  it('one handover is the shop’s: opened at A, scanned at both, closed at A, the same at B; two benches handing one parcel over offline are flagged and agree which handover has it', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const ready = orders.filter(shippable);
    const atA = [await packAndShip(a, ready[0]!), await packAndShip(a, ready[1]!), await packAndShip(a, ready[2]!)];
    const atB = [await packAndShip(b, ready[3]!), await packAndShip(b, ready[4]!)];
    for (const s of [a, b]) await s.host.context.labels.idle();
    await syncAll(a, b);

    // A opens the YTO pickup; B, after sync, carries on with the same one and scans its own parcel into it.
    const h = await a.call('handover.open', { carrierCode: 'YTO' });
    expect(h.counts.expected).toBe(5);
    await syncAll(a, b);
    expect((await b.call('handover.open', { carrierCode: 'YTO' })).id).toBe(h.id);
    await b.call('handover.scan', { handoverId: h.id, code: atB[0]!.trackingNo });
    await a.call('handover.scan', { handoverId: h.id, code: atA[0]!.trackingNo });
    await a.call('handover.scan', { handoverId: h.id, code: atA[1]!.trackingNo });
    await syncAll(a, b);
    // A parcel B's scan took is a duplicate at A now.
    expect((await a.call('handover.scan', { handoverId: h.id, code: atB[0]!.trackingNo })).scan.outcome).toBe('duplicate');
    const closed = await a.call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(a.call) });
    expect(closed.counts).toMatchObject({ expected: 5, accepted: 3, missing: 2, duplicate: 1 });
    await syncAll(a, b);
    const atBoth = [await a.call('handover.get', { id: h.id }), await b.call('handover.get', { id: h.id })];
    expect(shared(atBoth[1]!)).toEqual(shared(atBoth[0]!));
    for (const p of [atA[0]!, atA[1]!, atB[0]!]) {
      expect(handedTo(b, p.id)).toEqual(handedTo(a, p.id));
      expect(handedTo(b, p.id)).toEqual({ handover_id: h.id, handed_over_at: closed.closedAt });
    }
    // The two parcels left behind are in both inboxes, once each.
    for (const s of [a, b]) {
      const rows = (await s.call('inbox.list', { kind: 'handover-missing' })).rows;
      expect(rows.map((r) => r.trackingNo).sort()).toEqual([atA[2]!.trackingNo, atB[1]!.trackingNo].sort());
    }

    // The next pickup: A and B each open one without hearing of the other, and both hand atA[2] over.
    const fromA = await a.call('handover.open', { carrierCode: 'YTO' });
    const fromB = await b.call('handover.open', { carrierCode: 'YTO' });
    expect(fromA.id).not.toBe(fromB.id);
    for (const [s, id] of [[a, fromA.id], [b, fromB.id]] as const) {
      expect((await s.call('handover.scan', { handoverId: id, code: atA[2]!.trackingNo })).scan.outcome).toBe('accepted');
      await s.call('handover.close', { handoverId: id, courierName: s === a ? '李师傅' : '王师傅', signatureHash: await signature(s.call, s === a ? 3 : 4) });
    }
    await syncAll(a, b);
    // Not silent: the hub flags it at every bench, naming the parcel; both benches agree A's close (ordered first) has it.
    for (const s of [a, b]) {
      const flags = (await s.call('flags.list', { open: true })).flags.filter((f) => f.kind === 'handover.double');
      expect(flags, s === a ? 'A' : 'B').toHaveLength(1);
      expect(flags[0]!.message).toMatchObject({ key: 'flagText.handoverDouble', params: { trackingNo: atA[2]!.trackingNo } });
      expect(handedTo(s, atA[2]!.id).handover_id).toBe(fromA.id);
    }
    // And the missing row for it has gone at both (it left with a courier).
    for (const s of [a, b]) expect((await s.call('inbox.list', { kind: 'handover-missing' })).rows.map((r) => r.trackingNo)).toEqual([atB[1]!.trackingNo]);
  });

  it('abandoned at A while B scans into it offline: abandon wins at both benches; B is told at its next scan, and the parcel waits for the next pickup', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const ready = orders.filter(shippable);
    const [p1, p2] = [await packAndShip(a, ready[0]!), await packAndShip(b, ready[1]!)];
    for (const s of [a, b]) await s.host.context.labels.idle();
    const h = await a.call('handover.open', { carrierCode: 'YTO' });
    await syncAll(a, b);
    // Out of touch: A abandons the empty handover (opened by mistake) while B scans its parcel into it.
    await a.call('handover.abandon', { handoverId: h.id, reason: 'opened-twice' });
    expect((await b.call('handover.scan', { handoverId: h.id, code: p2.trackingNo })).scan.outcome).toBe('accepted');
    await syncAll(a, b);
    for (const s of [a, b]) {
      const seen = await s.call('handover.get', { id: h.id });
      expect(seen, s === a ? 'A' : 'B').toMatchObject({ state: 'abandoned', abandoned: { reason: 'opened-twice' }, counts: { accepted: 0, missing: 0 } });
      expect((await s.call('handover.list', { state: 'open' })).handovers).toEqual([]);
      expect((await s.call('inbox.list', { kind: 'handover-missing' })).rows).toEqual([]);
    }
    // B's next scan into it is refused, saying so; the parcel goes into the next handover as if the scan never was.
    const refused = await b.call('handover.scan', { handoverId: h.id, code: p1.trackingNo }).then(() => null, (e: { msg?: { key: string } }) => e.msg?.key);
    expect(refused).toBe('handover.alreadyAbandoned');
    const next = await b.call('handover.open', { carrierCode: 'YTO' });
    expect(next.id).not.toBe(h.id);
    expect((await b.call('handover.scan', { handoverId: next.id, code: p2.trackingNo })).scan.outcome).toBe('accepted');
  });

  it('closed at A while B abandons it offline: the close stands at both benches, and both inboxes tell the supervisor, naming the handover, both benches and users', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const parcel = await packAndShip(a, orders.filter(shippable)[0]!);
    await a.host.context.labels.idle();
    // The shop's users (saved at the office), at both benches once synced: 李主管 closes at A, 小王 abandons at B.
    const office = await pairedStation(hub, '办公室', 'admin');
    keep(office.host);
    await office.call('users.save', { name: '李主管', role: 'supervisor', pin: '1357' });
    await office.call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    const h = await a.call('handover.open', { carrierCode: 'YTO' });
    await syncAll(office, a, b);
    await a.call('session.login', { pin: '1357' });
    await b.call('session.login', { pin: '2468' });
    // Out of touch: the courier signs at A for the parcel, while B (which saw the handover empty) abandons it.
    await a.call('handover.scan', { handoverId: h.id, code: parcel.trackingNo });
    const closed = await a.call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(a.call) });
    await b.call('handover.abandon', { handoverId: h.id, reason: 'no-pickup' });
    await syncAll(a, b);
    const zh = translatorFor('zh-CN');
    for (const s of [a, b]) {
      const label = s === a ? 'A' : 'B';
      // The same outcome everywhere: closed, the parcel handed over with it.
      expect(await s.call('handover.get', { id: h.id }), label).toMatchObject({ state: 'closed', abandoned: null, courierName: '张师傅' });
      expect(handedTo(s, parcel.id), label).toEqual({ handover_id: h.id, handed_over_at: closed.closedAt });
      // …and not silent: one row in the supervisor's inbox.
      const rows = (await s.call('inbox.list', { kind: 'sync-conflict' })).rows.filter((r) => r.flagKind === 'handover.closed-abandoned');
      expect(rows, label).toHaveLength(1);
      expect(rows[0]!.benches.map((x) => x.name).sort(), label).toEqual(['打包台 A', '打包台 B']);
      expect(rows[0]!.target, label).toBe('handover');
      expect(rows[0]!.refId, label).toBe(h.id);
      expect(zh.t(rows[0]!.evidence), label).toBe(
        `交接 ${h.number} 在 打包台 A（李主管） 完成（快递员 张师傅 签字），又在 打包台 B（小王） 被作废（快递员没来取件）：以完成为准，包裹已交给快递员。请向作废的人核实`,
      );
    }
  });

  it('abandoned at B before A’s close reaches the hub: the same flag, the close still stands', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const parcel = await packAndShip(a, orders.filter(shippable)[0]!);
    await a.host.context.labels.idle();
    const h = await a.call('handover.open', { carrierCode: 'YTO' });
    await syncAll(a, b);
    await b.call('handover.abandon', { handoverId: h.id, reason: 'other', note: '开错了' });
    await b.sync();
    await a.call('handover.scan', { handoverId: h.id, code: parcel.trackingNo });
    await a.call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(a.call) });
    await syncAll(a, b);
    for (const s of [a, b]) {
      expect((await s.call('handover.get', { id: h.id })).state).toBe('closed');
      const rows = (await s.call('inbox.list', { kind: 'sync-conflict' })).rows.filter((r) => r.flagKind === 'handover.closed-abandoned');
      expect(rows).toHaveLength(1);
      // Each bench's own administrator is named where this bench knows them: the bench always.
      expect(translatorFor('zh-CN').t(rows[0]!.evidence)).toMatch(
        new RegExp(`^交接 ${h.number} 在 打包台 A(（管理员）)? 完成（快递员 张师傅 签字），又在 打包台 B(（管理员）)? 被作废（其他：开错了）：以完成为准`),
      );
    }
  });

  it('an order shipped at both benches offline: the courier takes neither parcel until a supervisor has sorted it out', async () => {
    const { hub, keep } = await fresh();
    const { a, b, orders } = await twoStationShop(hub);
    for (const s of [a, b]) keep(s.host);
    const order = orders.filter(shippable)[0]!;
    // Both benches pack the same order before either hears of the other.
    const [atA, atB] = [await packAndShip(a, order), await packAndShip(b, order)];
    for (const s of [a, b]) await s.host.context.labels.idle();
    await syncAll(a, b);
    const flag = (await a.call('flags.list', { open: true })).flags.find((f) => f.kind === 'ship.double');
    expect(flag).toBeDefined();

    const h = await a.call('handover.open', { carrierCode: 'YTO' });
    for (const p of [atA, atB]) {
      expect((await a.call('handover.scan', { handoverId: h.id, code: p.trackingNo })).scan).toMatchObject({
        outcome: 'intercepted', detail: { key: 'handover.detail.doubleShipped' },
      });
    }
    // The supervisor voids B's parcel and closes the flag: A's parcel goes with the courier.
    await a.call('shipments.void', { id: atB.id, reason: '重复发货' });
    await a.call('inbox.resolve', { key: `flag:${flag!.flagId}`, note: '作废了 B 的面单，商品放回' });
    await syncAll(a, b);
    expect((await a.call('handover.scan', { handoverId: h.id, code: atA.trackingNo })).scan.outcome).toBe('accepted');
    const closed = await a.call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(a.call) });
    expect(closed.accepted.map((p) => p.trackingNo)).toEqual([atA.trackingNo]);
  });
});

describe('handover RPCs against hostile input', () => {
  const fresh = hubShops('sqlite');

  it('generated inputs to every handover procedure are refused with a known code or taken as a scan; nothing breaks the handover', async () => {
    const { hub, keep } = await fresh();
    const { a, orders } = await twoStationShop(hub);
    keep(a.host);
    const parcel = await packAndShip(a, orders.filter(shippable)[0]!);
    await a.host.context.labels.idle();
    const h = await a.call('handover.open', { carrierCode: 'YTO' });
    const methods = ['handover.open', 'handover.scan', 'handover.close', 'handover.get', 'handover.list', 'handover.sheet', 'handover.carriers', 'handover.scanFirst'] as const;
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(h.id, '', ' ', '\u0000', 'YT'.repeat(80), parcel.trackingNo, '../../etc/passwd', 'a'.repeat(64)));
    const input = fc.oneof(
      fc.record({ handoverId: text, code: text }, { requiredKeys: [] }),
      fc.record({ handoverId: text, courierName: text, signatureHash: fc.oneof(text, fc.constant(null)), photoHashes: fc.array(text, { maxLength: 8 }) }, { requiredKeys: [] }),
      fc.record({ carrierCode: text, id: text, state: text, limit: fc.integer(), offset: fc.integer() }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    let seq = 1;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), input, async (method, value) => {
        const answer = await a.host.server.dispatch({ t: 'req', id: seq++, method, input: value });
        if (answer.ok) return;
        expect(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'], JSON.stringify({ method, value, answer })).toContain(answer.error.code);
      }),
      { numRuns: 300 },
    );
    // The handover still reads and closes; the real parcel is in it at most once, whatever was thrown at it.
    const after = await a.call('handover.get', { id: h.id });
    expect(after.accepted.filter((p) => p.trackingNo === parcel.trackingNo).length).toBeLessThanOrEqual(1);
    expect(after.scans.every((s) => s.code.length <= 128 && s.code === s.code.trim())).toBe(true);
  }, 120_000);
});
