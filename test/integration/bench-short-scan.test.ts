import { describe, expect, it } from 'vitest';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/** A scan cut short by a stalled scanner (a busy PC): "0237" of 2000000000237. */
describe('a code shorter than any barcode the shop knows', () => {
  it('is an incomplete scan: no bind offered, and not the packer\'s unknown-code error on the dashboard', async () => {
    const { call, generated } = await stationWithOrders();
    const order = generated.orders.find(shippable)!;
    expect((await call('bench.scan', { code: order.externalId, source: 'wedge' })).outcome).toBe('opened');

    const fragment = await call('bench.scan', { code: '0237', source: 'wedge' });
    expect(fragment.outcome).toBe('not_found');
    expect(fragment.detail).toEqual({ barcode: '0237', incomplete: '6' });
    // The order stays open for the rescan.
    expect(fragment.state.order?.externalId).toBe(order.externalId);
    // A whole code that matches nothing is still an unknown item to bind.
    expect((await call('bench.scan', { code: '6901234567892', source: 'wedge' })).outcome).toBe('unknown_barcode');

    const { packers } = await call('dashboard.get', { range: 'today' });
    expect(packers.map((p) => p.errors.unknown_barcode)).toEqual([1]);
  });
});
