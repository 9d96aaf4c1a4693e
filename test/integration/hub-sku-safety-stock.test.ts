import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readOp } from '#shared/ops/index';
import { hubBackends, hubStorage, pullAll, startTestHub, type TestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';

/** sku.saved v2 (no 安全库存, from a bench on an older build) and v3, side by side at the hub. */
describe.each(hubBackends)('hub: sku.saved with and without 安全库存 (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub;
  afterEach(async () => hub?.close());
  afterAll(() => storage.dispose());

  it('accepts v2 and v3 saves; every bench reads the v2 as a SKU without a threshold', async () => {
    hub = await startTestHub(await storage.fresh());
    const office = await hub.station('office', 'admin');
    const reader = await hub.station('reader');
    const { safetyStock: _none, ...v2 } = op('sku.saved', { code: 'OLD-1' }).payload;
    const pushed = await office.push(
      { type: 'sku.saved', version: 2, payload: v2 },
      { type: 'sku.saved', version: 3, payload: op('sku.saved', { code: 'NEW-1', safetyStock: 12 }).payload },
    );
    expect(pushed.body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    const saves = (await pullAll(reader)).filter((e) => e.type === 'sku.saved').map((e) => readOp(e.type, e.version, e.payload));
    expect(saves.map((r) => (r.kind === 'known' ? [(r.payload as { code: string }).code, (r.payload as { safetyStock: number | null }).safetyStock] : r.kind))).toEqual([
      ['OLD-1', null],
      ['NEW-1', 12],
    ]);
    // A v3 with a threshold below zero never enters the log.
    const bad = await office.push({ type: 'sku.saved', version: 3, payload: { ...op('sku.saved', { code: 'BAD-1' }).payload, safetyStock: -1 } });
    expect(bad.body.results[0]!.outcome).toBe('rejected');
  });
});
