import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseHoldInputSchema } from '../contract/orders.contract';
import { isCancelVoidReason } from '../domain/void-hold';
import { producerOf, readOp } from './index';
import { RELEASED_MAX_VOIDS } from './order-released.op';

const AT = '2026-12-07T08:00:00.000Z';
const good = (over: Record<string, unknown> = {}) => ({ orderId: 'taobao:1000001', shipmentIds: ['sh-1'], reason: '买家撤销退款', at: AT, ...over });
const read = (payload: unknown) => readOp('order.released', 1, payload);

describe('order.released (恢复发货)', () => {
  it('is a supervisor\'s op naming the voids it answers', () => {
    const r = read(good());
    expect(r).toMatchObject({ kind: 'known', payload: good() });
    if (r.kind === 'known') expect(producerOf('order.released', r.payload as never)).toBe('supervisor');
  });

  it('refuses no voids, too many, a blank reason, an unknown field, a bad id', () => {
    expect(read(good({ shipmentIds: [] })).kind).toBe('invalid');
    expect(read(good({ shipmentIds: Array.from({ length: RELEASED_MAX_VOIDS + 1 }, (_, i) => `sh-${i}`) })).kind).toBe('invalid');
    expect(read(good({ reason: '   ' })).kind).toBe('invalid');
    expect(read(good({ extra: 1 })).kind).toBe('invalid');
    expect(read(good({ orderId: 'no colon' })).kind).toBe('invalid');
    expect(read(good({ shipmentIds: ['sh\u0000'] })).kind).toBe('invalid');
  });

  it('reads any hostile payload as invalid or a payload within its caps, never throwing', () => {
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({ orderId: fc.string(), shipmentIds: fc.array(fc.string(), { maxLength: 60 }), reason: fc.string({ maxLength: 300 }), at: fc.string() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(hostile, (payload) => {
        const r = read(payload);
        if (r.kind === 'known') {
          const p = r.payload as ReturnType<typeof good>;
          expect(p.shipmentIds.length).toBeGreaterThan(0);
          expect(p.shipmentIds.length).toBeLessThanOrEqual(RELEASED_MAX_VOIDS);
          expect(p.reason.trim()).not.toBe('');
        } else expect(r.kind).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });

  it('the RPC input refuses what a hostile renderer might send', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string({ maxLength: 400 }), (id, reason) => {
        const parsed = releaseHoldInputSchema.safeParse({ id, reason });
        if (parsed.success) {
          expect(typeof parsed.data.id).toBe('string');
          expect(parsed.data.reason.length).toBeGreaterThanOrEqual(2);
          expect(parsed.data.reason.length).toBeLessThanOrEqual(200);
        }
      }),
    );
    expect(releaseHoldInputSchema.safeParse({ id: 'taobao:1', reason: '买家撤销退款', authorizerPin: '12ab' }).success).toBe(false);
    expect(releaseHoldInputSchema.safeParse({ id: 'taobao:1', reason: '买家撤销退款', extra: true }).success).toBe(false);
  });
});

describe('a void reason that holds the order', () => {
  it('is the 订单取消/退款 chip in either language, alone or followed by the supervisor\'s words', () => {
    for (const r of ['订单取消/退款', ' Order cancelled or refunded ', '订单取消/退款：买家拍错', 'Order cancelled or refunded - buyer asked']) expect(isCancelVoidReason(r)).toBe(true);
    for (const r of ['面单打印错误', '退款', '订单取消/退款了吗', '买家说订单取消/退款', '']) expect(isCancelVoidReason(r)).toBe(false);
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (r) => typeof isCancelVoidReason(r) === 'boolean'));
  });
});
