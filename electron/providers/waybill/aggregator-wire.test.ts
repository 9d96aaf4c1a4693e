import { describe, expect, it } from 'vitest';
import { checkedRequest, childNumbers } from './aggregator.wire';
import { dataSign, kdniaoCode, kdniaoSafe, KDNIAO_CODES } from './kdniao-eorder.wire';
import { kuaidi100Code, labelSign } from './kuaidi100-label.wire';
import { WaybillProviderError, waybillErrorKinds } from './waybill-provider';
import en from '#shared/i18n/en.json';
import zh from '#shared/i18n/zh-CN.json';

// The vectors research/providers.md pins (§1.4, §2.1: computed from the documented algorithms with dummy keys).
describe('signatures (pinned vectors)', () => {
  it('快递100 电子面单: UPPER(MD5(param + t + key + secret))', () => {
    expect(labelSign('{"kuaidicom":"zhongtong","printType":"NON"}', '1700000000000', 'TESTKEY', 'TESTSECRET')).toBe('A95877144D8558116A7503509CC19D4E');
  });
  it('快递鸟 DataSign: Base64 of the lowercase hex string, URL-encoded once on the wire', () => {
    const data = '{"OrderCode":"","ShipperCode":"SF","LogisticCode":"118461988807"}';
    expect(dataSign(data, 'test-app-key')).toBe('YTg0YTUxOGFlOWI4OTM4NTRmYWVlYzgwYjc4MDM4NWY=');
    expect(new URLSearchParams({ DataSign: dataSign(data, 'test-app-key') }).toString()).toBe('DataSign=YTg0YTUxOGFlOWI4OTM4NTRmYWVlYzgwYjc4MDM4NWY%3D');
  });
});

describe('codes and text', () => {
  const keys = (o: Record<string, unknown>, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${p}${k}`] : keys(v as Record<string, unknown>, `${p}${k}.`)));

  it('every documented code has a kind and a message in both languages', () => {
    const all = [
      ...['-1', '30001', '30002', '30003', '30004', '30009', '12345'].flatMap((c) => [kuaidi100Code(c, 'order'), kuaidi100Code(c, 'cancel')]),
      ...Object.keys(KDNIAO_CODES).map((c) => kdniaoCode(c, '', 'issue')),
      kdniaoCode('', '非法参数[ID]', 'issue'), kdniaoCode('', '业务错误[没有可用套餐]', 'issue'), kdniaoCode('105', '电子面单余额不足', 'issue'),
      kdniaoCode('105', '订单号已存在，请勿重复操作', 'issue'), kdniaoCode('105', '单号不存在', 'cancel'), kdniaoCode('999', '', 'issue'),
    ];
    const enKeys = new Set(keys(en));
    const zhKeys = new Set(keys(zh));
    for (const m of all) {
      expect(waybillErrorKinds).toContain(m.kind);
      expect(enKeys.has(m.key) && zhKeys.has(m.key), m.key).toBe(true);
    }
    expect(keys(en.waybillProvider).sort()).toEqual(keys(zh.waybillProvider).sort());
    expect(kuaidi100Code('30009', 'cancel').kind).toBe('not-found');
    expect(kuaidi100Code('30004', 'order').kind).toBe('quota');
    expect(kuaidi100Code('503', 'order').kind).toBe('transient');
    expect(kdniaoCode('105', '订单号已存在，请勿重复操作', 'issue').kind).toBe('duplicate');
    expect(kdniaoCode('105', '单号不存在', 'cancel').kind).toBe('not-found');
    expect(kdniaoCode('105', '单号不存在', 'issue').kind).toBe('invalid');
    // 30001 alone ("参数错误") left the seller with nothing to fix: the message says where to look.
    expect(zh.waybillProvider.kuaidi100.badParam).toContain('收件人的姓名、电话和地址');
    expect(en.waybillProvider.kuaidi100.badParam).toContain('receiver name, phone and address');
  });

  it('快递鸟 forbidden characters become their full-width twins; controls become spaces', () => {
    expect(kdniaoSafe(`3号楼#201 A&B+C <x> 'q' "d" 50% a\\b`)).toBe('3号楼＃201 A＆B＋C ＜x＞ ＇q＇ ＂d＂ 50％ a＼b');
    expect(kdniaoSafe('a\tb\nc')).toBe('a b c');
  });

  it('children read from a comma list or an array; a bad child number is refused', () => {
    expect(childNumbers.parse('7310001,7310002')).toEqual(['7310001', '7310002']);
    expect(childNumbers.parse(['7310001', { LogisticCode: '7310002' }])).toEqual(['7310001', '7310002']);
    expect(childNumbers.parse(null)).toEqual([]);
    expect(childNumbers.safeParse('7310001,<script>').success).toBe(false);
  });

  it('a request a provider would refuse is named before anything is sent', () => {
    const party = { name: 'A', mobile: '', phone: '', province: 'P', city: 'C', district: 'D', detail: 'X' };
    const base = { requestKey: 'k1', carrierCode: 'ZTO', platformOrderIds: [], sender: { ...party, mobile: '1' }, receiver: party, parcelCount: 1, weightG: null, goods: '' };
    const error = (() => {
      try {
        checkedRequest('kdniao', base);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WaybillProviderError);
    expect(error).toMatchObject({ kind: 'invalid', msg: { key: 'waybillProvider.badRequest', params: { field: 'receiver.mobile' } } });
    expect(() => checkedRequest('kdniao', { ...base, receiver: { ...party, phone: '0571-1' }, requestKey: 'a#b' })).toThrow(/badRequest/);
  });
});
