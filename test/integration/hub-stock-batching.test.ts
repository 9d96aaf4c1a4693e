import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { flagsIn, hubBackends, hubStorage, pullAll, startTestHub, type TestOp } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';

/** A day of stock movements and counts on three SKUs, with delta ids that repeat (re-sent movements). */
const stockOps = fc.array(
  fc.oneof(
    fc.record({ id: fc.integer({ min: 1, max: 12 }), sku: fc.constantFrom('CUP', 'MUG', 'TEA'), delta: fc.integer({ min: -6, max: 6 }) }).map(
      (d): TestOp => op('stock.delta', { id: `d${d.id}`, skuCode: d.sku, delta: d.delta === 0 ? 1 : d.delta, cause: 'adjust', ref: null, note: '' }),
    ),
    fc.record({ id: fc.integer({ min: 1, max: 4 }), sku: fc.constantFrom('CUP', 'MUG'), counted: fc.integer({ min: 0, max: 8 }), known: fc.integer({ min: -8, max: 8 }) }).map(
      (c): TestOp => op('stock.counted', { id: `c${c.id}`, skuCode: c.sku, countedQty: c.counted, knownQty: c.known }),
    ),
  ),
  { minLength: 1, maxLength: 40 },
);

describe.each(hubBackends)('stock booked in batches (%s)', (backend) => {
  const storage = hubStorage(backend);
  afterAll(() => storage.dispose());

  /** What a supervisor sees of a run: each op's outcome, the count adjustments the hub booked, and the flags. */
  async function run(sent: readonly TestOp[], perPush: number) {
    const hub = await startTestHub(await storage.fresh());
    try {
      const bench = await hub.station('bench', 'supervisor');
      const outcomes: string[] = [];
      for (let i = 0; i < sent.length; i += perPush) {
        const reply = await bench.push(...sent.slice(i, i + perPush));
        expect(reply.status).toBe(200);
        outcomes.push(...reply.body.results.map((r) => r.outcome));
      }
      const log = await pullAll(bench);
      const adjustments = log.filter((e) => e.stationId === 'hub' && e.type === 'stock.delta').map((e) => [e.payload['skuCode'], e.payload['delta']]);
      return { outcomes, adjustments, flags: flagsIn(log).map((f) => [f.kind, f.message]) };
    } finally {
      await hub.close();
    }
  }

  it('a push of many stock ops answers and books exactly as the same ops pushed one at a time', async () => {
    await fc.assert(
      fc.asyncProperty(stockOps, async (sent) => {
        expect(await run(sent, sent.length)).toEqual(await run(sent, 1));
      }),
      { numRuns: backend === 'sqlite' ? 15 : 6 },
    );
  });
});
