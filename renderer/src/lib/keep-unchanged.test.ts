import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from './keep-unchanged';

const json = fc.jsonValue({ maxDepth: 4 });

describe('keepUnchanged', () => {
  it('always equals the new value, and is the old object itself when nothing changed', () => {
    fc.assert(
      fc.property(json, json, (prev, next) => {
        const out = keepUnchanged(prev, next);
        expect(out).toStrictEqual(next);
        if (JSON.stringify(prev) === JSON.stringify(next)) expect(out).toBe(prev);
      }),
    );
  });

  it('keeps an equal copy as the old object, also inside a changed value', () => {
    fc.assert(
      fc.property(json, json, (kept, changed) => {
        fc.pre(JSON.stringify(kept) !== JSON.stringify(changed));
        const prev = { a: kept, b: [changed] };
        const out = keepUnchanged(prev, { a: structuredClone(kept), b: [changed, 1] });
        expect(out.a).toBe(kept);
        expect(out).not.toBe(prev);
      }),
    );
  });

  it('treats a key named __proto__ as data, as JSON.parse does (fast-check found it)', () => {
    const prev = JSON.parse('{"a":{"__proto__":false},"b":1}') as { a: object; b: number };
    const out = keepUnchanged(prev, JSON.parse('{"a":{"__proto__":false},"b":2}') as typeof prev);
    expect(out.a).toBe(prev.a);
    expect(Object.hasOwn(keepUnchanged({}, JSON.parse('{"__proto__":{"x":1}}') as object), '__proto__')).toBe(true);
  });

  it('keeps the order and the other lines when a scan counts one line', () => {
    const line = (lineNo: number, verified: number) => ({ lineNo, skuCode: `SKU-${lineNo}`, qty: 2, verified });
    const prev = { order: { id: 'o1', buyer: '张三' }, lines: [line(1, 0), line(2, 0)], shipments: [], complete: false };
    const next = keepUnchanged(prev, { order: { id: 'o1', buyer: '张三' }, lines: [line(1, 1), line(2, 0)], shipments: [], complete: false });
    expect(next.order).toBe(prev.order);
    expect(next.shipments).toBe(prev.shipments);
    expect(next.lines).not.toBe(prev.lines);
    expect(next.lines[1]).toBe(prev.lines[1]);
    expect(next.lines[0]).toEqual(line(1, 1));
  });
});
