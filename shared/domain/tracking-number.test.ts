import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { checkTrackingNo, guessCarriers, isValidS10, normaliseTrackingNo } from '#shared/domain/tracking-number';

describe('normaliseTrackingNo', () => {
  it.each([
    ['sf 1392-0415 8866', 'SF139204158866'],
    ['  yt7477226345628\t', 'YT7477226345628'],
    ['ＹＴ７４７７２２６３４５６２８', 'YT7477226345628'],
    ['7731-6523-1258-96', '77316523125896'],
  ])('%j → %s', (raw, n) => expect(normaliseTrackingNo(raw)).toBe(n));

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normaliseTrackingNo(s);
        expect(normaliseTrackingNo(once)).toBe(once);
        expect(once).not.toMatch(/[\s-]/);
      }),
    );
  });
});

describe('isValidS10', () => {
  it('checks the UPU S10 check digit', () => {
    expect(isValidS10('RB123456785GB')).toBe(true);
    expect(isValidS10('EA123456785CN')).toBe(true);
    expect(isValidS10('RB123456786US')).toBe(false);
    expect(isValidS10('EA12345678CN')).toBe(false);
  });
});

describe('checkTrackingNo', () => {
  const zh = createTranslator('zh-CN').t;
  const en = createTranslator('en').t;
  it.each([
    ['SF', 'SF1023574626292'],
    ['SF', 'sf 1392-0415 8866'],
    ['ZTO', '73144233224145'],
    ['YTO', 'YT7477226345628'],
    ['STO', '773367326370601'],
    ['YUNDA', '462598779470531'],
    ['YUNDA', '3738460008834'],
    ['JT', 'JT0006968326954'],
    ['HTKY', 'JT3002232682242'],
    ['EMS', 'EA123456785CN'],
    ['EMS', '1123456789012'],
    ['POSTB', '1240921381750'],
    ['JD', 'JDVA11408814483'],
    ['JD', 'JD014892367120'],
    ['DBKD', 'DPK364112047425'],
    ['OTHER', 'ANYTHING123'],
  ])('%s accepts %s', (carrier, n) => {
    expect(checkTrackingNo(carrier, n)).toEqual({ ok: true });
  });

  it('warns (never blocks) on a number of another carrier, naming the carrier and its shape', () => {
    const r = checkTrackingNo('ZTO', 'YT7477226345628');
    expect(r.ok).toBe(false);
    expect(zh(r.warning!)).toContain('中通快递');
    expect(zh(r.warning!)).toContain('14 位');
    expect(en(r.warning!)).toContain('ZTO Express');
    expect(en(r.warning!)).toContain('14 digits');
  });

  it('warns on a failed S10 check digit, on junk and on blanks', () => {
    expect(zh(checkTrackingNo('EMS', 'EA123456786CN').warning!)).toContain('校验位');
    expect(checkTrackingNo('YTO', 'YT74772$6345628').ok).toBe(false);
    expect(zh(checkTrackingNo('YTO', '').warning!)).toBe('运单号为空');
    expect(en(checkTrackingNo('YTO', '').warning!)).toBe('The tracking number is empty');
  });
});

describe('guessCarriers', () => {
  it.each([
    ['SF1023574626292', 'SF'],
    ['YT7477226345628', 'YTO'],
    ['JT0006968326954', 'JT'],
    ['JDVA11408814483', 'JD'],
    ['DPK364112047425', 'DBKD'],
    ['EA123456785CN', 'EMS'],
    ['73144233224145', 'ZTO'],
    ['773367326370601', 'STO'],
    ['462598779470531', 'YUNDA'],
    ['5123456789012', 'YUNDA'],
    ['9876543210123', 'EMS'],
  ])('%s → %s first', (n, code) => {
    expect(guessCarriers(n)[0]).toBe(code);
  });

  it('lists J&T before Best for JT numbers (J&T took over Best numbers)', () => {
    expect(guessCarriers('JT3002232682242').slice(0, 2)).toEqual(['JT', 'HTKY']);
  });

  it('offers several carriers for an ambiguous all-digit number', () => {
    expect(guessCarriers('123456789012').length).toBeGreaterThan(1);
  });

  it('returns nothing for junk or an S10 number with a wrong check digit', () => {
    expect(guessCarriers('hello?')).toEqual([]);
    expect(guessCarriers('EA123456786CN')).toEqual([]);
  });

  it('only ever suggests carriers whose check passes (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(?:SF|YT|JT|JD|DPK|[A-Z]{2})?[A-Z0-9]{0,2}\d{8,18}(?:CN)?$/), (n) => {
        for (const code of guessCarriers(n)) expect(checkTrackingNo(code, n).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
