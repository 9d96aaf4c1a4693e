import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTaobaoAddress } from '#shared/domain/address';
import { isKnownProvince, provinceKey, ruleProblems } from '#shared/domain/carrier-rules';

const rule = (over: Partial<Parameters<typeof ruleProblems>[0]> = {}) => ({ provinces: [], minWeightG: null, maxWeightG: null, ...over });
/** The province an exported address with this first token is read as ('' when it is not one). */
const provinceRead = (token: string) => splitTaobaoAddress(`${token} 某某市 某某区 人民路1号(100000)`).province;

describe('carrier rule provinces', () => {
  it('knows the short and full names and the 省 spelling of every province, and nothing else', () => {
    for (const p of ['广东', '广东省', '上海', '上海市', '广西', '广西省', '广西壮族自治区', '内蒙古', '内蒙古自治区', '新疆维吾尔自治区', '香港特别行政区', ' 浙江 ']) {
      expect(isKnownProvince(p), p).toBe(true);
    }
    for (const p of ['廣東', '广州', '广东省省', '东', '', '省', 'Guangdong', '浙江市区']) expect(isKnownProvince(p), p).toBe(false);
  });

  it('a province name is accepted exactly when an exported address starting with it is read with that province, and then it matches that address', () => {
    const known = ['北京', '北京市', '广东', '广东省', '广西', '广西省', '广西壮族自治区', '宁夏回族自治区', '澳门', '台湾省'];
    const unit = fc.constantFrom(...'北京广东西省市自治区壮族回维吾尔内蒙古新疆宁夏澳门台湾特别行政州廣東');
    const name = fc.oneof(fc.constantFrom(...known), fc.string({ unit, minLength: 1, maxLength: 9 }));
    fc.assert(
      fc.property(name, (p) => {
        const read = provinceRead(p);
        expect(isKnownProvince(p)).toBe(read !== '');
        if (read !== '') expect(provinceKey(p)).toBe(provinceKey(read));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('carrier rule problems', () => {
  it('refuses a weight range whose minimum is above its maximum, naming both', () => {
    expect(ruleProblems(rule({ minWeightG: 5000, maxWeightG: 1000 }))).toEqual([
      { field: 'weight', message: { key: 'rules.weightReversed', params: { min: 5000, max: 1000 } } },
    ]);
    expect(ruleProblems(rule({ minWeightG: 1000, maxWeightG: 1000 }))).toEqual([]);
    expect(ruleProblems(rule({ minWeightG: 5000 }))).toEqual([]);
    expect(ruleProblems(rule({ maxWeightG: 0 }))).toEqual([]);
  });

  it('names the first unknown province', () => {
    expect(ruleProblems(rule({ provinces: ['广东', '廣東', '火星'] }))).toEqual([
      { field: 'provinces', message: { key: 'rules.unknownProvince', params: { province: '廣東' } } },
    ]);
    expect(ruleProblems(rule({ provinces: ['广东省', '新疆', '西藏自治区'] }))).toEqual([]);
  });

  it('a weight range is refused exactly when no weight lies in it', () => {
    const grams = fc.option(fc.nat({ max: 100_000 }), { nil: null });
    fc.assert(
      fc.property(grams, grams, (min, max) => {
        const refused = ruleProblems(rule({ minWeightG: min, maxWeightG: max })).some((p) => p.field === 'weight');
        // The lightest weight the range takes, if any: its minimum (0 without one).
        const lightest = min ?? 0;
        expect(refused).toBe(max !== null && lightest > max);
      }),
    );
  });
});
