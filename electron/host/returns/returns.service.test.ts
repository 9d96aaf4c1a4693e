import { createCanvas } from '@napi-rs/canvas';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, SKUS, stationWithOrders } from '../../../test/host/station-with-orders';
import { msg } from '#shared/i18n/message';

type Bench = Awaited<ReturnType<typeof stationWithOrders>>;
const benches: Bench[] = [];
afterEach(() => benches.splice(0).forEach((b) => b.host.close()));

async function benchWithParcel() {
  const bench = await stationWithOrders(40);
  benches.push(bench);
  const { call, generated } = bench;
  // An order of two different SKUs, one unit each, packed and shipped at this bench.
  const order = generated.orders.find((o) => shippable(o) && o.lines.length === 2 && o.lines.every((l) => l.qty === 1) && o.lines[0]!.skuCode !== o.lines[1]!.skuCode)!;
  expect(order).toBeDefined();
  await call('bench.scan', { code: order.externalId, source: 'wedge' });
  let last;
  for (const line of order.lines) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
  expect(last!.outcome).toBe('completed');
  const parcel = last!.shipment!;
  const [good, bad] = order.lines.map((l) => l.skuCode!) as [string, string];
  const stock = async (sku: string) => {
    const found = (await call('catalog.list', { query: sku })).skus.find((s) => s.code === sku)!;
    return { onHand: found.onHand, damaged: found.damaged };
  };
  const photo = async () => {
    const canvas = createCanvas(64, 48);
    canvas.getContext('2d').fillRect(8, 8, 20, 20);
    return (await call('photos.put', { mime: 'image/jpeg', base64: (await canvas.encode('jpeg', 80)).toString('base64') })).sha256;
  };
  return { ...bench, order, parcel, good, bad, stock, photo };
}

const refusal = (call: Promise<unknown>) => call.then(() => null, (e: unknown) => (e instanceof AppError ? { code: e.code, key: e.msg.key } : e));

describe('returns intake (退货入库)', () => {
  it('a parcel back with one good and one defective item: shelf +1, damaged +1, a damage report linked to the order and parcel', async () => {
    const { call, order, parcel, good, bad, stock, photo } = await benchWithParcel();
    const before = { good: await stock(good), bad: await stock(bad) };
    expect(before.good.onHand).toBe(99);

    const found = (await call('returns.lookup', { ref: parcel.trackingNo })).found!;
    expect(found.order?.externalId).toBe(order.externalId);
    expect(found.parcel).toMatchObject({ id: parcel.id, trackingNo: parcel.trackingNo });
    expect(found.expected.map((e) => [e.skuCode, e.qty, e.returned]).sort()).toEqual([[good, 1, 0], [bad, 1, 0]].sort());
    expect(found.earlier).toEqual([]);

    const shot = await photo();
    const received = await call('returns.receive', {
      ref: parcel.trackingNo,
      items: [
        { skuCode: good, qty: 1, condition: 'good' },
        { skuCode: bad, qty: 1, condition: 'defective', reason: 'leaking' },
      ],
      photoHashes: [shot],
      note: '买家退回，瓶子漏液',
    });
    expect(received).toMatchObject({
      orderId: `taobao:${order.externalId}`, orderExternalId: order.externalId, shipmentId: parcel.id, parcelTrackingNo: parcel.trackingNo,
      scanned: parcel.trackingNo, unknown: false, photos: [shot], note: '买家退回，瓶子漏液', receivedBy: msg('roles.admin'),
      bench: { name: expect.any(String), thisBench: true },
    });
    expect(received.items).toEqual([
      { skuCode: good, skuName: `商品 ${good}`, qty: 1, condition: 'good', reason: null },
      { skuCode: bad, skuName: `商品 ${bad}`, qty: 1, condition: 'defective', reason: 'leaking' },
    ]);

    expect(await stock(good)).toEqual({ onHand: before.good.onHand + 1, damaged: 0 });
    expect(await stock(bad)).toEqual({ onHand: before.bad.onHand, damaged: 1 });

    expect(received.damageReportIds).toHaveLength(1);
    const { report } = await call('damage.get', { id: received.damageReportIds[0]! });
    expect(report).toMatchObject({
      source: 'return', returnId: received.id, orderExternalId: order.externalId, shipmentId: parcel.id, trackingNo: parcel.trackingNo,
      skuCode: bad, qty: 1, reason: 'leaking', photos: [shot], decision: null,
    });

    // The order remembers it: a second parcel of the same return is told about the first, and expects nothing more back.
    const again = (await call('returns.lookup', { ref: order.externalId })).found!;
    expect(again.earlier).toEqual([{ id: received.id, receivedAt: received.receivedAt }]);
    expect(again.expected.map((e) => [e.skuCode, e.qty, e.returned]).sort()).toEqual([[good, 0, 1], [bad, 0, 1]].sort());
    expect((await call('returns.list', {})).returns.map((r) => r.id)).toEqual([received.id]);
  });

  it('an order number links the return to the order\'s only live parcel (a voided one is no parcel)', async () => {
    const { call, order, parcel, good } = await benchWithParcel();
    const found = (await call('returns.lookup', { ref: order.externalId })).found!;
    expect(found.parcel).toMatchObject({ id: parcel.id, trackingNo: parcel.trackingNo });
    const r = await call('returns.receive', { ref: order.externalId, items: [{ skuCode: good, qty: 1, condition: 'good' }] });
    expect(r).toMatchObject({ shipmentId: parcel.id, parcelTrackingNo: parcel.trackingNo, scanned: order.externalId });
    // A voided label never went out: it is no parcel to link to.
    await call('shipments.void', { id: parcel.id, reason: '面单打错了' });
    expect((await call('returns.lookup', { ref: order.externalId })).found!.parcel).toBeNull();
  });

  it('counts a missing unit only in the return, and a case barcode as its units (more than the parcel carried: confirmed)', async () => {
    const { call, parcel, good, bad, stock } = await benchWithParcel();
    const before = await stock(good);
    const r = await call('returns.receive', {
      ref: parcel.trackingNo,
      items: [{ skuCode: `${barcodeOf(good)}C`, qty: 1, condition: 'good' }, { skuCode: bad, qty: 1, condition: 'missing' }],
      confirmed: true,
    });
    expect(r.items.map((i) => [i.skuCode, i.qty, i.condition])).toEqual([[good, 6, 'good'], [bad, 1, 'missing']]);
    expect((await stock(good)).onHand).toBe(before.onHand + 6);
    expect(await stock(bad)).toMatchObject({ damaged: 0 });
    expect(r.damageReportIds).toEqual([]);
  });

  it('the same parcel received twice, or more units than it carried, is said and taken in only once a supervisor confirms', async () => {
    const { call, parcel, order, generated, good, stock } = await benchWithParcel();
    const before = await stock(good);
    await call('returns.receive', { ref: parcel.trackingNo, items: [{ skuCode: good, qty: 1, condition: 'good' }] });
    // Received again (the same parcel scanned twice): refused with why, for anyone, until confirmed.
    const again = { ref: parcel.trackingNo, items: [{ skuCode: good, qty: 1, condition: 'good' as const }] };
    await expect(call('returns.receive', again)).rejects.toMatchObject({
      code: 'CONFLICT', msg: msg('returns.moreThanShipped', { what: msg('returns.overShipped', { sku: good, total: 2, shipped: 1, earlier: 1 }) }),
    });
    expect((await stock(good)).onHand).toBe(before.onHand + 1);
    // Every SKU the parcel does not account for is named, a product it never carried as such: a supervisor confirms what they were told.
    const other = SKUS.find((sku) => !order.lines.some((l) => l.skuCode === sku))!;
    await expect(call('returns.receive', { ...again, items: [...again.items, { skuCode: other, qty: 1, condition: 'good' as const }] })).rejects.toMatchObject({
      code: 'CONFLICT',
      msg: msg('returns.moreThanShipped', {
        what: msg('returns.andAlso', { first: msg('returns.overShipped', { sku: good, total: 2, shipped: 1, earlier: 1 }), rest: msg('returns.notInParcel', { sku: other, count: 1 }) }),
      }),
    });
    // A packer confirming is not enough: a supervisor's PIN is.
    await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    await call('session.login', { pin: '2468' });
    await expect(call('returns.receive', { ...again, confirmed: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call('returns.receive', { ...again, confirmed: true, authorizerPin: '1111' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const taken = await call('returns.receive', { ...again, confirmed: true, authorizerPin: '5678' });
    expect(taken.items).toEqual([expect.objectContaining({ skuCode: good, qty: 1 })]);
    // The list says it was taken in although it did not match, and on whose word; a return that matched says nothing of the kind.
    expect((await call('returns.list', {})).returns.map((r) => r.confirmedBy)).toEqual(['李主管', null]);
    expect((await stock(good)).onHand).toBe(before.onHand + 2);
    // An order that has not shipped has no return yet.
    const unshipped = generated.orders.find((o) => shippable(o) && o.externalId !== order.externalId)!;
    const item = { skuCode: unshipped.lines[0]!.skuCode!, qty: 1, condition: 'good' as const };
    await expect(call('returns.receive', { ref: unshipped.externalId, items: [item] })).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'returns.notShipped', params: { order: unshipped.externalId } } });
  });

  it('whatever is scanned out of a parcel, again and again, nothing beyond what it carried reaches the shelf without a supervisor (generated returns)', async () => {
    const { call, parcel, order, stock } = await benchWithParcel();
    const carried = new Set(order.lines.map((l) => l.skuCode!));
    const before = new Map(await Promise.all(SKUS.map(async (sku) => [sku, await stock(sku)] as const)));
    const item = fc.record({
      skuCode: fc.constantFrom(...SKUS, `${barcodeOf(SKUS[0]!)}C`, ...carried),
      qty: fc.integer({ min: 1, max: 7 }),
      condition: fc.constantFrom('good', 'defective', 'missing'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 4 }), async (items) => {
        const answer = await refusal(call('returns.receive', { ref: parcel.trackingNo, items: items.map((i) => ({ ...i, reason: i.condition === 'defective' ? 'broken' : null })) }));
        // Taken in, or refused saying why: never anything else.
        if (answer !== null) expect(answer).toMatchObject({ code: 'CONFLICT', key: 'returns.moreThanShipped' });
      }),
      { numRuns: 25 },
    );
    // Over every return taken in without a confirmation: each SKU back no more than the parcel carried, nothing else at all.
    for (const sku of SKUS) {
      const now = await stock(sku);
      const back = now.onHand - before.get(sku)!.onHand + now.damaged - before.get(sku)!.damaged;
      expect(back).toBeLessThanOrEqual(carried.has(sku) ? 1 : 0);
    }
  });

  it('an order shipped in two parcels of the same SKU takes each parcel back without a question', async () => {
    const bench = await stationWithOrders(40);
    benches.push(bench);
    const { call, generated } = bench;
    const order = generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty >= 2)!;
    expect(order).toBeDefined();
    const sku = order.lines[0]!.skuCode!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    await call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    const first = (await call('bench.ship', { parcelCount: 1, partial: true })).shipments[0]!;
    let last;
    for (let i = 1; i < order.lines[0]!.qty; i++) last = await call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    const second = last!.shipment ?? (await call('bench.ship', { parcelCount: 1, partial: false })).shipments[0]!;
    // By the order number, which of the two came back is not known: none is linked.
    expect((await call('returns.lookup', { ref: order.externalId })).found!.parcel).toBeNull();
    await call('returns.receive', { ref: first.trackingNo, items: [{ skuCode: sku, qty: 1, condition: 'good' }] });
    // The second parcel still expects back all it carried: the unit back so far came from the first.
    expect((await call('returns.lookup', { ref: second.trackingNo })).found!.expected).toEqual([expect.objectContaining({ skuCode: sku, qty: order.lines[0]!.qty - 1, returned: 1 })]);
    const back = await call('returns.receive', { ref: second.trackingNo, items: [{ skuCode: sku, qty: order.lines[0]!.qty - 1, condition: 'good' }] });
    expect(back.parcelTrackingNo).toBe(second.trackingNo);
    // One more is more than the order had.
    await expect(call('returns.receive', { ref: second.trackingNo, items: [{ skuCode: sku, qty: 1, condition: 'good' }] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps a parcel that matches no order as an unknown return with its photos and note, and asks first', async () => {
    const { call, photo } = await benchWithParcel();
    expect((await call('returns.lookup', { ref: 'SF1400000000099' })).found).toBeNull();
    expect(await refusal(call('returns.receive', { ref: 'SF1400000000099', items: [] }))).toEqual({ code: 'NOT_FOUND', key: 'returns.notFound' });
    // Nothing can be missing from a parcel that matches no order.
    const missing = { ref: 'SF1400000000099', allowUnknown: true, items: [{ skuCode: 'SKU-0001', qty: 1, condition: 'missing' as const }] };
    expect(await refusal(call('returns.receive', missing))).toEqual({ code: 'INVALID_INPUT', key: 'returns.missingUnknown' });
    const shots = [await photo()];
    const unknown = await call('returns.receive', { ref: 'SF1400000000099', allowUnknown: true, items: [], photoHashes: shots, note: '无单号的退件，内有杯子一个' });
    expect(unknown).toMatchObject({ unknown: true, orderId: null, shipmentId: null, scanned: 'SF1400000000099', photos: shots, items: [], note: '无单号的退件，内有杯子一个' });
    expect((await call('returns.list', { filter: 'unknown' })).returns.map((r) => r.id)).toEqual([unknown.id]);
    expect((await call('returns.get', { id: unknown.id })).photos).toEqual(shots);
  });

  it('a defective unit in an unknown return is reported under the number scanned, and the return\'s note is not its damage description', async () => {
    const { call } = await benchWithParcel();
    const unknown = await call('returns.receive', {
      ref: 'ZT9999999999', allowUnknown: true, note: '买家七天无理由',
      items: [{ skuCode: 'SKU-0004', qty: 1, condition: 'good' }, { skuCode: 'SKU-0005', qty: 1, condition: 'defective', reason: 'broken' }],
    });
    const { report } = await call('damage.get', { id: unknown.damageReportIds[0]! });
    expect(report).toMatchObject({ orderExternalId: null, returnId: unknown.id, returnScanned: 'ZT9999999999', note: '' });
    expect((await call('damage.list', { filter: 'open' })).reports[0]).toMatchObject({ id: report.id, returnScanned: 'ZT9999999999' });
    // The inbox row names the return, and does not read the return's note as what is wrong with the unit.
    const row = (await call('inbox.list', {})).rows.find((r) => r.refId === report.id)!;
    expect(row.evidence).toEqual(msg('inbox.evidence.damageReturn', {
      what: msg('inbox.evidence.damage', { sku: 'SKU-0005', name: '商品 SKU-0005', qty: 1, reason: msg('damageReasons.broken') }), ref: 'ZT9999999999',
    }));
    // 其他 demands words that say what is wrong: those are the report's own.
    const other = await call('returns.receive', { ref: 'ZT9999999998', allowUnknown: true, note: '盒子被压扁', items: [{ skuCode: 'SKU-0005', qty: 1, condition: 'defective', reason: 'other' }] });
    expect((await call('damage.get', { id: other.damageReportIds[0]! })).report.note).toBe('盒子被压扁');
  });

  it('refuses what it cannot file: nothing marked, an unknown SKU, 其他 without a note; and a bench nobody is logged in at', async () => {
    const { call, parcel, bad } = await benchWithParcel();
    expect(await refusal(call('returns.receive', { ref: parcel.trackingNo, items: [] }))).toEqual({ code: 'INVALID_INPUT', key: 'returns.nothingMarked' });
    expect(await refusal(call('returns.receive', { ref: parcel.trackingNo, items: [{ skuCode: 'NO-SUCH', qty: 1, condition: 'good' }] }))).toEqual({ code: 'NOT_FOUND', key: 'returns.skuNotFound' });
    const other = { ref: parcel.trackingNo, items: [{ skuCode: bad, qty: 1, condition: 'defective' as const, reason: 'other' as const }] };
    expect(await refusal(call('returns.receive', other))).toEqual({ code: 'INVALID_INPUT', key: 'returns.noteRequired' });
    await call('session.logout', {});
    expect(await refusal(call('returns.receive', { ...other, note: '盒子被压扁' }))).toMatchObject({ code: 'FORBIDDEN' });
    await call('session.login', { pin: '0000' });
    expect((await call('returns.list', {})).total).toBe(0);
  });
});
