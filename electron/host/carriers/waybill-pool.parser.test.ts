import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkTrackingNo, normaliseTrackingNo } from '#shared/domain/tracking-number';
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
    expect(sample.numbers.length).toBe(501);
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

describe('parseWaybillPool refuses what is not a waybill number (all or nothing)', () => {
  it('refuses the tester\'s paste into SF: a word and a backwards range, each named with its line, nothing imported', () => {
    const r = parseWaybillPool('SF1234567890123\nhello world\nSF1234567890123\nYT100-YT050\n', { carrierCode: 'SF' });
    expect(r.numbers).toEqual([]);
    expect(r.errors).toEqual([
      { file: '', row: 2, msg: { key: 'pool.noDigit', params: { value: 'hello world' } } },
      { file: '', row: 4, msg: { key: 'pool.rangeBackwards', params: { from: 'YT100', to: 'YT050' } } },
    ]);
  });

  it.each([
    ['HELLOWORLD', 'pool.noDigit'],
    ['ABCDEF-GHIJKL', 'pool.noDigit'],
    ['ＨＥＬＬＯ　ＷＯＲＬＤ', 'pool.noDigit'],
    ['YT12', 'pool.numberFormat'],
    ['1'.repeat(41), 'pool.numberFormat'],
    ['SF12345#67890', 'pool.numberFormat'],
    ['SF1234567890ß', 'pool.numberFormat'],
    ['ſF1234567890123', 'pool.numberFormat'],
    ['YT7400000000001 YT7400000000002', 'pool.runTogether'],
    ['SF1234567890123 used', 'pool.runTogether'],
    ['YT100-YT050-YT200', 'pool.runTogether'],
    ['YT100-YT050', 'pool.rangeBackwards'],
    ['ＹＴ１００－ＹＴ０５０', 'pool.rangeBackwards'],
    ['1392-0415', 'pool.rangeBackwards'],
    ['YT100-YT200', 'pool.rangeEnds'],
    ['YT100 ~ YT200', 'pool.rangeEnds'],
    ['7310000000001-500', 'pool.rangeMismatch'],
    ['YT7400000000001~YT7400000000002 YT7400000000003', 'pool.runTogether'],
    ['YT7400000000001 ~ ', 'pool.rangeEnds'],
    ['YT74000000$0001 ~ YT7400000000009', 'pool.rangeEnds'],
  ])('refuses %j with %s, naming the line, and keeps the good lines out too', (bad, key) => {
    const r = parseWaybillPool(`YT7400000000001\n${bad}\nYT7400000000002\n`, { carrierCode: 'YTO' });
    expect(r.numbers).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.msg.key])).toEqual([[2, key]]);
  });

  it('still reads numbers written in groups, S10 numbers with a spaced country code, and ranges with spaced dashes', () => {
    const r = parseWaybillPool('EA 123456785 CN\nJDVA 1140 8814 483\n7731-6523-1258-96\nYT7400000000001 – YT7400000000002\nＹＴ７４７７２２６３４５６２８\n');
    expect(r).toMatchObject({ errors: [], numbers: ['EA123456785CN', 'JDVA11408814483', '77316523125896', 'YT7400000000001', 'YT7400000000002', 'YT7477226345628'] });
  });

  it('warns, never refuses, on a well-formed number the carrier does not usually use (a new series)', () => {
    const r = parseWaybillPool('SF1234567890123\nAB12345678\n', { carrierCode: 'SF' });
    expect(r.errors).toEqual([]);
    expect(r.numbers).toEqual(['SF1234567890123', 'AB12345678']);
    expect(r.warnings).toEqual([{ file: '', row: 2, msg: { key: 'pool.unusualNumber', params: { number: 'AB12345678', carrier: 'SF' } } }]);
  });

  // Anything a person might paste: letters, digits, the separators the parser reads, look-alikes.
  const pasted = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'ABCSFYTabc0123456789 -~–—－～至,，;#$.ßſＡ１　\u00a0'.split('')),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 40,
  });

  it('accepts only numbers of 6–40 capitals and digits holding a digit (property)', () => {
    fc.assert(
      fc.property(fc.array(pasted, { minLength: 1, maxLength: 6 }), (lines) => {
        let r;
        try {
          r = parseWaybillPool(lines.join('\n'), { carrierCode: 'SF' });
        } catch {
          return; // nothing at all to import: refused as a whole
        }
        if (r.errors.length > 0) expect(r.numbers).toEqual([]);
        for (const n of r.numbers) expect(n).toMatch(/^(?=.*\d)[A-Z0-9]{6,40}$/);
        for (const w of r.warnings) expect(checkTrackingNo('SF', String(w.msg.params?.number)).ok).toBe(false);
      }),
    );
  });

  it('keeps a lone number exactly as typed, only uppercased and without its spaces and dashes (property)', () => {
    fc.assert(
      fc.property(pasted, (line) => {
        fc.pre(!/[~～至,，;；#\t]/.test(line) && !/^\s*[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+\s*[-–—－]+\s*[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+\s*$/.test(line));
        let r;
        try {
          r = parseWaybillPool(`SF1234567890123\n${line}`);
        } catch {
          return;
        }
        if (r.errors.length > 0) return;
        const typed = normaliseTrackingNo(line.trim());
        if (typed !== '' && typed !== 'SF1234567890123') expect(r.numbers).toEqual(['SF1234567890123', typed]);
      }),
    );
  });

  const good = fc.oneof(
    fc.stringMatching(/^(?:SF|YT|JT)?[0-9]{12,13}$/),
    fc.tuple(fc.constantFrom('YT74', 'SF10', '731'), fc.bigInt({ min: 10n ** 9n, max: 10n ** 10n - 100n }), fc.nat({ max: 50 }), fc.constantFrom('-', '~', ' ~ ', '至')).map(
      ([prefix, start, n, sep]) => `${prefix}${start}${sep}${prefix}${start + BigInt(n)}`,
    ),
  );
  const bad = fc.oneof(
    fc.stringMatching(/^[A-Za-z]{1,12}( [A-Za-z]{1,12})?$/),
    fc.stringMatching(/^[A-Z]{0,2}[0-9]{1,3}$/),
    fc.tuple(fc.constantFrom('YT', 'SF', ''), fc.integer({ min: 100, max: 999 }), fc.integer({ min: 1, max: 99 })).map(([p, hi, d]) => `${p}${hi}-${p}${String(hi - d).padStart(3, '0')}`),
    fc.tuple(fc.constantFrom('YT74', '731'), fc.bigInt({ min: 10n ** 9n, max: 10n ** 10n - 1n }), fc.integer({ min: 1, max: 5 })).map(([p, n, cut]) => `${p}${n}~${p}${n}`.slice(0, -cut)),
    fc.stringMatching(/^YT[0-9]{13} YT[0-9]{13}$/),
    fc.stringMatching(/^SF[0-9]{6}[$%&*+=!?@/\\][0-9]{6}$/),
  );

  it('imports nothing from a file with one bad line among good ones, and names that line (property)', () => {
    fc.assert(
      fc.property(fc.array(good, { minLength: 1, maxLength: 8 }), bad, fc.nat(), (goodLines, badLine, at) => {
        const lines = ['# 单号', ...goodLines];
        const row = 2 + (at % (lines.length));
        lines.splice(row - 1, 0, badLine);
        const r = parseWaybillPool(lines.join('\n'), { carrierCode: 'SF' });
        expect(r.numbers).toEqual([]);
        expect(r.errors.map((e) => e.row)).toContain(row);
        expect(r.errors.every((e) => e.row === row || e.repeats?.rows.includes(row))).toBe(true);
      }),
    );
  });

  it('imports every number of the same good lines when the bad one is left out (property)', () => {
    fc.assert(
      fc.property(fc.array(good, { minLength: 1, maxLength: 8 }), (goodLines) => {
        const r = parseWaybillPool(goodLines.join('\n'), { carrierCode: 'SF' });
        expect(r.errors).toEqual([]);
        expect(r.numbers.length).toBeGreaterThan(0);
      }),
    );
  });
});
