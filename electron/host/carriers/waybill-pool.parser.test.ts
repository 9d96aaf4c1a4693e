import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sampleWaybillPool } from '../../../test/fixtures/write-sample-exports';
import { MAX_RANGE, parseWaybillPool } from './waybill-pool.parser';

describe('parseWaybillPool', () => {
  it('reads single numbers, normalising case, spaces and hyphens', () => {
    const r = parseWaybillPool('yt7477226345628\n  SF 1392-0415 8866  \r\n\n# comment\n// another\n73144233224145 # inline note\n');
    expect(r).toEqual({ numbers: ['YT7477226345628', 'SF139204158866', '73144233224145'], errors: [], duplicates: 0, duplicateLines: [], warnings: [] });
  });

  it('expands ranges keeping the prefix and zero padding', () => {
    const r = parseWaybillPool('YT7400000000098-YT7400000000102\n0000000009~0000000011\n');
    expect(r.errors).toEqual([]);
    expect(r.numbers).toEqual([
      'YT7400000000098', 'YT7400000000099', 'YT7400000000100', 'YT7400000000101', 'YT7400000000102',
      '0000000009', '0000000010', '0000000011',
    ]);
  });

  it('expands an 18-digit range past 2^53 exactly', () => {
    const r = parseWaybillPool('900719925474099100 ~ 900719925474099102');
    expect(r.numbers).toEqual(['900719925474099100', '900719925474099101', '900719925474099102']);
  });

  it('expands a 500-number block', () => {
    const r = parseWaybillPool('73100000000001~73100000000500');
    expect(r.numbers.length).toBe(500);
    expect(r.numbers.at(-1)).toBe('73100000000500');
  });

  it('reports duplicates with their lines and keeps each number once', () => {
    const r = parseWaybillPool('YT7400000000001-YT7400000000003\nYT7400000000002\nYT7400000000009\n');
    expect(r.numbers).toEqual(['YT7400000000001', 'YT7400000000002', 'YT7400000000003', 'YT7400000000009']);
    expect(r.duplicates).toBe(1);
    expect(r.duplicateLines).toEqual([{ line: 2, message: '运单号 YT7400000000002 重复（第 1 行已有）' }]);
  });

  it('reports bad lines by number', () => {
    const r = parseWaybillPool(
      ['YT7400000000100-YT7400000000001', 'YT7400000000001-JT7400000000100', 'YT74000000000001-YT7400000000100', `00000001~${String(MAX_RANGE + 1).padStart(8, '0')}`, '12$45', 'a~b~c'].join('\n'),
    );
    expect(r.numbers).toEqual([]);
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.errors[0]?.message).toContain('终点小于起点');
    expect(r.errors[1]?.message).toContain('前缀');
    expect(r.errors[3]?.message).toContain(String(MAX_RANGE));
  });

  it('treats a hyphenated single number as one number, not a range', () => {
    expect(parseWaybillPool('1392-0415-8866\nDPK-364112047425').numbers).toEqual(['139204158866', 'DPK364112047425']);
  });

  it('skips a spreadsheet header and splits comma- or tab-separated lists', () => {
    const r = parseWaybillPool('运单号\nYT7400000000001,YT7400000000002\tYT7400000000003\n');
    expect(r.numbers).toEqual(['YT7400000000001', 'YT7400000000002', 'YT7400000000003']);
  });

  it('warns (without refusing) when numbers do not look like the chosen carrier', () => {
    const r = parseWaybillPool('YT7400000000001-YT7400000000100\nDPK364112047425\n', { carrierCode: 'YTO' });
    expect(r.errors).toEqual([]);
    expect(r.numbers.length).toBe(101);
    expect(r.warnings).toEqual([expect.stringMatching(/^第 2 行：.*圆通速递/)]);
  });

  it('caps the total', () => {
    const r = parseWaybillPool('00000001~00001000\n00002001~00003000', { maxTotal: 1500 });
    expect(r.numbers).toEqual([]);
    expect(r.errors).toEqual([{ line: 2, message: expect.stringContaining('1500') }]);
  });

  it('reads an uploaded GBK file and the sample pool', () => {
    const r = parseWaybillPool({ name: 'pool.txt', bytes: iconv.encode('# 圆通单号\nYT7400000000001\n', 'gbk') });
    expect(r.numbers).toEqual(['YT7400000000001']);
    const sample = parseWaybillPool(sampleWaybillPool(), { carrierCode: 'YTO' });
    expect(sample).toMatchObject({ errors: [], duplicates: 0, warnings: [] });
    expect(sample.numbers.length).toBe(151);
  });
});
