import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { producerOf, readOp, type OpPayload } from './index';
import { HANDOVER_ABANDON_NOTE_MAX, handoverAbandonReasons } from './handover-abandoned.op';

const valid = (over: Record<string, unknown> = {}) => ({ handoverId: 'ho-1', reason: 'wrong-carrier', note: '', parcels: 0, ...over });
const read = (payload: unknown) => readOp('handover.abandoned', 1, payload);
const payloadOf = (payload: unknown) => {
  const r = read(payload);
  if (r.kind !== 'known') throw new Error(`not read: ${JSON.stringify(r)}`);
  return r.payload as OpPayload<'handover.abandoned'>;
};
const refusedField = (payload: unknown) => {
  const r = read(payload);
  return r.kind === 'invalid' ? JSON.stringify(r.reason) : `not refused: ${r.kind}`;
};

describe('handover.abandoned (作废交接)', () => {
  it('a packer abandons an empty handover; one with parcels scanned in is a supervisor’s call', () => {
    expect(producerOf('handover.abandoned', payloadOf(valid()))).toBe('packer');
    expect(producerOf('handover.abandoned', payloadOf(valid({ parcels: 3, reason: 'no-pickup' })))).toBe('supervisor');
  });

  it('refuses an unknown reason, “other” without words, a note past its cap, extra fields, naming the field', () => {
    expect(refusedField(valid({ reason: 'bored' }))).toContain('reason');
    expect(refusedField(valid({ reason: 'other', note: '  ' }))).toContain('note');
    expect(payloadOf(valid({ reason: 'other', note: '快递员改天来' }))).toMatchObject({ reason: 'other', note: '快递员改天来' });
    expect(refusedField(valid({ note: '字'.repeat(HANDOVER_ABANDON_NOTE_MAX + 1) }))).toContain('note');
    expect(refusedField(valid({ note: 'a\u0000b' }))).toContain('note');
    expect(refusedField(valid({ parcels: -1 }))).toContain('parcels');
    expect(refusedField(valid({ closed: true }))).toContain('opProblem.unrecognized_keys');
    expect(refusedField({ ...valid(), handoverId: undefined })).toContain('handoverId');
  });

  it('hostile payloads: never a crash, and whatever is read keeps the rules', () => {
    const hostile = fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(null, -1, 0, 1.5, 1e300, '', '\u0000', [], {}, 'other', 'x'.repeat(2000)));
    const field = fc.constantFrom('handoverId', 'reason', 'note', 'parcels', '__proto__', 'authorizedBy', 'extra');
    const base = fc.constantFrom(valid(), valid({ parcels: 12, reason: 'opened-twice' }), valid({ reason: 'other', note: '误开' }));
    fc.assert(
      fc.property(base, fc.array(fc.tuple(field, hostile), { maxLength: 4 }), (payload, changes) => {
        const hostilePayload: Record<string, unknown> = { ...payload };
        for (const [k, v] of changes) hostilePayload[k] = v;
        const r = read(hostilePayload);
        if (r.kind === 'unknown') throw new Error('a v1 handover.abandoned is never unknown');
        if (r.kind !== 'known') return;
        const p = r.payload as OpPayload<'handover.abandoned'>;
        expect(handoverAbandonReasons).toContain(p.reason);
        expect(p.note.length).toBeLessThanOrEqual(HANDOVER_ABANDON_NOTE_MAX);
        if (p.reason === 'other') expect(p.note.trim()).not.toBe('');
        expect(Number.isInteger(p.parcels) && p.parcels >= 0).toBe(true);
        expect(producerOf('handover.abandoned', p)).toBe(p.parcels > 0 ? 'supervisor' : 'packer');
        expect(Object.keys(p).sort()).toEqual(['handoverId', 'note', 'parcels', 'reason']);
      }),
      { numRuns: 500 },
    );
    // Past the size cap before it is parsed.
    expect(read(valid({ note: 'x'.repeat(5000) }))).toMatchObject({ kind: 'invalid', reason: { key: 'opRefusal.tooLarge' } });
  });
});
