import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msg } from '../i18n/message';
import { stockReasonOf } from '../domain/stock-reasons';
import { producerOf, readOp, type OpPayload } from './index';
import { adjustKinds, disposeKinds } from './stock-delta.op';

const v3 = (over: Record<string, unknown> = {}) => ({ id: 'd-1', skuCode: 'CUP-1', delta: 5, cause: 'adjust', ref: null, note: '', bucket: 'sellable', ...over });
const v4 = (over: Record<string, unknown> = {}) => ({ ...v3(), kind: 'received', ...over });
const read = (version: number, payload: unknown) => readOp('stock.delta', version, payload);
const payloadOf = (version: number, payload: unknown) => {
  const r = read(version, payload);
  if (r.kind !== 'known') throw new Error(`not read: ${JSON.stringify(r)}`);
  return r.payload as OpPayload<'stock.delta'>;
};
/** The field a refusal names (opProblem renders `field: problem`). */
const refusedField = (version: number, payload: unknown) => {
  const r = read(version, payload);
  return r.kind === 'invalid' ? JSON.stringify(r.reason) : `not refused: ${r.kind}`;
};

describe('stock.delta v4: why stock moved, as a kind', () => {
  it('reads an old adjustment whose reason was a chip as that kind, in whichever language it was saved', () => {
    expect(['到货入库', 'Goods received'].map((note) => payloadOf(3, v3({ note })))).toEqual([
      expect.objectContaining({ kind: 'received', note: '' }),
      expect.objectContaining({ kind: 'received', note: '' }),
    ]);
    expect(payloadOf(3, v3({ note: '破损报废', delta: -1 }))).toMatchObject({ kind: 'damaged', note: '', bucket: 'sellable' });
    expect(payloadOf(3, v3({ note: ' 退货入库 ' }))).toMatchObject({ kind: 'returned' });
    // The shop's own words stay as typed, under "other".
    expect(payloadOf(3, v3({ note: '盘点更正：少两个' }))).toMatchObject({ kind: 'other', note: '盘点更正：少两个' });
    // v1's free reason goes the whole way up.
    expect(payloadOf(1, { id: 'd-2', skuCode: 'CUP-1', delta: 4, reason: 'Stock count correction', ref: null })).toMatchObject({ cause: 'adjust', kind: 'count', note: '' });
    expect(payloadOf(1, { id: 'd-3', skuCode: 'CUP-1', delta: -1, reason: 'shipped', ref: 'sh-1' })).toMatchObject({ cause: 'ship', kind: null });
    expect(payloadOf(2, { ...v3({ cause: 'void', ref: 'sh-1' }), bucket: undefined })).toMatchObject({ cause: 'void', kind: null, bucket: 'sellable' });
  });

  it('shows an old chip adjustment in the reader\'s language, as a new one is', () => {
    const old = payloadOf(3, v3({ note: '到货入库' }));
    expect(stockReasonOf(old)).toEqual(msg('catalog.reasons.received'));
    expect(stockReasonOf({ cause: 'adjust', kind: undefined, note: 'Goods received' })).toEqual(msg('catalog.reasons.received'));
    expect(stockReasonOf(payloadOf(4, v4({ kind: 'count', note: '少两个' })))).toEqual(msg('catalog.reasonWithNote', { reason: msg('catalog.reasons.count'), note: '少两个' }));
    expect(stockReasonOf(payloadOf(4, v4({ kind: 'other', note: '借给摄影棚' })))).toBe('借给摄影棚');
  });

  it('refuses an adjustment without a kind, and a kind on a movement no supervisor explains, naming the field', () => {
    expect(refusedField(4, v4({ kind: null }))).toContain('kind');
    expect(refusedField(4, v4({ kind: 'discarded' }))).toContain('kind');
    expect(refusedField(4, v4({ cause: 'ship', ref: 'sh-1', delta: -1, kind: 'received' }))).toContain('kind');
    expect(refusedField(4, v4({ kind: 'lost' }))).toContain('kind');
    expect(refusedField(4, { ...v4(), kind: undefined })).toContain('kind');
  });

  it('disposes only out of the damaged bucket, on a supervisor\'s word', () => {
    const dispose = v4({ cause: 'dispose', kind: 'discarded', bucket: 'damaged', delta: -2 });
    expect(payloadOf(4, dispose)).toMatchObject({ cause: 'dispose', delta: -2 });
    expect(producerOf('stock.delta', payloadOf(4, dispose))).toBe('supervisor');
    expect(refusedField(4, { ...dispose, delta: 2 })).toContain('delta');
    expect(refusedField(4, { ...dispose, bucket: 'sellable' })).toContain('delta');
    expect(refusedField(4, { ...dispose, ref: 'rep-1' })).toContain('delta');
    expect(refusedField(4, { ...dispose, kind: 'received' })).toContain('kind');
    // A damaged adjustment moves units into the damaged bucket like a decision does.
    expect(payloadOf(4, v4({ kind: 'damaged', bucket: 'damaged', delta: 2 }))).toMatchObject({ bucket: 'damaged' });
  });

  it('hostile payloads of every version: never a crash, and whatever is read keeps the rules', () => {
    const hostile = fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(null, -1, 0, 1e300, '', '\u0000', [], {}));
    const field = fc.constantFrom('id', 'skuCode', 'delta', 'cause', 'ref', 'note', 'bucket', 'kind', 'reason', '__proto__', 'extra');
    const base = fc.constantFrom(
      v3(), v3({ note: '到货入库' }), v4(), v4({ cause: 'dispose', kind: 'supplier', bucket: 'damaged', delta: -3 }),
      v4({ cause: 'ship', kind: null, ref: 'sh-1', delta: -1 }), { id: 'd-9', skuCode: 'S', delta: 1, reason: 'x', ref: null },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), base, fc.array(fc.tuple(field, hostile), { maxLength: 4 }), (version, payload, changes) => {
        const hostilePayload: Record<string, unknown> = { ...payload };
        for (const [k, v] of changes) hostilePayload[k] = v;
        const r = read(version, hostilePayload);
        if (r.kind !== 'known') return;
        const p = r.payload as OpPayload<'stock.delta'>;
        if (p.cause === 'adjust') expect(adjustKinds).toContain(p.kind);
        else if (p.cause === 'dispose') {
          expect(disposeKinds).toContain(p.kind);
          expect([p.bucket, p.delta < 0, p.ref]).toEqual(['damaged', true, null]);
        } else expect(p.kind).toBeNull();
        expect(p.note.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 500 },
    );
  });
});
