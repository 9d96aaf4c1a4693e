import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { flagsIn, hubBackends, hubStorage, pullAll, startTestHub, type TestHub } from '../helpers/hub-db';
import { op, orderPayload } from '../helpers/op-fixtures';

/** order.imported v1 (a status always said) and v2 (null: the file did not say), side by side at the hub. */
describe.each(hubBackends)('hub: an order whose platform status is not known (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  const hubOrder = async (id: string) => (await hub.hub.backup()).tables.hub_orders.find((r) => r['order_id'] === id);

  it('accepts v1 and v2 imports; a null status claims nothing and forgets nothing an earlier import said', async () => {
    hub = await startTestHub(await storage.fresh());
    const office = await hub.station('office', 'admin');
    const packer = await hub.station('p');
    const pushed = await office.push(
      { type: 'order.imported', version: 1, payload: orderPayload('7', { platformStatus: 'TRADE_CLOSED' }) },
      { type: 'order.imported', version: 2, payload: orderPayload('8', { platformStatus: null }) },
    );
    expect(pushed.body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(await hubOrder('taobao:7')).toMatchObject({ platform_status: 'TRADE_CLOSED', cancelled: 1 });
    expect(await hubOrder('taobao:8')).toMatchObject({ platform_status: null, cancelled: 0 });

    // The unknown-status order ships without a flag; the closed one still stays closed when a file says nothing.
    expect((await packer.push(op('shipment.created', { id: 's8', groupId: 's8', orderId: 'taobao:8', orderExternalId: '8', trackingNo: 'YT0000000000081' }))).body.results[0])
      .toMatchObject({ outcome: 'accepted', reason: null });
    await office.push({ type: 'order.imported', payload: orderPayload('7', { platformStatus: null }) });
    expect(await hubOrder('taobao:7')).toMatchObject({ platform_status: 'TRADE_CLOSED', cancelled: 1 });
    expect(flagsIn(await pullAll(packer))).toEqual([]);
    // A v1 op without a status was never valid, and is still refused.
    const bad = await office.push({ type: 'order.imported', version: 1, payload: orderPayload('9', { platformStatus: null }) });
    expect(bad.body.results[0]!.outcome).toBe('rejected');
  });
});
