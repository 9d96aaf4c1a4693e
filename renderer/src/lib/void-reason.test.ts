import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n, setLanguage } from '../i18n/setup';
import { voidReasonText } from './void-reason';

describe('a void reason', () => {
  it('picked from the chips reads in the reader\'s language, whichever bench voided; one typed reads as typed', () => {
    initI18n('en');
    setLanguage('en');
    expect(voidReasonText(i18next.t, '面单打印错误')).toBe('Label misprinted');
    expect(voidReasonText(i18next.t, '客户要求改地址')).toBe('客户要求改地址');
    setLanguage('zh-CN');
    expect(voidReasonText(i18next.t, 'Label misprinted')).toBe('面单打印错误');
    expect(voidReasonText(i18next.t, 'Label misprinted ')).toBe('面单打印错误');
  });
});
