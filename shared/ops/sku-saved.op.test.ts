import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOp, type OpPayload } from './index';
import { SAFETY_STOCK_MAX } from './sku-saved.op';

const v2 = (over: Record<string, unknown> = {}) => ({ code: 'CUP-1', name: '保温杯', weightG: 300, location: 'A-01', barcodes: [{ barcode: '6901234567854', units: 1 }], seenHubSeq: 7, ...over });
const v3 = (over: Record<string, unknown> = {}) => ({ ...v2(), safetyStock: 20, ...over });
const payloadOf = (version: number, payload: unknown) => {
  const r = readOp('sku.saved', version, payload);
  if (r.kind !== 'known') throw new Error(`not read: ${JSON.stringify(r)}`);
  return r.payload as OpPayload<'sku.saved'>;
};

describe('sku.saved v3: 安全库存', () => {
  it('reads a v2 (and a v1) save as a SKU without a threshold', () => {
    expect(payloadOf(2, v2())).toEqual({ ...v2(), safetyStock: null });
    const { seenHubSeq: _seen, ...v1 } = v2();
    expect(payloadOf(1, v1)).toEqual({ ...v1, seenHubSeq: Number.MAX_SAFE_INTEGER, safetyStock: null });
    // A v2 that smuggles a threshold is read as v2 said: none.
    expect(payloadOf(2, { ...v2(), safetyStock: 5 })).toMatchObject({ safetyStock: null });
  });

  it('carries a whole threshold from 0 to its cap, or none; refuses anything else, and a v3 without it', () => {
    for (const safetyStock of [0, 1, SAFETY_STOCK_MAX, null]) expect(payloadOf(3, v3({ safetyStock }))).toMatchObject({ safetyStock });
    for (const safetyStock of [-1, 2.5, SAFETY_STOCK_MAX + 1, '5', undefined]) expect(readOp('sku.saved', 3, v3({ safetyStock })).kind).toBe('invalid');
    expect(readOp('sku.saved', 4, v3()).kind).toBe('unknown');
  });

  it('hostile thresholds at every version: never a crash, and whatever is read is null or a whole number in range', () => {
    const hostile = fc.oneof(fc.anything(), fc.integer(), fc.double(), fc.string({ maxLength: 20 }), fc.constantFrom(null, -0, Infinity, NaN, 1e300, [], {}));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), hostile, fc.boolean(), (version, value, drop) => {
        const payload: Record<string, unknown> = { ...v3(), safetyStock: value };
        if (drop) delete payload['safetyStock'];
        const r = readOp('sku.saved', version, payload);
        if (r.kind !== 'known') return;
        const { safetyStock } = r.payload as OpPayload<'sku.saved'>;
        if (version < 3) expect(safetyStock).toBeNull();
        else expect(safetyStock === null || (Number.isInteger(safetyStock) && safetyStock >= 0 && safetyStock <= SAFETY_STOCK_MAX)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
