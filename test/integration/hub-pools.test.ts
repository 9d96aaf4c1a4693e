import { describe, expect, it } from 'vitest';
import { hubBackends, startTestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';
import { shopHarness } from '../helpers/sync-shop';

/**
 * The hub tells every bench how many waybill numbers the shop has left per carrier (the inbox's
 * "pool running low"): free in its pool, and leased to a paired station but on no parcel yet. It
 * rides on the pull page that reaches the head, on SQLite and PostgreSQL alike.
 */
describe.each(hubBackends)('the shop\'s waybill pools in a pull (%s)', (backend) => {
  const { storage, open } = shopHarness(backend);
  it('counts free numbers and numbers benches hold unused; parcels and revoked benches no longer count', async () => {
    // The hub computes the counts at most every 2 s while ops flow: its clock moves on between looks.
    let clock = Date.now();
    const hub = await startTestHub({ ...(await storage.fresh()), now: () => new Date(clock) });
    open.push(hub);
    const numbers = Array.from({ length: 100 }, (_, i) => `YT74${String(10_000_000_000 + i)}`);
    await hub.hub.importPool('YTO', numbers);
    await hub.hub.importPool('ZTO', ['731000000001', '731000000002']);
    const a = await hub.station('A');
    const b = await hub.station('B');
    const pools = async () => {
      clock += 3_000;
      return (await a.pull(0)).body as unknown as { pools: unknown };
    };
    expect((await pools()).pools).toEqual([{ carrierCode: 'YTO', free: 100, held: 0 }, { carrierCode: 'ZTO', free: 2, held: 0 }]);

    const leasedA = (await a.lease('YTO', 30)).body.numbers;
    await b.lease('YTO', 20);
    expect(leasedA).toHaveLength(30);
    // A prints two of its numbers: they leave the count.
    const pushed = await a.push(
      op('order.imported'), op('shipment.created', { trackingNo: leasedA[0]! }), op('shipment.created', { trackingNo: leasedA[1]!, orderId: 'taobao:1000002' }),
    );
    expect(pushed.status).toBe(200);
    expect((await pools()).pools).toEqual([{ carrierCode: 'YTO', free: 50, held: 48 }, { carrierCode: 'ZTO', free: 2, held: 0 }]);
    // Within 2 s of that count, a bench pulling after more ops gets the same one (ops flow all day; pools change slowly).
    await a.push(op('shipment.created', { trackingNo: leasedA[2]!, orderId: 'taobao:1000003' }));
    expect(((await a.pull(0)).body as unknown as { pools: unknown }).pools).toEqual([{ carrierCode: 'YTO', free: 50, held: 48 }, { carrierCode: 'ZTO', free: 2, held: 0 }]);
    expect((await pools()).pools).toEqual([{ carrierCode: 'YTO', free: 50, held: 47 }, { carrierCode: 'ZTO', free: 2, held: 0 }]);

    // A page short of the head carries none (a bench catching up does not pay for them on every page).
    const first = await b.pull(0, 1);
    expect(first.body.upto).toBeLessThan(first.body.head);
    expect((first.body as unknown as { pools: unknown }).pools).toBeNull();

    // A revoked bench's numbers can never be printed by the shop again.
    await hub.hub.revokeStation(b.stationId);
    await hub.hub.importPool('YTO', ['YT7499999999999']);
    expect((await pools()).pools).toEqual([{ carrierCode: 'YTO', free: 51, held: 27 }, { carrierCode: 'ZTO', free: 2, held: 0 }]);
  });
});
