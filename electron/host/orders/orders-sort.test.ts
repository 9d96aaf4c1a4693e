import { afterEach, describe, expect, it } from 'vitest';
import { orderSorts, sortDirs, type OrderSummary } from '#shared/contract/orders.contract';
import { stationWithOrders } from '../../../test/host/station-with-orders';
import { orderBy } from './orders.repo';

/** Each neighbour pair in order by `key` (nulls where the list puts them). */
const inOrder = (rows: OrderSummary[], key: (o: OrderSummary) => string, dir: 'asc' | 'desc') =>
  rows.slice(1).every((o, i) => (dir === 'asc' ? key(rows[i]!) <= key(o) : key(rows[i]!) >= key(o)));

describe('the orders list sorts on the host', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('by deadline, most urgent first, unless told otherwise; orders with no deadline last; by any sortable column either way', async () => {
    const { host, call } = await stationWithOrders(60);
    hosts.push(host);
    const all = (input: Record<string, unknown>) => call('orders.list', { limit: 500, ...input }).then((r) => r.orders);
    const byDefault = await all({});
    expect(byDefault).toHaveLength(60);
    const deadline = (o: OrderSummary) => o.shipDeadline ?? '9999';
    expect(inOrder(byDefault, deadline, 'asc')).toBe(true);
    const undated = byDefault.findIndex((o) => o.shipDeadline === null);
    if (undated >= 0) expect(byDefault.slice(undated).every((o) => o.shipDeadline === null)).toBe(true);
    expect(byDefault[0]!.shipDeadline).not.toBeNull();

    expect(inOrder(await all({ sort: 'deadline', dir: 'desc' }), deadline, 'desc')).toBe(true);
    expect(inOrder(await all({ sort: 'paidAt', dir: 'desc' }), (o) => o.paidAt ?? '', 'desc')).toBe(true);
    expect(inOrder(await all({ sort: 'externalId', dir: 'asc' }), (o) => o.externalId, 'asc')).toBe(true);
    // Pages follow the same order.
    const pages = [...(await call('orders.list', { sort: 'externalId', limit: 25, offset: 0 })).orders, ...(await call('orders.list', { sort: 'externalId', limit: 25, offset: 25 })).orders];
    expect(pages.map((o) => o.externalId)).toEqual((await all({ sort: 'externalId' })).slice(0, 50).map((o) => o.externalId));
  });

  it('finds an order by the beginning of its id, and by its last digits (尾号) or any part when none begins so', async () => {
    const { host, call, generated } = await stationWithOrders(20);
    hosts.push(host);
    const ids = (query: string) => call('orders.list', { query, limit: 50 }).then((r) => r.orders.map((o) => o.externalId));
    const id = generated.orders[7]!.externalId;
    expect(await ids(id.slice(0, 6))).toContain(id);
    expect((await ids(id.slice(-7))).sort()).toEqual(generated.orders.filter((o) => o.externalId.includes(id.slice(-7))).map((o) => o.externalId).sort());
    expect(await ids(id.slice(5, 11))).toContain(id);
    expect(await ids('99999999999999999999')).toEqual([]);
  });

  it('takes only the sort keys it knows: no SQL from the request', async () => {
    const { host, call } = await stationWithOrders(2);
    hosts.push(host);
    for (const sort of ['ship_deadline', 'external_id; DROP TABLE orders', 'rowid']) {
      await expect(call('orders.list', { sort } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(call('orders.list', { dir: 'sideways' } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await call('orders.list', {})).total).toBe(2);
  });

  it('reads every sort from an index, never sorting a million orders', async () => {
    const { host } = await stationWithOrders(2);
    hosts.push(host);
    for (const sort of orderSorts) {
      for (const dir of sortDirs) {
        const plan = host.context.db.prepare(`EXPLAIN QUERY PLAN SELECT o.id FROM orders o ORDER BY ${orderBy(sort, dir)} LIMIT 50`).all() as { detail: string }[];
        expect([sort, dir, plan.map((p) => p.detail).join(' | ')]).toEqual([sort, dir, expect.not.stringContaining('TEMP B-TREE')]);
      }
    }
  });
});
