import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialStatus, mergeStatus, statusAfter, statusName, type LatticeStatus } from './order-lattice';

const ops = ['order.claimed', 'scan.recorded', 'shipment.created', 'order.reopened', 'order.imported'] as const;
const fold = (seq: readonly (typeof ops)[number][]) =>
  seq.reduce<LatticeStatus>((s, t) => statusAfter(s, t, { platformStatus: 'WAIT_BUYER_CONFIRM_GOODS' }), initialStatus);

describe('order status lattice', () => {
  it('moves up with work and never down without a reopen', () => {
    let s = statusAfter(initialStatus, 'shipment.created', {});
    expect(statusName(s)).toBe('labeled');
    s = statusAfter(s, 'scan.recorded', {});
    expect(statusName(s)).toBe('labeled');
    s = statusAfter(s, 'order.reopened', {});
    expect(s).toEqual({ generation: 1, rank: 0 });
  });

  it('merge is commutative, associative and idempotent', () => {
    const status = fc.record({ generation: fc.nat(5), rank: fc.nat(6) });
    fc.assert(
      fc.property(status, status, status, (a, b, c) => {
        expect(mergeStatus(a, b)).toEqual(mergeStatus(b, a));
        expect(mergeStatus(mergeStatus(a, b), c)).toEqual(mergeStatus(a, mergeStatus(b, c)));
        expect(mergeStatus(a, a)).toEqual(a);
      }),
    );
  });

  it('without reopens, the order of ops does not change the result', () => {
    const noReopen = fc.array(fc.constantFrom(...ops.filter((o) => o !== 'order.reopened')), { maxLength: 8 });
    fc.assert(
      fc.property(noReopen, (seq) => {
        expect(fold([...seq].reverse())).toEqual(fold(seq));
      }),
    );
  });
});
