import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { forbiddenChars } from '../../../test/fixtures/hostile-files';
import { sampleWaybillPool } from '../../../test/fixtures/write-sample-exports';
import { thrownAppError } from '../../../test/helpers/app-error';
import { MAX_RANGE, parseWaybillPool } from './waybill-pool.parser';

describe('parseWaybillPool', () => {
  it('reads single numbers, normalising case, spaces and hyphens', () => {
    const r = parseWaybillPool('yt7477226345628\n  SF 1392-0415 8866  \r\n\n# comment\n// another\n73144233224145 # inline note\n');
    expect(r).toEqual({ numbers: ['YT7477226345628', 'SF139204158866', '73144233224145'], errors: [], duplicates: 0, warnings: [] });
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

  it('counts duplicates and keeps each number once', () => {
    const r = parseWaybillPool('YT7400000000001-YT7400000000003\nYT7400000000002\nYT7400000000009\n');
    expect(r.numbers).toEqual(['YT7400000000001', 'YT7400000000002', 'YT7400000000003', 'YT7400000000009']);
    expect(r.duplicates).toBe(1);
  });

  it('reports bad lines by number', () => {
    const r = parseWaybillPool(
      ['YT7400000000100-YT7400000000001', 'YT7400000000001-JT7400000000100', 'YT74000000000001-YT7400000000100', `00000001~${String(MAX_RANGE + 1).padStart(8, '0')}`, '12$45', 'a~b~c'].join('\n'),
    );
    expect(r.numbers).toEqual([]);
    // Lines 2 and 3 have the same problem: one entry names both.
    expect(r.errors.map((e) => [e.row, e.msg.key, e.repeats?.rows])).toEqual([
      [1, 'pool.rangeBackwards', undefined], [2, 'pool.rangeMismatch', [2, 3]], [4, 'pool.rangeTooBig', undefined], [5, 'pool.numberFormat', undefined], [6, 'pool.rangeUnreadable', undefined],
    ]);
    expect(r.errors[2]?.msg.params).toEqual({ count: String(MAX_RANGE + 1), max: MAX_RANGE });
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
    expect(r.warnings).toEqual([{ file: '', row: 2, msg: { key: 'pool.unusualNumber', params: { number: 'DPK364112047425', carrier: 'YTO' } } }]);
  });

  it('caps the total', () => {
    const r = parseWaybillPool('00000001~00001000\n00002001~00003000', { maxTotal: 1500 });
    expect(r.numbers).toEqual([]);
    expect(r.errors).toEqual([{ file: '', row: 2, msg: { key: 'pool.tooMany', params: { max: 1500 } } }]);
  });

  it('reads an uploaded GBK file and the sample pool', () => {
    const r = parseWaybillPool({ name: 'pool.txt', bytes: iconv.encode('# 圆通单号\nYT7400000000001\n', 'gbk') });
    expect(r.numbers).toEqual(['YT7400000000001']);
    const sample = parseWaybillPool(sampleWaybillPool(), { carrierCode: 'YTO' });
    expect(sample).toMatchObject({ errors: [], duplicates: 0, warnings: [] });
    expect(sample.numbers.length).toBe(151);
  });
});

describe('parseWaybillPool on hostile lists', () => {
  it('refuses an empty file, or one holding only a header and comments, instead of adding 0 numbers', () => {
    for (const text of ['', '\n\n', '运单号\n# 没有单号\n']) {
      expect(thrownAppError(() => parseWaybillPool({ name: 'pool.txt', bytes: Buffer.from(text, 'utf8') })).msg).toEqual({ key: 'pool.empty' });
    }
  });

  it.each(forbiddenChars)('refuses %s anywhere on a line, comments included, naming the line', (_name, char, named) => {
    const r = parseWaybillPool({ name: 'pool.txt', bytes: Buffer.from(`YT7400000000001\nYT7400000000002 # note${char}\n`, 'utf8') });
    expect(r.numbers).toEqual([]);
    expect(r.errors).toEqual([{ file: 'pool.txt', row: 2, msg: { key: 'import.cell.control', params: { char: named } } }]);
  });

  it('names the line where an uploaded file stops being UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('# 圆通单号 第一批\nYT7400000000001\nYT74000', 'utf8'), Buffer.from([0xe4, 0x0a])]);
    const r = parseWaybillPool({ name: 'pool.txt', bytes });
    expect(r.numbers).toEqual([]);
    expect(r.errors).toEqual([{ file: 'pool.txt', row: 3, msg: { key: 'import.file.notDecodable', params: { encoding: 'UTF-8' } } }]);
  });

  it('refuses a line too long to be a list of numbers', () => {
    const r = parseWaybillPool(`YT7400000000001\n${'9'.repeat(5000)}\n`);
    expect(r.errors).toEqual([{ file: '', row: 2, msg: { key: 'import.cell.tooLong', params: { length: 5000, max: 2000 } } }]);
  });
});
