import { describe, expect, it } from 'vitest';
import { msg, type Message } from '#shared/i18n/message';
import { opLabel, ops, PARKED_MAX_BYTES, readOp } from '#shared/ops/index';
import { call, hubBackends, pullAll, versions, type HubStation, type PushBody, type Reply } from '../helpers/hub-db';
import { op, orderPayload } from '../helpers/op-fixtures';
import { hubShops, type PairedHost } from '../helpers/paired-host';

/**
 * The attacks of issue 7 that concern the hub's log, each over real HTTP on both engines, with an
 * honest bench (a real station with its own database and log applier) that must keep syncing.
 */
const YTO = Array.from({ length: 400 }, (_, i) => `YT75${String(10_000_000_000 + i)}`);
const invalid = (type: string, field: string, problem: string) => msg('opRefusal.invalid', { type: opLabel(type), field, problem: msg(problem as never) });
const outcomes = (reply: Reply<PushBody>) => reply.body.results.map((r) => r.outcome);
const reasons = (reply: Reply<PushBody>) => reply.body.results.map((r) => r.reason);

describe.each(hubBackends)('a hostile station against the hub (%s)', (backend) => {
  const shop = hubShops(backend, YTO);

  /** Every station entry in the log passes its own schema (or waits, small, for a newer hub). */
  async function expectCleanLog(reader: HubStation) {
    for (const e of await pullAll(reader)) {
      const read = readOp(e.type, e.version, e.payload);
      expect([e.hubSeq, read.kind === 'unknown' ? 'parked' : read.kind]).toEqual([e.hubSeq, e.outcome === 'parked' ? 'parked' : 'known']);
    }
  }

  /** The bench pulls past everything the log holds, applies all of it but what waits for a newer version. */
  const reachesHead = async (bench: PairedHost, parked = 0) =>
    expect(await bench.catchUp()).toEqual({ reachedHead: true, pendingOps: 0, lastError: null, state: 'online', parkedOps: parked });

  it('(1) an order without its receiver, or with carrierName null, is refused; an honest bench still reaches the head and gets waybills', async () => {
    const { hub, bench } = await shop();
    const office = await hub.station('office', 'admin');
    const packer = await hub.station('p');
    const sup = await hub.station('s', 'supervisor');
    await office.push(op('user.saved', { id: 'u-boss', role: 'supervisor' }));
    const { receiver: _dropped, ...noReceiver } = orderPayload('1001');
    const nullCarrier = { ...orderPayload('1002'), carrierName: null };
    const bad = [{ type: 'order.imported', payload: noReceiver }, { type: 'order.imported', payload: nullCarrier }];
    for (const [station, extra] of [[packer, {}], [sup, {}], [packer, { authorizedBy: 'u-boss' }]] as const) {
      const res = await station.push(...bad.map((o) => ({ ...o, ...extra })), op('scan.recorded'));
      expect(outcomes(res)).toEqual(['rejected', 'rejected', 'accepted']);
      expect(reasons(res).slice(0, 2)).toEqual([invalid('order.imported', 'receiver', 'opProblem.invalid_type'), invalid('order.imported', 'carrierName', 'opProblem.invalid_type')]);
    }
    await office.push({ type: 'order.imported', payload: orderPayload('1003') });

    const honest = await bench('honest');
    await reachesHead(honest);
    expect((await honest.call('orders.list', { query: '', state: 'all', limit: 10, offset: 0 })).orders.map((o) => o.externalId)).toEqual(['1003']);
    expect(await honest.freeNumbers('YTO')).toBeGreaterThan(0);
    await expectCleanLog(office);
  });

  it('(2) ops of ~7.9 MB each are refused for size; a new bench catches up to the head; no 500', async () => {
    const { hub, bench } = await shop();
    const sup = await hub.station('s', 'supervisor');
    const blob = 'x'.repeat(7_900_000);
    // 4 rather than the report's 70 (two of a known type, two unknown): each op is judged on its own,
    // so more of them change nothing but the run time (the log never holds one, so no pull page grows).
    for (let i = 0; i < 4; i++) {
      const known = i % 2 === 0;
      const res = await sup.push(known ? { type: 'order.imported', payload: orderPayload(`${i}`, { buyerMessage: blob }) } : { type: 'pallet.wrapped', payload: { blob } });
      expect(res.status).toBe(200);
      const reason = res.body.results[0]!.reason as Message;
      expect([res.body.results[0]!.outcome, reason.key]).toEqual(['rejected', known ? 'opRefusal.tooLarge' : 'opRefusal.tooLargeToPark']);
      expect(reason.params).toMatchObject({ max: known ? ops['order.imported'].maxBytes : PARKED_MAX_BYTES });
    }
    expect(outcomes(await sup.push(op('sku.saved')))).toEqual(['accepted']);
    await reachesHead(await bench('new'));
    await expectCleanLog(sup);
  });

  it('(3) a NUL in a SKU code or an order id is refused, never a 500, and the station\'s later ops go on', async () => {
    const { hub, bench } = await shop();
    const sup = await hub.station('s', 'supervisor');
    const batch = sup.record(
      op('stock.delta', { skuCode: 'SKU\u00001' }),
      op('stock.counted', { skuCode: 'SKU\u00001' }),
      op('sku.saved', { code: 'SKU\u00001' }),
      op('order.claimed', { orderId: 'taobao:1\u00002' }),
      { type: 'order.imported', payload: orderPayload('1\u00002') },
      op('stock.delta', { skuCode: 'SKU-1' }),
    );
    // The old hub answered 500 to every retry of such a push: the same answer twice here.
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await sup.send(batch);
      expect(res.status).toBe(200);
      expect(outcomes(res)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
      expect(reasons(res).slice(0, 4)).toEqual([
        invalid('stock.delta', 'skuCode', 'opProblem.control'),
        invalid('stock.counted', 'skuCode', 'opProblem.control'),
        invalid('sku.saved', 'code', 'opProblem.control'),
        invalid('order.claimed', 'orderId', 'opProblem.format'),
      ]);
    }
    expect(outcomes(await sup.push(op('stock.delta', { skuCode: 'SKU-1' })))).toEqual(['accepted']);
    await reachesHead(await bench('honest'));
    await expectCleanLog(sup);
  });

  it('(3) a NUL anywhere else in a push or a pull is a 4xx or a refused op, never a 500', async () => {
    const { hub, bench } = await shop();
    const a = await hub.station('a');
    const good = a.record(op('scan.recorded'))[0]!;
    const body = (over: Record<string, unknown>, opOver: Record<string, unknown> = {}) => ({ ...versions, hubEpoch: null, ops: [{ ...good, ...opOver }], ...over });
    const push = (b: unknown) => call(hub.url, a.token, 'POST', '/sync/push', b);
    expect((await push(body({ appVersion: '1.0\u0000' }))).status).toBe(400);
    expect((await push(body({ hubEpoch: 'e\u0000' }))).status).toBe(409);
    const pull = (query: string) => call(hub.url, a.token, 'GET', `/sync/pull?protocol=2&schemaVersion=2&${query}`);
    expect((await pull('appVersion=1%00&after=0')).status).toBe(400);
    expect((await pull('appVersion=1&after=0%00')).status).toBe(400);
    expect((await pull('appVersion=1&after=0&hubEpoch=%00')).status).toBe(409);
    for (const field of ['opId', 'type', 'authorizedBy', 'createdAt']) {
      const res = (await push(body({}, { [field]: `x\u0000` }))) as Reply<PushBody>;
      expect([field, res.status, outcomes(res)]).toEqual([field, 200, ['rejected']]);
      // Refused, so its place in the sequence is taken: the next op follows it.
      good.stationSeq++;
    }
    expect(outcomes((await push(body({}, { opId: 'after-nul' }))) as Reply<PushBody>)).toEqual(['accepted']);
    const lease = (carrierCode: string) => call(hub.url, a.token, 'POST', '/sync/lease', { ...versions, hubEpoch: null, carrierCode, count: 5 });
    expect((await lease('YT\u0000')).status).toBe(400);
    expect((await lease('YTO')).status).toBe(200);
    for (const [stationId, stationName] of [['st-nul-name', '一号台\u0000'], ['st-nul\u0000', '一号台']]) {
      const { code } = await hub.hub.newPairingCode('packer');
      expect((await call(hub.url, null, 'POST', '/pair', { ...versions, code, stationId, stationName })).status).toBe(400);
    }
    await reachesHead(await bench('honest'));
  });

  it('a station id that flags and leases cannot name is refused at pairing: it could make every honest push that flags it fail', async () => {
    const { hub, bench } = await shop();
    for (const stationId of ['bench #1', '一号台', '-st', 'st/../x', 'x'.repeat(65)]) {
      const { code } = await hub.hub.newPairingCode('packer');
      const res = await call(hub.url, null, 'POST', '/pair', { ...versions, code, stationId, stationName: 'odd' });
      expect([stationId, res.status]).toEqual([stationId, 400]);
    }
    // Two benches claiming one order: the flag names both, and both go on.
    const [a, b] = [await hub.station('a', 'packer', 'st-a'), await hub.station('b', 'packer', '0197f0c2-7d3e-7c4a-9b1e-5f6a7b8c9d0e')];
    expect(outcomes(await a.push(op('order.claimed', { orderId: 'taobao:5' })))).toEqual(['accepted']);
    expect(outcomes(await b.push(op('order.claimed', { orderId: 'taobao:5' })))).toEqual(['conflict']);
    await reachesHead(await bench('honest'));
  });

  it('what the hub writes itself stays within its own schema, however many blind decisions or however far a count is off', async () => {
    const { hub, bench } = await shop();
    const sup = await hub.station('s', 'supervisor');
    await sup.push(op('damage.reported', { id: 'r1' }));
    // Each decision differs from the ones before it that it had not seen: 210 of them once made a flag too long to write.
    const decisions = ['write-off', 'restock', 'reject'] as const;
    for (let i = 0; i < 210; i += 30) {
      const res = await sup.push(...Array.from({ length: 30 }, (_, j) => op('damage.decided', { reportId: 'r1', decision: decisions[(i + j) % 3]!, seenHubSeq: 0 })));
      expect([i, res.status]).toEqual([i, 200]);
    }
    const flags = (await pullAll(sup)).filter((e) => e.type === 'flag.raised').map((e) => e.payload['message']);
    expect(flags.at(-1)).toEqual(msg('flagText.conflictingDecisions', { report: 'r1', decisions: 'write-off / restock / reject' }));

    // The hub books counted − known as one stock movement: a count further off than one can book is
    // refused, not a 500. BOLT's first count is its opening stock; the later far-off one is flagged.
    const counts = await sup.push(
      op('stock.counted', { skuCode: 'BOLT', countedQty: 1, knownQty: 0 }),
      op('stock.counted', { skuCode: 'BOLT', countedQty: 5_000_000, knownQty: 0 }),
      op('stock.counted', { skuCode: 'BOLT', countedQty: 10, knownQty: 695_974_895 }),
      op('stock.counted', { skuCode: 'BOLT', countedQty: 1_000_000, knownQty: 0 }),
    );
    expect(outcomes(counts)).toEqual(['accepted', 'rejected', 'rejected', 'conflict']);
    expect(reasons(counts)[1]).toEqual(invalid('stock.counted', 'countedQty', 'opProblem.too_big'));
    await reachesHead(await bench('honest'));
    await expectCleanLog(sup);
  });

  it('(4) a packer cannot push supervisor facts on its own; an active supervisor\'s authority can; an unknown or disabled one cannot', async () => {
    const { hub } = await shop();
    const office = await hub.station('office', 'admin');
    const packer = await hub.station('p');
    const other = await hub.station('other');
    await office.push(
      op('user.saved', { id: 'u-boss', role: 'supervisor' }),
      op('user.saved', { id: 'u-gone', role: 'supervisor' }),
      op('user.saved', { id: 'u-packer', role: 'packer' }),
      op('user.saved', { id: 'u-gone', role: 'supervisor', active: false }),
      { type: 'order.imported', payload: orderPayload('77') },
    );
    const receiverRewritten = orderPayload('77', { receiver: { ...orderPayload('77').receiver, detail: '骗子路 1 号' } });
    const gated = () => [
      op('barcode.bound'),
      op('shipment.voided'),
      op('stock.delta', { cause: 'adjust', delta: 500 }),
      op('stock.counted', { countedQty: 999 }),
      op('sku.saved', { name: '改名' }),
      // A return the order did not account for, taken in anyway: a supervisor's confirmation.
      op('return.received', { confirmed: true }),
      { type: 'order.imported', payload: receiverRewritten },
      { type: 'order.imported', payload: orderPayload('77', { platformStatus: 'TRADE_CLOSED' }) },
    ];
    const alone = await packer.push(...gated(), op('audit.recorded', { authorizerId: 'u-packer' }), op('audit.recorded', { authorizerId: 'u-nobody' }));
    expect(outcomes(alone)).toEqual(Array(10).fill('rejected'));
    expect(reasons(alone)).toEqual([
      ...gated().map((o) => msg('opRefusal.role', { type: opLabel(o.type), role: msg('sync.stationRoles.packer') })),
      msg('opRefusal.authoriser', { type: opLabel('audit.recorded'), user: 'u-packer' }),
      msg('opRefusal.authoriser', { type: opLabel('audit.recorded'), user: 'u-nobody' }),
    ]);
    for (const user of ['u-nobody', 'u-gone', 'u-packer']) {
      const res = await packer.push(...gated().map((o) => ({ ...o, authorizedBy: user })));
      expect(reasons(res)).toEqual(gated().map((o) => msg('opRefusal.authoriser', { type: opLabel(o.type), user })));
    }
    // None of it reached another station.
    expect((await pullAll(other)).filter((e) => e.stationId === packer.stationId)).toEqual([]);

    // With an active supervisor's authority, the same ops are accepted (and name who authorised them).
    const authorised = await packer.push(...gated().map((o) => ({ ...o, authorizedBy: 'u-boss' })), op('audit.recorded', { authorizerId: 'u-boss' }));
    expect(outcomes(authorised).every((o) => o === 'accepted' || o === 'conflict')).toBe(true);
    const arrived = (await pullAll(other)).filter((e) => e.stationId === packer.stationId);
    expect(arrived.map((e) => [e.type, e.authorizedBy])).toEqual([...gated().map((o) => [o.type, 'u-boss']), ['audit.recorded', null]]);
  });

  it('(13) an unknown op type is parked only when small', async () => {
    const { hub, bench } = await shop();
    const a = await hub.station('a');
    const res = await a.push(
      { type: 'pallet.wrapped', payload: { blob: 'x'.repeat(1024 * 1024) } },
      { type: 'sku.saved', version: 9, payload: { blob: 'x'.repeat(PARKED_MAX_BYTES) } },
      { type: 'pallet.wrapped', payload: { blob: 'x'.repeat(PARKED_MAX_BYTES - 100) } },
    );
    expect(outcomes(res)).toEqual(['rejected', 'rejected', 'parked']);
    expect(reasons(res)[0]).toEqual(msg('opRefusal.tooLargeToPark', { type: opLabel('pallet.wrapped'), bytes: 1024 * 1024 + 11, max: PARKED_MAX_BYTES }));
    expect((await pullAll(a)).map((e) => [e.type, e.outcome])).toEqual([['pallet.wrapped', 'parked'], ['flag.raised', 'accepted']]);

    await reachesHead(await bench('honest'), 1);
    await expectCleanLog(a);
  });
});
