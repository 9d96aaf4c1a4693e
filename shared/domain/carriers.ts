/* eslint-disable no-restricted-syntax -- carrier names and their spellings in exports are data matched against files */
import type { MessageKey } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';

/**
 * Carriers, keyed by the Taobao/Cainiao cp_code (china-formats §2.3). Other providers spell the
 * same carrier differently (Kdniao YD for 韵达, kuaidi100 'zhongtong'), so every outside spelling is an
 * alias resolved by {@link findCarrier}; nothing else in the app should compare carrier strings.
 */

export type Carrier = {
  /** Taobao/Cainiao cp_code; the canonical id stored with shipments. */
  code: string;
  /** Full Chinese name, as the 批量发货 template wants it ("请填写全称，如圆通速递，不可填写为圆通"). */
  name: string;
  shortName: string;
  englishName: string;
  kdniao: string | null;
  kuaidi100: string | null;
  /** Other spellings seen in exports, ERPs and carrier apps. */
  aliases: readonly string[];
};

const c = (
  code: string,
  name: string,
  shortName: string,
  englishName: string,
  kdniao: string | null,
  kuaidi100: string | null,
  aliases: readonly string[] = [],
): Carrier => ({ code, name, shortName, englishName, kdniao, kuaidi100, aliases });

export const carriers: readonly Carrier[] = [
  c('SF', '顺丰速运', '顺丰', 'SF Express', 'SF', 'shunfeng', ['顺丰快递', '顺丰速递']),
  c('ZTO', '中通快递', '中通', 'ZTO Express', 'ZTO', 'zhongtong', ['中通速递']),
  c('YTO', '圆通速递', '圆通', 'YTO Express', 'YTO', 'yuantong', ['圆通快递']),
  c('STO', '申通快递', '申通', 'STO Express', 'STO', 'shentong', ['申通速递']),
  c('YUNDA', '韵达快递', '韵达', 'Yunda Express', 'YD', 'yunda', ['韵达速递']),
  // ⚠️ 'JT' comes from an Alibaba LinkedMall enum; Taobao's own code is unverified (§2.3).
  c('JT', '极兔速递', '极兔', 'J&T Express', 'JTSD', 'jtexpress', ['极兔快递', '极兔物流', 'J&T', 'JTEXPRESS']),
  c('EMS', 'EMS', 'EMS', 'EMS', 'EMS', 'ems', ['中国邮政EMS', '邮政EMS', 'EMS标准快递', '标准快递']),
  c('EYB', 'EMS经济快递', 'EMS经济', 'EMS Economy', null, null, ['经济快件', 'EMS经济快件', 'EMS快递包裹']),
  c('POSTB', '邮政快递包裹', '邮政包裹', 'China Post Parcel', 'YZPY', 'youzhengguonei', ['邮政小包', '邮政国内小包', '邮政快递', '邮政包裹']),
  c('POST', '中国邮政', '邮政', 'China Post', null, null, ['邮政平邮', '平邮']),
  // ⚠️ 奇门 lists JD (京东配送), 菜鸟裹裹 lists JDKD; both resolve here.
  c('JD', '京东快递', '京东', 'JD Logistics', 'JD', 'jd', ['京东物流', '京东配送', 'JDKD']),
  // DBL is Kdniao's code for 德邦快递 (and Cainiao's for 德邦物流, the freight arm); parcels mean 德邦快递.
  c('DBKD', '德邦快递', '德邦', 'Deppon Express', 'DBL', 'debangkuaidi', ['德邦物流', 'debangwuliu']),
  c('HTKY', '百世快递', '百世', 'Best Express', 'HTKY', 'huitongkuaidi', ['百世汇通', '汇通快递', '汇通']),
  c('TTKDEX', '天天快递', '天天', 'TTK Express', 'HHTT', 'tiantian'),
  c('ZJS', '宅急送', '宅急送', 'ZJS Express', 'ZJS', 'zhaijisong'),
  c('UC', '优速快递', '优速', 'UC Express', 'UC', 'youshuwuliu', ['优速物流']),
  c('GTO', '国通快递', '国通', 'GTO Express', null, 'guotongkuaidi'),
  c('KYE', '跨越速运', '跨越', 'KY Express', 'KYSY', 'kuayue', ['KYSY']),
  c('OTHER', '其他', '其他', 'Other', null, null, ['其它', '其他快递']),
];

function key(text: string): string {
  return text.replace(/[\s\u3000]+/g, '').toUpperCase();
}

const byKey: ReadonlyMap<string, Carrier> = (() => {
  const map = new Map<string, Carrier>();
  // Canonical codes win over any alias: they are added first and never overwritten.
  const add = (k: string | null, carrier: Carrier): void => {
    if (k !== null && !map.has(key(k))) map.set(key(k), carrier);
  };
  for (const carrier of carriers) add(carrier.code, carrier);
  for (const carrier of carriers) {
    for (const k of [carrier.name, carrier.shortName, carrier.englishName, carrier.kdniao, carrier.kuaidi100, ...carrier.aliases]) {
      add(k, carrier);
    }
  }
  return map;
})();

/** '圆通', 'YTO', 'yuantong', '圆通速递' → the YTO carrier; unknown text → null. */
export function findCarrier(textOrCode: string): Carrier | null {
  const k = key(textOrCode);
  if (k === '') return null;
  return byKey.get(k) ?? null;
}

/** The carrier for a canonical code; throws on an unknown code because that is a programming error. */
export function carrierByCode(code: string): Carrier {
  const carrier = carriers.find((x) => x.code === code);
  if (!carrier) throw new RangeError(`unknown carrier code: ${code}`);
  return carrier;
}

/**
 * A carrier's name as a message (catalog carrierNames.<code>), for text shown to people in their
 * language; an unknown code is shown as it is.
 */
export function carrierNameMessage(code: string): Message | string {
  return carriers.some((x) => x.code === code) ? msg(`carrierNames.${code}` as MessageKey) : code;
}
