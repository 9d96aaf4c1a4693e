import { describe, expect, it } from 'vitest';
import { msg } from '../i18n/message';
import { createTranslator } from '../i18n/translator';
import { notHandedOverText, numberChangeText } from './batch-ship-notes';

const say = (lang: 'zh-CN' | 'en') => {
  const { t } = createTranslator(lang);
  return (s: { notHandedOver: number; notHandedOverNos: string[] }) => t(notHandedOverText(s, t(msg('common.listSep'))));
};

describe('what the 批量发货 export says besides its rows', () => {
  it('names the parcels it holds back as still at the shop, the first few and then how many in all', () => {
    const few = { notHandedOver: 2, notHandedOverNos: ['YT7400000000002', 'YT7400000000003'] };
    expect(say('zh-CN')(few)).toBe('2 个包裹还没交给快递，不导出：YT7400000000002、YT7400000000003');
    expect(say('en')(few)).toBe('Held back, not yet handed to the courier (2): YT7400000000002, YT7400000000003');
    const many = { notHandedOver: 5, notHandedOverNos: ['YT1000000001', 'YT1000000002', 'YT1000000003'] };
    expect(say('zh-CN')(many)).toBe('5 个包裹还没交给快递，不导出：YT1000000001、YT1000000002、YT1000000003 等 5 个');
    expect(say('en')(many)).toBe('Held back, not yet handed to the courier (5): YT1000000001, YT1000000002, YT1000000003 and others, 5 in all');
  });

  it('tells the seller to change an uploaded number with 修改物流单号, naming the order, the old number and the new one', () => {
    const change = { orderExternalId: '1000000153477864404', uploadedNo: 'YT7400000000001', trackingNo: 'YT7400000000010' };
    const [zh, en] = [createTranslator('zh-CN'), createTranslator('en')];
    expect(zh.t(numberChangeText(change))).toBe('订单 1000000153477864404：YT7400000000001 改为 YT7400000000010');
    expect(en.t(numberChangeText(change))).toBe('Order 1000000153477864404: change YT7400000000001 to YT7400000000010');
    expect(zh.t(msg('export.changeCount', { count: 1 }))).toMatch(/^1 个订单的单号已上传过.*不写入批量发货文件.*修改物流单号/);
    expect(en.t(msg('export.changeCount', { count: 1 }))).toMatch(/not in the file.*修改物流单号 \(change tracking number\)/);
  });
});
