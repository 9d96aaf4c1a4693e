import { beforeEach, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n, setLanguage } from '../i18n/setup';
import { localizeReason, pickLanguage, reasonCode } from './host-text';

describe('host text', () => {
  beforeEach(() => {
    initI18n('zh-CN');
    setLanguage('zh-CN');
  });

  it('picks the half of a bilingual host message that matches the UI language', () => {
    expect(pickLanguage('PIN 不正确 / Wrong PIN', 'zh-CN')).toBe('PIN 不正确');
    expect(pickLanguage('PIN 不正确 / Wrong PIN', 'en')).toBe('Wrong PIN');
    expect(pickLanguage('请选择快递公司（未设置默认快递）/ Choose a carrier: no rule matched', 'en')).toBe('Choose a carrier: no rule matched');
    expect(pickLanguage('打印机 10.0.0.5:9100 无响应 / printer at 10.0.0.5:9100 stopped answering', 'zh-CN')).toBe('打印机 10.0.0.5:9100 无响应');
  });

  it('leaves one-language messages and paths alone', () => {
    expect(pickLanguage('缺少列：商家编码', 'en')).toBe('缺少列：商家编码');
    expect(pickLanguage('SKU SKU-1 not found', 'zh-CN')).toBe('SKU SKU-1 not found');
    expect(pickLanguage('无法保存到 /tmp/labels', 'en')).toBe('无法保存到 /tmp/labels');
  });

  it('reads the code at the end of a block reason', () => {
    expect(reasonCode('交易关闭，不能发货（TRADE_CLOSED）')).toBe('TRADE_CLOSED');
    expect(reasonCode('有退款：退款金额 43.90 元（订单报表）（REFUND）')).toBe('REFUND');
    expect(reasonCode('买家申请退款')).toBeNull();
  });

  it('keeps the host words in Chinese and names the cause in English', () => {
    const t = i18next.t.bind(i18next);
    expect(localizeReason(t, 'zh-CN', '交易关闭，不能发货（TRADE_CLOSED）')).toBe('交易关闭，不能发货（TRADE_CLOSED）');
    setLanguage('en');
    expect(localizeReason(t, 'en', '交易关闭，不能发货（TRADE_CLOSED）')).toContain('Closed');
    expect(localizeReason(t, 'en', '有退款：退款金额 43.90 元（订单报表）（REFUND）')).toMatch(/refund/i);
    expect(localizeReason(t, 'en', '订单已发货 / already shipped')).toBe('already shipped');
  });
});
