import { afterEach, describe, expect, it } from 'vitest';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';

type Ctx = Awaited<ReturnType<typeof stationWithOrders>>;

/** Packs and ships the n-th shippable one-line order; returns it, its SKU and its parcel. */
async function shipOne(ctx: Ctx, n: number) {
  const order = ctx.generated.orders.filter((o) => shippable(o) && o.lines.length === 1)[n]!;
  await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
  let last;
  for (let i = 0; i < order.lines[0]!.qty; i++) last = await ctx.call('bench.scan', { code: barcodeOf(order.lines[0]!.skuCode!), source: 'wedge' });
  expect(last?.outcome).toBe('completed');
  await ctx.call('bench.cancel', {});
  return { order, sku: order.lines[0]!.skuCode!, parcel: last!.shipment! };
}

describe('what a closed row, a decision and a settlement were about', () => {
  const hosts: Ctx[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.host.close()));

  it('the resolved list and the audit view name the order, the SKU and the tracking number, not an id', async () => {
    const ctx = await stationWithOrders(20);
    hosts.push(ctx);
    // A forced line, looked at and resolved.
    const forced = ctx.generated.orders.filter((o) => shippable(o) && o.lines.length === 1)[2]!;
    expect((await ctx.call('bench.scan', { code: forced.externalId, source: 'wedge' })).outcome).toBe('opened');
    // One line, forced in full: the order ships, and its parcel names it too.
    const shipped = (await ctx.call('bench.forceVerify', { lineNo: 1 })).shipment;
    await ctx.call('bench.cancel', {});
    const row = (await ctx.call('inbox.list', { kind: 'force-verify' })).rows[0]!;
    await ctx.call('inbox.resolve', { key: row.key, note: '已核对，实物齐全' });

    // A damaged parcel claimed and settled.
    const { order, sku, parcel } = await shipOne(ctx, 0);
    const report = await ctx.call('damage.report', { orderRef: parcel.trackingNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '' });
    await ctx.call('damage.decide', { reportId: report.id, decision: 'claim', amountFen: 2500 });
    await ctx.call('claims.settle', { claimId: report.id, outcome: 'paid', paidFen: 2000 });

    const { resolutions } = await ctx.call('inbox.resolved', {});
    expect(resolutions.find((r) => r.key === row.key)).toMatchObject({
      kind: 'force-verify', note: '已核对，实物齐全', orderExternalId: forced.externalId, skuCode: forced.lines[0]!.skuCode, trackingNo: shipped?.trackingNo ?? null,
    });

    const about = `${order.externalId} · ${sku} · ${parcel.trackingNo}`;
    const entries = (await ctx.call('audit.list', { filter: 'authorized' })).entries;
    const target = (what: string) => entries.find((e) => e.what.key === what)?.target;
    expect(target('audit.ops.inbox.resolved')).toBe([forced.externalId, forced.lines[0]!.skuCode, shipped?.trackingNo].filter(Boolean).join(' · '));
    expect(target('audit.ops.damage.decided')).toBe(about);
    expect(target('audit.ops.claim.settled')).toBe(about);

    // A settlement audited before its claim was kept as its target is found by its time and bench.
    ctx.host.context.db.prepare("UPDATE authorized_ops SET target = '' WHERE type = 'claim.settled'").run();
    const again = (await ctx.call('audit.list', { filter: 'authorized' })).entries;
    expect(again.find((e) => e.what.key === 'audit.ops.claim.settled')?.target).toBe(about);
  });
});
