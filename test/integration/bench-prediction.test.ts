import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchState } from '#shared/contract/bench.contract';
import { confirms, predictScan } from '#shared/domain/bench-prediction';
import { barcodeOf } from '../host/host-client';
import { SKUS, stationWithOrders } from '../host/station-with-orders';

/**
 * The bench shows some scans before the host answers (shared/domain/bench-prediction.ts). Against the
 * real host, over generated scan sequences (orders, unit and case-pack barcodes of the order's and
 * other SKUs, unknown codes, commands): every scan the bench would have shown early is what the
 * host then answered, with the same counts on every line. Lines carry their SKU's barcodes.
 */
type Station = Awaited<ReturnType<typeof stationWithOrders>>;
let s: Station;
beforeAll(async () => {
  s = await stationWithOrders(30);
});
afterAll(() => s.host.close());

describe('the bench\'s early verdict', () => {
  it('sends each line with its SKU\'s barcodes and the units each counts', async () => {
    const order = s.generated.orders.find((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode))!;
    const { state } = await s.call('bench.scan', { code: order.externalId, source: 'wedge' });
    const first = state.lines[0]!;
    expect(first.codes).toEqual([{ barcode: barcodeOf(first.skuCode!), units: 1 }, { barcode: `${barcodeOf(first.skuCode!)}C`, units: 6 }]);
    await s.call('bench.scan', { code: 'PD:CANCEL', source: 'wedge' });
  });

  it('is always the host\'s answer when it is given', async () => {
    const orderIds = s.generated.orders.map((o) => o.externalId);
    const others = ['PD:NEXT', 'PD:CANCEL', '0000000000000', 'NOPE-1', ...SKUS.map(barcodeOf)];
    // A packer's scans: mostly the open order's items (unit or case), sometimes an order, another SKU, a command or junk.
    const step = fc.tuple(fc.constantFrom('order', 'item', 'item', 'item', 'case', 'other'), fc.nat());
    const codeFor = ([kind, n]: [string, number], state: BenchState): string => {
      const skus = state.lines.flatMap((l) => (l.skuCode ? [l.skuCode] : []));
      if (kind === 'order' || skus.length === 0) return orderIds[n % orderIds.length]!;
      if (kind === 'item') return barcodeOf(skus[n % skus.length]!);
      if (kind === 'case') return `${barcodeOf(skus[n % skus.length]!)}C`;
      return others[n % others.length]!;
    };
    let guessed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        let state: BenchState = await s.call('bench.getState', {});
        for (const st of steps) {
          const c = codeFor(st, state);
          const guess = predictScan(state, c, true);
          const answer = await s.call('bench.scan', { code: c, source: 'wedge' });
          if (guess) {
            guessed++;
            expect(confirms(guess, answer), `${c}: guessed ${JSON.stringify(guess.detail)}, host said ${answer.outcome} ${JSON.stringify(answer.detail)}`).toBe(true);
            expect(answer.state.lines.map((l) => l.verified)).toEqual(guess.state.lines.map((l) => l.verified));
          }
          state = answer.state;
        }
      }),
      { numRuns: 40 },
    );
    // The property said something: scans were foretold (about 15–30 of them in 40 runs; the sequences are random).
    expect(guessed).toBeGreaterThan(5);
  });
});
