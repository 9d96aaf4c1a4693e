import { describe, expect, it } from 'vitest';
import { labelSizes } from '#shared/contract/devices.contract';
import { elementBounds, type Layout } from './label-layout';
import { buildTestLabelLayout } from './test-label-layout';

const texts = (layout: Layout) => layout.elements.flatMap((e) => (e.kind === 'text' || e.kind === 'inverse' ? [e.text] : [])).join('\n');
const shop = { sender: { name: '小店旗舰店', phone: '0571-12345678', address: '浙江省杭州市余杭区仓前街道梦想小镇5号仓' }, privacyMasking: false };

describe('the test label (测试打印)', () => {
  for (const size of labelSizes) {
    it(`is a waybill with the shop's sender, inside the ${size} label`, () => {
      const layout = buildTestLabelLayout(size, shop);
      expect(`${layout.widthMm}x${layout.heightMm}`).toBe(size);
      const text = texts(layout);
      for (const part of ['小店旗舰店', '0571-12345678', '浙江省杭州市余杭区仓前街道梦想小镇5号仓', '寄', '收']) expect(text).toContain(part);
      // It says it is a test, so nobody sticks it on a parcel.
      expect(text.split('\n')[0]).toBe('打印测试');
      expect(text).toContain(`打印测试 ${size} mm，不要贴在包裹上`);
      expect(text).not.toContain('寄件人未设置');
      expect(layout.elements.filter((e) => e.kind === 'code128').map((e) => e.data)).toContain('PACKDESK-TEST-0123');
      for (const el of layout.elements) {
        const b = elementBounds(el);
        expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= layout.widthMm && b.y + b.h <= layout.heightMm, JSON.stringify(el)).toBe(true);
      }
    });
  }

  it('says where to set the sender when it is not filled in, keeping what is', () => {
    expect(texts(buildTestLabelLayout('76x130', { ...shop, sender: { name: '', phone: '', address: '' } }))).toContain('【寄件人未设置：设置 → 发件人】');
    const partial = texts(buildTestLabelLayout('100x150', { ...shop, sender: { ...shop.sender, phone: ' ' } }));
    expect(partial).toContain('寄件人未设置');
    expect(partial).toContain('小店旗舰店');
    expect(texts(buildTestLabelLayout('100x150', { ...shop, sender: { name: '', phone: '', address: '' } }, 'en'))).toContain('[Sender not set yet: Settings → Sender]');
  });

  it('masks the sample recipient as the shop’s parcels are masked', () => {
    const text = texts(buildTestLabelLayout('100x150', { ...shop, privacyMasking: true }));
    expect(text).not.toContain('13800000000');
    expect(text).toContain('0571-12345678');
  });
});
