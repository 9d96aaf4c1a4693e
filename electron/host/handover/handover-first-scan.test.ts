import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { handoverStation, shipOrder, waiting } from '../../../test/helpers/handover-shop';

type Station = Awaited<ReturnType<typeof handoverStation>>;
const open: Station[] = [];
afterEach(() => open.splice(0).forEach((s) => s.host.close()));
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { code: e.code, key: e.msg.key, params: e.msg.params } : e));

describe('courier handover: what a scan names', () => {
  it('an order number scanned into a handover says so, not "unknown tracking number"', async () => {
    const station = await handoverStation();
    open.push(station);
    const { call, model } = station;
    const [shipped, other] = waiting(model);
    await shipOrder(call, shipped!);
    const h = await call('handover.open', { carrierCode: 'YTO' });
    const scan = async (code: string) => (await call('handover.scan', { handoverId: h.id, code })).scan;
    // The order of a parcel in this pickup, and one not shipped yet: both are order numbers, neither a parcel.
    expect(await scan(shipped!.id)).toMatchObject({ outcome: 'unexpected-order', code: shipped!.id, trackingNo: null });
    expect(await scan(` ${other!.id} `)).toMatchObject({ outcome: 'unexpected-order' });
    expect(await scan('YT9999999999999')).toMatchObject({ outcome: 'unexpected-unknown' });
    const after = await call('handover.get', { id: h.id });
    expect(after.unexpected.map((s) => s.outcome).sort()).toEqual(['unexpected-order', 'unexpected-order', 'unexpected-unknown']);
    expect(after.counts).toMatchObject({ unexpected: 3, accepted: 0 });
  });

  it('with no handover open, a parcel scanned opens its carrier’s handover and goes into it; the next carries on; an unknown number opens nothing', async () => {
    const station = await handoverStation();
    open.push(station);
    const { call, model } = station;
    const orders = waiting(model).slice(0, 3);
    const parcels = [];
    for (const o of orders.slice(0, 2)) parcels.push(await shipOrder(call, o));
    expect((await call('handover.list', { state: 'open' })).total).toBe(0);

    const first = await call('handover.scanFirst', { code: parcels[0]!.trackingNo.toLowerCase() });
    expect(first.handover).toMatchObject({ state: 'open', carrierCode: 'YTO', counts: { accepted: 1, missing: 1 } });
    expect(first.scan).toMatchObject({ outcome: 'accepted', trackingNo: parcels[0]!.trackingNo });
    const second = await call('handover.scanFirst', { code: parcels[1]!.trackingNo });
    expect(second.handover.id).toBe(first.handover.id);
    expect(second.handover.counts).toMatchObject({ accepted: 2, missing: 0 });

    // Nothing to open for: refused, saying what the code is. No handover is made for it.
    expect(await refusal(call('handover.scanFirst', { code: orders[2]!.id }))).toMatchObject({ code: 'NOT_FOUND', key: 'handover.outcomes.unexpected-order' });
    expect(await refusal(call('handover.scanFirst', { code: 'YT9999999999999' }))).toEqual({ code: 'NOT_FOUND', key: 'handover.noParcel', params: { code: 'YT9999999999999' } });
    expect((await call('handover.list', { state: 'open' })).total).toBe(1);
  });
});
