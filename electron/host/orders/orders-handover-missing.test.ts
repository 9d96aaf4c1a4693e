import { afterEach, describe, expect, it } from 'vitest';
import { handoverStation, shipOrder, signature, waiting } from '../../../test/helpers/handover-shop';

type Station = Awaited<ReturnType<typeof handoverStation>>;
const open: Station[] = [];
afterEach(() => open.splice(0).forEach((s) => s.host.close()));

describe('orders a courier handover left a parcel of behind (交接少件)', () => {
  it('are listed shipped but marked, found under their own filter, and clear once a later handover takes the parcel', async () => {
    const station = await handoverStation();
    open.push(station);
    const { call, model } = station;
    const [first, second] = waiting(model);
    const taken = await shipOrder(call, first!);
    const left = await shipOrder(call, second!);
    const list = async (state: 'shipped' | 'handover-missing') =>
      (await call('orders.list', { state, limit: 100 })).orders.map((o) => [o.externalId, o.handoverMissing]).sort();

    // Printed, no handover yet: shipped, nothing missing.
    expect(await list('handover-missing')).toEqual([]);
    const h = await call('handover.open', { carrierCode: 'YTO' });
    await call('handover.scan', { handoverId: h.id, code: taken.trackingNo });
    const closed = await call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(call) });
    expect(closed.missing.map((p) => p.trackingNo)).toEqual([left.trackingNo]);

    // Both still count as shipped; the one left behind says so, and its filter finds it alone.
    expect(await list('shipped')).toEqual([[first!.id, false], [second!.id, true]].sort());
    const found = await call('orders.list', { state: 'handover-missing', limit: 100 });
    expect(found.total).toBe(1);
    expect(found.orders.map((o) => [o.externalId, o.packState, o.handoverMissing])).toEqual([[second!.id, 'shipped', true]]);
    // Searched for by its number, it says so too.
    expect((await call('orders.list', { query: second!.id, limit: 10 })).orders[0]?.handoverMissing).toBe(true);

    // The next pickup takes it: no longer missing anywhere.
    const next = await call('handover.open', { carrierCode: 'YTO' });
    await call('handover.scan', { handoverId: next.id, code: left.trackingNo });
    await call('handover.close', { handoverId: next.id, courierName: '张师傅', signatureHash: await signature(call) });
    expect(await list('handover-missing')).toEqual([]);
    expect(await list('shipped')).toEqual([[first!.id, false], [second!.id, false]].sort());
  });
});
