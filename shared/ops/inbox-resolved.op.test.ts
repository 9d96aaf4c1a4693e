import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inboxResolvableKinds, inboxResolvedOp } from './inbox-resolved.op';
import { producerOf, readOp, type OpPayload } from './index';

const valid = (over: Record<string, unknown> = {}) => ({ key: 'desk-locked:a-1', kind: 'desk-locked', note: '本人输错，已解锁', ...over });

describe('inbox.resolved (处理收件箱的一条)', () => {
  it('v4 knows 手机登录已锁定 (desk-locked); a v4 op is unknown to a build that stops at v3, which parks it', () => {
    expect(inboxResolvedOp.version).toBe(4);
    const r = readOp('inbox.resolved', 4, valid());
    expect(r).toMatchObject({ kind: 'known', payload: valid() });
    expect(producerOf('inbox.resolved', (r as { payload: OpPayload<'inbox.resolved'> }).payload)).toBe('supervisor');
    expect(readOp('inbox.resolved', 5, valid()).kind).toBe('unknown');
    expect(readOp('inbox.resolved', 4, valid({ kind: 'desk-unlocked' })).kind).toBe('invalid');
  });

  it('older versions read unchanged: every kind they could name passes through to v4', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...inboxResolvableKinds.filter((k) => k !== 'desk-locked')), fc.string({ minLength: 1, maxLength: 40 }), (version, kind, note) => {
        const payload = { key: `k:${kind}`, kind, note: `备注${note}` };
        const r = readOp('inbox.resolved', version, payload);
        if (r.kind === 'known') expect(r.payload).toEqual(payload);
        else expect(r.kind).toBe('invalid'); // only a note the schema refuses (control characters)
      }),
      { numRuns: 300 },
    );
  });

  it('hostile payloads at every version: never a crash, and whatever is read has a known kind and capped fields', () => {
    const hostile = fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(null, -1, '', '\u0000', [], {}, 'desk-locked', 'x'.repeat(3000)));
    const field = fc.constantFrom('key', 'kind', 'note', '__proto__', 'extra');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.tuple(field, hostile), { maxLength: 3 }), (version, changes) => {
        const payload: Record<string, unknown> = valid();
        for (const [k, v] of changes) payload[k] = v;
        const r = readOp('inbox.resolved', version, payload);
        expect(r.kind).not.toBe('unknown');
        if (r.kind !== 'known') return;
        const p = r.payload as OpPayload<'inbox.resolved'>;
        expect(inboxResolvableKinds).toContain(p.kind);
        expect(p.key.length).toBeLessThanOrEqual(200);
        expect(p.note.length).toBeLessThanOrEqual(500);
        expect(Object.keys(p).sort()).toEqual(['key', 'kind', 'note']);
      }),
      { numRuns: 500 },
    );
  });
});
