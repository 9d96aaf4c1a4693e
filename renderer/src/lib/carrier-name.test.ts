import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n, setLanguage } from '../i18n/setup';
import { carrierName } from './carrier-name';

describe('a carrier named in the reader’s language', () => {
  it('is 圆通速递 in Chinese and YTO Express in English; a carrier the catalog lacks keeps its stored name', () => {
    initI18n('zh-CN');
    setLanguage('zh-CN');
    expect(carrierName(i18next.t, 'YTO', '圆通速递')).toBe('圆通速递');
    setLanguage('en');
    expect(carrierName(i18next.t, 'YTO', '圆通速递')).toBe('YTO Express');
    expect(carrierName(i18next.t, 'LOCAL9', '本地同城快送')).toBe('本地同城快送');
  });
});
