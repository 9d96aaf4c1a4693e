import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { currentOpVersion } from '#shared/ops/index';
import { defaultSkus, generateTaobaoClassic } from '../../../test/fixtures/taobao-export.generator';
import { barcodeOf, hostCaller } from '../../../test/host/host-client';
import { shippable } from '../../../test/host/station-with-orders';
import { createTempHost } from '../../../test/host/temp-host';

const hosts: { close(): void }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));
const SKUS = defaultSkus(12);

const BENCH_B = 'station-b';
const AT = '2026-11-26T08:00:00.000Z';
let seq = 0;
const entry = (type: string, payload: unknown, extra: Partial<LogEntry> = {}): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: BENCH_B, stationSeq: seq, type, version: 1, payload, outcome: 'accepted', reason: null,
  createdAt: AT, userId: null, authorizedBy: null, ...extra,
});
const user = (id: string, name: string, role: string) =>
  entry('user.saved', { id, name, role, pinHash: null, badgeHash: null, active: true, benchOf: null, seenHubSeq: 0 }, { version: currentOpVersion('user.saved') });

/** A bench that shipped an order of one unit of a SKU, with a packer and a supervisor of its own. */
async function benchWithParcel() {
  const host = createTempHost({ sync: { autoSync: false } });
  hosts.push(host);
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  for (const code of SKUS) await call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
  await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000050' });
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  const generated = generateTaobaoClassic({ orders: 40, seed: 7, skus: SKUS, quirks: true });
  await call('orders.import', {
    files: [
      { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
      { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
    ],
  });
  const order = generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
  await call('bench.scan', { code: order.externalId, source: 'wedge' });
  const last = await call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
  expect(last.outcome).toBe('completed');
  await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
  await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
  return { host, call, order, sku: order.lines[0]!.skuCode!, trackingNo: last.shipment!.trackingNo };
}

describe('returns in the audit view', () => {
  it('lists a return taken in anyway on a supervisor\'s PIN: who confirmed, at which bench, when, the order and the units', async () => {
    const { call, order, sku, trackingNo } = await benchWithParcel();
    await call('session.login', { pin: '2468' });
    // The parcel back as it left: the packer's own, nobody's authority.
    await call('returns.receive', { ref: trackingNo, items: [{ skuCode: sku, qty: 1, condition: 'good' }] });
    // The same parcel again, one good and one broken unit: more than it carried, taken in on the supervisor's PIN.
    const items = [{ skuCode: sku, qty: 1, condition: 'good' as const }, { skuCode: sku, qty: 1, condition: 'defective' as const, reason: 'broken' as const }];
    const before = Date.now();
    await call('returns.receive', { ref: trackingNo, items, confirmed: true, authorizerPin: '5678' });

    await call('session.login', { pin: '5678' });
    const { entries } = await call('audit.list', { filter: 'authorized', kind: 'returns' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'op', category: 'returns', what: { key: 'audit.ops.return.received' }, target: order.externalId, bench: { thisBench: true },
      user: { name: '小王' }, authorizedBy: { name: '李主管' },
      note: { key: 'audit.notes.returnTakenDefective', params: { units: 2, defective: 1, items: `${sku} ×2` } },
    });
    expect(Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    // Found by the order's number too.
    expect((await call('audit.list', { filter: 'all', text: order.externalId })).entries.map((e) => e.what.key)).toContain('audit.ops.return.received');
  });

  it('lists another bench\'s confirmed return with its bench; an older bench\'s return and a packer\'s claim of authority are not', async () => {
    const { host, call } = await benchWithParcel();
    host.context.sync.meta.setStationNames({ [BENCH_B]: '打包台 B' });
    const ret = (id: string, over: Record<string, unknown> = {}) => ({
      id, orderId: 'taobao:1000001', shipmentId: null, trackingNo: 'YT7400000000099', photoHashes: [], note: '',
      items: [{ skuCode: 'SKU-X', qty: 3, condition: 'good', reason: null }, { skuCode: 'SKU-Y', qty: 1, condition: 'missing', reason: null }], ...over,
    });
    host.context.sync.applier.applyPage([
      user('sup-b', '王主管', 'supervisor'),
      user('pk-b', '小李', 'packer'),
      entry('return.received', ret('r-1', { confirmed: true }), { version: 2, userId: 'pk-b', authorizedBy: 'sup-b' }),
      // Written before returns said whether a supervisor confirmed them: read as not confirmed.
      entry('return.received', ret('r-2'), { userId: 'pk-b', authorizedBy: 'sup-b' }),
      entry('return.received', ret('r-3', { confirmed: true }), { version: 2, userId: 'pk-b', authorizedBy: 'pk-b' }),
    ], seq);
    await call('session.login', { pin: '5678' });
    const { entries } = await call('audit.list', { filter: 'authorized', kind: 'returns' });
    expect(entries).toEqual([
      expect.objectContaining({
        bench: { name: '打包台 B', thisBench: false }, at: AT, target: '1000001', user: { name: '小李', bench: null }, authorizedBy: { name: '王主管', bench: null },
        note: { key: 'audit.notes.returnTaken', params: { units: 3, items: 'SKU-X ×3' } },
      }),
    ]);
    // All three took effect here all the same.
    expect((await call('returns.list', {})).returns.map((r) => r.id).sort()).toEqual(['r-1', 'r-2', 'r-3']);
  });
});
