/* eslint-disable no-restricted-syntax -- administrative suffixes are data matched against addresses, not prose */

/**
 * Whether the destination city a tracking provider (or a file) reports is the order's city, for
 * 物流信息不一致. Providers and exports spell one city many ways (杭州, 杭州市, 浙江省杭州市,
 * 浙江杭州), so both sides lose their province and administrative suffixes first, and a city that
 * contains the other counts as the same: only a plainly different city is raised, never a spelling.
 */

const PROVINCE = /^.{2,8}?(?:省|自治区|特别行政区)/;
const SUFFIX = /(?:市|地区|盟|自治州|特别行政区|区|县)$/;
const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'];

/** '浙江省杭州市' → '杭州'; '上海市' → '上海'; spaces and full-width spaces gone. */
export function normaliseCity(text: string): string {
  let s = text.replace(/[\s\u3000]+/g, '');
  const province = PROVINCE.exec(s);
  if (province && province[0].length < s.length) s = s.slice(province[0].length);
  for (let i = 0; i < 2 && SUFFIX.test(s) && s.length > 2; i++) s = s.replace(SUFFIX, '');
  const municipality = MUNICIPALITIES.find((m) => s.startsWith(m));
  return municipality ?? s;
}

const same = (x: string, y: string) => x !== '' && y !== '' && (x.includes(y) || y.includes(x));

/**
 * True when the reported destination plainly names somewhere else than the order's address. The
 * report may list several parts ('浙江,杭州市', '杭州市 余杭区'); any part that is the order's
 * city or district (or province, for a municipality) makes it the same. Nothing to compare (an
 * empty report or address) is never a difference.
 */
export function destinationDiffers(reported: string, order: { province: string; city: string; district: string }): boolean {
  const province = normaliseCity(order.province);
  const names = [order.city, order.district].map(normaliseCity).concat(MUNICIPALITIES.includes(province) ? [province] : []).filter((n) => n !== '');
  const parts = [reported, ...reported.split(/[,，、/|·\s\u3000-]+/)].map(normaliseCity).filter((p) => p !== '');
  if (names.length === 0 || parts.length === 0) return false;
  return !parts.some((p) => names.some((n) => same(p, n)));
}
