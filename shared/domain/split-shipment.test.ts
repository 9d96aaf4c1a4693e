import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completingVerdict, linesPerGroup, partialVerdict, type SplitLine } from './split-shipment';

const lines: SplitLine[] = [
  { lineNo: 1, subOrderId: '4000000000000000101', skuCode: 'MUG', qty: 2, title: '马克杯' },
  { lineNo: 2, subOrderId: '4000000000000000102', skuCode: 'CUP', qty: 1, title: '杯垫' },
  { lineNo: 3, subOrderId: '4000000000000000103', skuCode: 'TEA', qty: 3, title: '茶叶' },
];
const part = (units: Record<string, number>) => ({ partial: true, units: new Map(Object.entries(units)) });
const rest = { partial: false, units: new Map<string, number>() };

describe('a partial parcel the platform can take', () => {
  it('uploads one row per sub-order it carries in full', () => {
    expect(partialVerdict(lines, [], part({ MUG: 2, CUP: 1 }))).toEqual({ ok: true, subOrderIds: ['4000000000000000101', '4000000000000000102'] });
  });

  it('is held when it carries part of a line, naming the line and the units', () => {
    expect(partialVerdict(lines, [], part({ MUG: 2, TEA: 1 }))).toMatchObject({ ok: false, why: 'line-partly', line: { lineNo: 3 }, carried: 1 });
    // The second half of a line shipped before is part of that line too.
    expect(partialVerdict(lines, [part({ TEA: 1 })], part({ TEA: 2 }))).toMatchObject({ ok: false, why: 'line-partly', line: { lineNo: 3 }, carried: 2 });
  });

  it('is held when a line it carries has no 子订单编号', () => {
    const noIds = lines.map((l) => (l.lineNo === 2 ? { ...l, subOrderId: null } : l));
    expect(partialVerdict(noIds, [], part({ CUP: 1 }))).toMatchObject({ ok: false, why: 'no-sub-order', line: { lineNo: 2 } });
  });

  it('the rest, shipped later, finishes the lines left (a line without a 商家编码 included)', () => {
    const withLoose = [...lines, { lineNo: 4, subOrderId: '4000000000000000104', skuCode: null, qty: 1, title: '赠品' }];
    const groups = [part({ MUG: 2 }), rest];
    expect(linesPerGroup(withLoose, groups).map((g) => g.completes)).toEqual([[1], [2, 3, 4]]);
    expect(completingVerdict(withLoose, groups, 1)).toEqual({ ok: true, subOrderIds: ['4000000000000000102', '4000000000000000103', '4000000000000000104'] });
  });

  it('lays every unit on some line at most once, whatever the groups (property)', () => {
    const sku = fc.constantFrom('MUG', 'CUP', 'TEA');
    fc.assert(
      fc.property(fc.array(fc.dictionary(sku, fc.integer({ min: 1, max: 4 })), { maxLength: 4 }), fc.boolean(), (parts, finish) => {
        const groups = [...parts.map((u) => part(u)), ...(finish ? [rest] : [])];
        const per = linesPerGroup(lines, groups);
        for (const l of lines) {
          const carried = per.reduce((n, g) => n + (g.units.get(l.lineNo) ?? 0), 0);
          expect(carried).toBeLessThanOrEqual(l.qty);
          if (finish) expect(carried).toBe(l.qty);
          expect(per.filter((g) => g.completes.includes(l.lineNo)).length).toBe(carried === l.qty ? 1 : 0);
        }
      }),
    );
  });
});
