import { afterEach, describe, expect, it } from 'vitest';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';

describe('shipping beyond what the shelf holds', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('ships (the parcel is physical) and tells the bench which SKUs went below zero, and to what', async () => {
    const { host, call, generated } = await stationWithOrders(20);
    hosts.push(host);
    const order = generated.orders.find((o) => shippable(o) && o.lines.length >= 2 && new Set(o.lines.map((l) => l.skuCode)).size === o.lines.length)!;
    const [short, plenty] = order.lines;
    // The shelf holds one unit fewer than this order takes of the first SKU; the second has plenty.
    await call('stock.adjust', { skuCode: short!.skuCode!, delta: -(100 - short!.qty + 1), kind: 'other', note: '盘亏' });
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    let last;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
    expect(last!.outcome).toBe('completed');
    expect(last!.warnings).toEqual([{ key: 'ship.stockNegative', params: { skus: `${short!.skuCode} -1` } }]);
    expect(last!.warnings.map((w) => w.params?.['sku'])).not.toContain(plenty!.skuCode);
    expect(host.context.catalogRepo.onHand(short!.skuCode!)).toBe(-1);
  });
});
