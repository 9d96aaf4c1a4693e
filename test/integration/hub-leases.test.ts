import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hubBackends, hubStorage, startTestHub, type HubStation, type TestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';

const POOL = Array.from({ length: 3000 }, (_, i) => `YT7${String(300_000_000_000 + i)}`);
const ship = (id: string, trackingNo: string) => op('shipment.created', { id, orderId: `tb:${id}`, trackingNo });

/** Leases until the hub says no more, as a greedy or hostile bench would; returns everything it got. */
async function drain(station: HubStation, calls: number): Promise<string[]> {
  const got: string[] = [];
  for (let i = 0; i < calls; i++) {
    const reply = await station.lease('YTO', 5000);
    expect(reply.status).toBe(200);
    got.push(...reply.body.numbers);
  }
  return got;
}

describe.each(hubBackends)('waybill leases are shared per station (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  async function shop(stations: number) {
    hub = await startTestHub(await storage.fresh());
    await hub.hub.importPool('YTO', POOL);
    return Promise.all(Array.from({ length: stations }, (_, i) => hub.station(`bench-${i}`)));
  }

  it('one packer asking 30 times for everything holds at most its share; every other bench still gets its share', async () => {
    const [greedy, ...others] = await shop(4);
    const share = Math.ceil(POOL.length / 4);
    const taken = await drain(greedy!, 30);
    expect(taken.length).toBe(share);
    for (const bench of others) {
      const got = await drain(bench, 3);
      expect(got.length, bench.stationId).toBe(share);
      expect(got.filter((n) => taken.includes(n))).toEqual([]);
    }
  });

  it('numbers a bench has used stop counting against it: a busy bench keeps printing while the others keep their share', async () => {
    const [busy, quiet] = await shop(2);
    const first = await drain(busy!, 2);
    expect(first.length).toBe(1500);
    // It prints 1000 parcels; those numbers are used, no longer held.
    for (let i = 0; i < 1000; i += 250) {
      const reply = await busy!.push(...first.slice(i, i + 250).map((n, j) => ship(`p${i + j}`, n)));
      expect(reply.status).toBe(200);
    }
    const more = await drain(busy!, 2);
    // Circulating now: 1500 free + 500 unused at the busy bench = 2000, share 1000 → it may hold 1000, so 500 more.
    expect(more.length).toBe(500);
    expect(await drain(quiet!, 2)).toHaveLength(1000);
  });

  it('a revoked station neither dilutes the others\' share nor keeps a claim on the pool', async () => {
    const [a, b, lost] = await shop(3);
    expect(await hub.hub.revokeStation(lost!.stationId)).toBe(true);
    expect(await drain(a!, 2)).toHaveLength(1500);
    expect(await drain(b!, 2)).toHaveLength(1500);
  });
});
