import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddressDetail, maskMobile, maskName } from '#shared/domain/privacy';

describe('maskName', () => {
  it.each([
    ['王小明', '王**'],
    ['王明', '王*'],
    ['欧阳娜娜', '欧***'],
    ['王', '*'],
    ['', ''],
    [' 李四 ', '李*'],
  ])('%j → %j', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['12345678901-1234', '123****8901-1234'],
    ['+8613812345678', '+86138****5678'],
    ['0571-88886666', '0571-****6666'],
    ['138****5678', '138****5678'],
    ['', ''],
    ['123', '***'],
  ])('%j → %j', (phone, masked) => expect(maskMobile(phone)).toBe(masked));

  it('never shows the middle four digits of a mobile, and is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        const masked = maskMobile(m);
        expect(masked).not.toContain(m.slice(3, 7));
        expect(maskMobile(masked)).toBe(masked);
      }),
    );
  });
});

describe('maskAddressDetail', () => {
  it('keeps the street and hides numbers and buildings', () => {
    expect(maskAddressDetail('科技南十二路2号金蝶软件园B10')).toBe('科技南十二路****');
    expect(maskAddressDetail('柳河镇紫御府 七号楼 3单元 201室')).toBe('柳河镇紫御府****');
    expect(maskAddressDetail('201室')).toBe('****');
  });

  it('never shows more than half the text', () => {
    expect(maskAddressDetail('紫御府')).toBe('紫御****');
  });

  it('is idempotent', () => {
    const once = maskAddressDetail('人民路1号');
    expect(maskAddressDetail(once)).toBe(once);
    expect(maskAddressDetail('')).toBe('');
  });
});
