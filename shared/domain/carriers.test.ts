import { describe, expect, it } from 'vitest';
import { carrierByCode, carrierNameMessage, carriers, findCarrier } from '#shared/domain/carriers';
import type { Message } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';

describe('carriers', () => {
  it('has unique canonical codes and full names', () => {
    expect(new Set(carriers.map((c) => c.code)).size).toBe(carriers.length);
    expect(new Set(carriers.map((c) => c.name)).size).toBe(carriers.length);
  });

  it.each([
    ['SF', '顺丰速运'],
    ['ZTO', '中通快递'],
    ['YTO', '圆通速递'],
    ['STO', '申通快递'],
    ['YUNDA', '韵达快递'],
    ['JT', '极兔速递'],
    ['EMS', 'EMS'],
    ['POSTB', '邮政快递包裹'],
    ['JD', '京东快递'],
    ['DBKD', '德邦快递'],
  ])('%s prints as %s in 批量发货', (code, name) => {
    expect(carrierByCode(code).name).toBe(name);
  });

  it.each([
    ['圆通', 'YTO'],
    ['圆通速递', 'YTO'],
    ['yto', 'YTO'],
    ['yuantong', 'YTO'],
    ['中通', 'ZTO'],
    ['zhongtong', 'ZTO'],
    ['YD', 'YUNDA'],
    ['韵达', 'YUNDA'],
    ['JTSD', 'JT'],
    ['J&T', 'JT'],
    ['jtexpress', 'JT'],
    ['DBL', 'DBKD'],
    ['德邦', 'DBKD'],
    ['YZPY', 'POSTB'],
    ['邮政小包', 'POSTB'],
    ['youzhengguonei', 'POSTB'],
    ['JDKD', 'JD'],
    ['京东物流', 'JD'],
    ['HHTT', 'TTKDEX'],
    ['百世汇通', 'HTKY'],
    [' 顺 丰 ', 'SF'],
    ['shunfeng', 'SF'],
    ['SF Express', 'SF'],
  ])('findCarrier(%j) → %s', (text, code) => {
    expect(findCarrier(text)?.code).toBe(code);
  });

  it('returns null for unknown text instead of guessing', () => {
    expect(findCarrier('')).toBeNull();
    expect(findCarrier('火星快递')).toBeNull();
  });

  it('throws on an unknown canonical code (a programming error)', () => {
    expect(() => carrierByCode('NOPE')).toThrow(RangeError);
  });
});

describe('carrier names in the catalog', () => {
  it('every carrier has a catalog name equal to its data in both languages (they cannot drift)', () => {
    const zh = createTranslator('zh-CN').t;
    const en = createTranslator('en').t;
    for (const c of carriers) {
      const name = carrierNameMessage(c.code);
      expect(typeof name, c.code).toBe('object');
      expect(zh(name as Message), c.code).toBe(c.name);
      expect(en(name as Message), c.code).toBe(c.englishName);
    }
    expect(carrierNameMessage('NOPE')).toBe('NOPE');
  });
});
