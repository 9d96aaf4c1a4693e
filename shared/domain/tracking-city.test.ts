import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destinationDiffers, normaliseCity } from './tracking-city';

/** 物流信息不一致 is raised for a plainly different city, never for a spelling of the same one. */
describe('the destination city against the order address', () => {
  const hangzhou = { province: '浙江省', city: '杭州市', district: '余杭区' };

  it('reads one city in its usual spellings', () => {
    expect(['杭州', '杭州市', '浙江省杭州市', ' 杭州市 ', '杭州　市'].map(normaliseCity)).toEqual(['杭州', '杭州', '杭州', '杭州', '杭州']);
    expect(normaliseCity('上海市浦东新区')).toBe('上海');
    expect(normaliseCity('新疆维吾尔自治区乌鲁木齐市')).toBe('乌鲁木齐');
  });

  it('the same city, its district or a municipality is not a difference; another city is', () => {
    for (const same of ['杭州', '浙江,杭州市', '浙江省杭州市', '杭州市 余杭区', '余杭区', '']) expect(destinationDiffers(same, hangzhou), same).toBe(false);
    for (const other of ['宁波市', '浙江省宁波市', '浙江,宁波市', '乌鲁木齐']) expect(destinationDiffers(other, hangzhou), other).toBe(true);
    expect(destinationDiffers('上海', { province: '上海', city: '上海市', district: '浦东新区' })).toBe(false);
    expect(destinationDiffers('北京', { province: '', city: '', district: '' })).toBe(false);
  });

  it('a city never differs from itself written with a province, a suffix or spaces (property)', () => {
    const name = fc.constantFrom('杭州', '宁波', '苏州', '广州', '成都', '乌鲁木齐', '哈尔滨');
    const province = fc.constantFrom('', '浙江省', '江苏省', '广东省', '新疆维吾尔自治区');
    fc.assert(
      fc.property(name, province, province, fc.constantFrom('', '市'), fc.constantFrom('', '市'), fc.constantFrom('', ' ', '　'), (city, p1, p2, s1, s2, space) => {
        expect(destinationDiffers(`${p1}${space}${city}${s1}`, { province: p2, city: `${city}${s2}`, district: '' })).toBe(false);
      }),
    );
  });
});
