import { msg } from '#shared/i18n/message';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { handoverStation, shipOrder, signature, waiting } from '../../../test/helpers/handover-shop';

type Station = Awaited<ReturnType<typeof handoverStation>>;
const open: Station[] = [];
afterEach(() => open.splice(0).forEach((s) => s.host.close()));
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { code: e.code, key: e.msg.key } : e));

/** A station with four YTO parcels printed, and a packer 小王 (PIN 2468) besides the admin. */
async function shopWithParcels() {
  const station = await handoverStation();
  open.push(station);
  const { call, model } = station;
  const parcels: Awaited<ReturnType<typeof shipOrder>>[] = [];
  for (const o of waiting(model).slice(0, 4)) parcels.push(await shipOrder(call, o));
  await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
  return { ...station, parcels };
}

describe('abandoning a handover (作废交接)', () => {
  it('a packer abandons an empty one opened by mistake: gone from the handovers under way, in the history as abandoned, no sheet, nothing missing', async () => {
    const { call } = await shopWithParcels();
    await call('session.login', { pin: '2468' });
    const h = await call('handover.open', { carrierCode: 'ZTO' });
    const abandoned = await call('handover.abandon', { handoverId: h.id, reason: 'wrong-carrier' });
    expect(abandoned).toMatchObject({ state: 'abandoned', closedAt: null, courierName: null, accepted: [], missing: [], intercepted: [] });
    expect(abandoned.abandoned).toMatchObject({ reason: 'wrong-carrier', note: '', by: '小王', parcels: 0 });
    expect(abandoned.putBack).toEqual([]);
    expect((await call('handover.list', { state: 'open' })).handovers).toEqual([]);
    expect((await call('handover.list', { state: 'closed' })).handovers.map((x) => [x.id, x.state])).toEqual([[h.id, 'abandoned']]);
    expect(await refusal(call('handover.sheet', { id: h.id }))).toEqual({ code: 'CONFLICT', key: 'handover.abandon.noSheet' });
    expect(await refusal(call('handover.print', { id: h.id }))).toEqual({ code: 'CONFLICT', key: 'handover.abandon.noSheet' });
    expect((await call('inbox.list', { kind: 'handover-missing' })).rows).toEqual([]);
    // Abandoned is final: not again, not closed, no scan into it; the carrier's next pickup is a new handover.
    expect(await refusal(call('handover.abandon', { handoverId: h.id, reason: 'opened-twice' }))).toEqual({ code: 'CONFLICT', key: 'handover.alreadyAbandoned' });
    await call('session.login', { pin: '0000' });
    expect(await refusal(call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(call) }))).toEqual({ code: 'CONFLICT', key: 'handover.alreadyAbandoned' });
    expect(await refusal(call('handover.scan', { handoverId: h.id, code: 'YT7400000000001' }))).toEqual({ code: 'CONFLICT', key: 'handover.alreadyAbandoned' });
    expect((await call('handover.open', { carrierCode: 'ZTO' })).id).not.toBe(h.id);
  });

  it('one with parcels scanned in takes a supervisor; once abandoned its parcels wait again and go with the next handover, none listed missing', async () => {
    const { call, parcels } = await shopWithParcels();
    await call('session.login', { pin: '2468' });
    const h = await call('handover.open', { carrierCode: 'YTO' });
    for (const p of parcels.slice(0, 2)) expect((await call('handover.scan', { handoverId: h.id, code: p.trackingNo })).scan.outcome).toBe('accepted');
    expect(await call('handover.carriers', {})).toEqual([{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 4, kept: 0 }]);

    // The packer alone may not undo scanned parcels; a wrong PIN neither; a supervisor's PIN (here the admin's) may.
    expect(await refusal(call('handover.abandon', { handoverId: h.id, reason: 'no-pickup' }))).toEqual({ code: 'FORBIDDEN', key: 'session.supervisorRequired' });
    expect(await refusal(call('handover.abandon', { handoverId: h.id, reason: 'no-pickup', authorizerPin: '2468' }))).toEqual({ code: 'FORBIDDEN', key: 'session.supervisorRequired' });
    expect(await refusal(call('handover.abandon', { handoverId: h.id, reason: 'other' }))).toEqual({ code: 'INVALID_INPUT', key: 'handover.abandon.noteRequired' });
    expect((await call('handover.get', { id: h.id })).state).toBe('open');
    const abandoned = await call('handover.abandon', { handoverId: h.id, reason: 'no-pickup', note: '快递员改明天来', authorizerPin: '0000' });
    expect(abandoned).toMatchObject({
      state: 'abandoned', counts: { accepted: 0, missing: 0, intercepted: 0, scanned: 2 }, abandoned: { reason: 'no-pickup', note: '快递员改明天来', parcels: 2 },
    });
    // Its page says which parcels were scanned in and put back, not a 少件 list of none.
    expect(abandoned.putBack.map((p) => [p.trackingNo, p.reason])).toEqual(parcels.slice(0, 2).map((p) => [p.trackingNo, null]).sort());
    // The audit names the supervisor whose PIN it rests on.
    await call('session.login', { pin: '0000' });
    const audit = (await call('audit.list', { limit: 20 })).entries.find((e) => e.what.key === 'audit.ops.handover.abandoned');
    // …and says which handover (its number, as the history shows it), why, and how many parcels went back.
    expect(audit).toMatchObject({
      target: abandoned.number,
      note: msg('audit.notes.handoverAbandonedNote', { reason: msg('handover.abandon.reasons.no-pickup'), note: '快递员改明天来', parcels: 2 }),
    });

    // Nothing handed over, nothing missing: the parcels wait, and the next pickup takes them as if the first never was.
    const shipped = (await call('shipments.list', { state: 'active', limit: 100 })).shipments;
    expect(shipped.filter((s) => s.handover !== null)).toEqual([]);
    expect(await call('handover.carriers', {})).toEqual([{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 4, kept: 0 }]);
    const next = await call('handover.open', { carrierCode: 'YTO' });
    expect(next.id).not.toBe(h.id);
    expect(next.counts).toMatchObject({ expected: 4, accepted: 0, missing: 4 });
    for (const p of parcels) expect((await call('handover.scan', { handoverId: next.id, code: p.trackingNo })).scan.outcome).toBe('accepted');
    const closed = await call('handover.close', { handoverId: next.id, courierName: '张师傅', signatureHash: await signature(call) });
    expect(closed.counts).toMatchObject({ accepted: 4, missing: 0 });
    // The abandoned one still tells its 2, and that they have left with the next pickup since.
    const after = await call('handover.get', { id: h.id });
    expect(after.abandoned?.parcels).toBe(2);
    expect(after.putBack.map((p) => p.reason)).toEqual([msg('handover.detail.handedOver', { at: closed.closedAt! }), msg('handover.detail.handedOver', { at: closed.closedAt! })]);
    expect((await call('handover.list', { state: 'closed' })).handovers.find((x) => x.id === h.id)?.abandoned?.parcels).toBe(2);
    expect((await call('inbox.list', { kind: 'handover-missing' })).rows).toEqual([]);
    // A closed handover cannot be abandoned.
    expect(await refusal(call('handover.abandon', { handoverId: next.id, reason: 'opened-twice' }))).toEqual({ code: 'CONFLICT', key: 'handover.alreadyClosed' });
  });
});
