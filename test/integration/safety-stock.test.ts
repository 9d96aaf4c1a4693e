import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/**
 * 安全库存 through the real host: a SKU shipped down to its threshold is flagged on the list (its
 * own filter, apart from below zero) and in the inbox, one row for the SKU; a delivery clears both.
 */
type Station = Awaited<ReturnType<typeof stationWithOrders>>;
const open: Station[] = [];
afterEach(() => open.splice(0).forEach((s) => s.host.close()));

describe('安全库存 (low-stock threshold)', () => {
  it('shipping down to the threshold flags the SKU; a restock clears it', async () => {
    const s = await stationWithOrders(12);
    open.push(s);
    await s.call('settings.update', { autoCompleteOnLastScan: false });
    const order = s.generated.orders.find((o) => shippable(o) && o.lines.length === 1) as ImportedOrder;
    const { skuCode, qty } = { skuCode: order.lines[0]!.skuCode!, qty: order.lines[0]!.qty };
    const sku = async () => (await s.call('catalog.list', { query: skuCode })).skus.find((x) => x.code === skuCode)!;
    const low = async () => (await s.call('catalog.list', { stock: 'low' })).skus.map((x) => x.code);
    const lowRows = async () => (await s.call('inbox.list', { kind: 'stock-low' })).rows.map((r) => [r.key, r.evidence]);

    // The shelf holds what was counted in; shipping this order takes it exactly to the threshold.
    const onHand = (await sku()).onHand;
    const { onHand: _o, damaged: _d, ...saved } = await sku();
    await s.call('catalog.saveSku', { ...saved, safetyStock: onHand - qty });
    expect(await low()).toEqual([]);
    expect(await lowRows()).toEqual([]);

    await s.call('bench.scan', { code: order.externalId, source: 'wedge' });
    for (let i = 0; i < qty; i++) await s.call('bench.scan', { code: barcodeOf(skuCode), source: 'wedge' });
    await s.call('bench.ship', { parcelCount: 1, partial: false });

    expect(await sku()).toMatchObject({ onHand: onHand - qty, safetyStock: onHand - qty });
    expect(await low()).toEqual([skuCode]);
    expect((await s.call('catalog.list', { stock: 'negative' })).skus).toEqual([]);
    expect(await lowRows()).toEqual([
      [`low:${skuCode}`, { key: 'inbox.evidence.stockLow', params: { sku: skuCode, name: `商品 ${skuCode}`, qty: onHand - qty, threshold: onHand - qty } }],
    ]);
    expect((await s.call('inbox.list', {})).counts.byKind['stock-low']).toBe(1);

    // A save that does not say (an older caller) keeps the threshold.
    const { safetyStock: _s, ...withoutThreshold } = saved;
    await s.call('catalog.saveSku', withoutThreshold);
    expect((await sku()).safetyStock).toBe(onHand - qty);

    // Goods in: above the threshold again, off the list's filter and out of the inbox by itself.
    await s.call('stock.adjust', { skuCode, delta: 1, kind: 'received', note: '' });
    expect(await low()).toEqual([]);
    expect(await lowRows()).toEqual([]);

    // Below zero is the negative state alone: not listed low too.
    await s.call('stock.adjust', { skuCode, delta: -(onHand - qty + 2), kind: 'other', note: '盘亏' });
    expect(await low()).toEqual([]);
    expect((await s.call('catalog.list', { stock: 'negative' })).skus.map((x) => x.code)).toEqual([skuCode]);
    expect(await lowRows()).toEqual([]);
    expect((await s.call('inbox.list', { kind: 'stock-negative' })).rows.map((r) => r.key)).toEqual([`negative:${skuCode}`]);

    // The op the bench sent carries the threshold (sku.saved v3).
    const sent = s.host.context.db.prepare("SELECT version, payload FROM outbox WHERE type = 'sku.saved' ORDER BY station_seq DESC LIMIT 1").get() as { version: number; payload: string };
    expect([sent.version, JSON.parse(sent.payload).safetyStock]).toEqual([3, onHand - qty]);
  });

  it('a supervisor dismisses a low row with a note (op inbox.resolved v3), and the resolution names the SKU', async () => {
    const s = await stationWithOrders(0);
    open.push(s);
    const { onHand: _o, damaged: _d, ...saved } = (await s.call('catalog.list', { limit: 1 })).skus[0]!;
    await s.call('catalog.saveSku', { ...saved, safetyStock: 100 });
    const key = `low:${saved.code}`;
    expect((await s.call('inbox.list', { kind: 'stock-low' })).rows.map((r) => r.key)).toEqual([key]);
    await s.call('inbox.resolve', { key, note: '已下采购单' });
    expect((await s.call('inbox.list', { kind: 'stock-low' })).rows).toEqual([]);
    expect((await s.call('inbox.resolved', {})).resolutions[0]).toMatchObject({ key, kind: 'stock-low', skuCode: saved.code });
  });
});
