/* eslint-disable no-restricted-syntax -- province names and address suffixes are data matched against addresses */
/**
 * Chinese receiver addresses. Taobao exports write '省 市 区 详细(邮编)' separated by spaces
 * (china-formats §1.7, §5.3); free-text addresses from other tools are usually run together
 * ('广东省深圳市南山区…'). Splitting never rejects: what cannot be split stays in `detail`.
 */

export type AddressParts = { province: string; city: string; district: string; detail: string; zip: string };

/** Short province name → the full name the platform prints. */
const PROVINCES: ReadonlyMap<string, string> = new Map([
  ['北京', '北京市'], ['天津', '天津市'], ['上海', '上海市'], ['重庆', '重庆市'],
  ['河北', '河北省'], ['山西', '山西省'], ['辽宁', '辽宁省'], ['吉林', '吉林省'], ['黑龙江', '黑龙江省'],
  ['江苏', '江苏省'], ['浙江', '浙江省'], ['安徽', '安徽省'], ['福建', '福建省'], ['江西', '江西省'],
  ['山东', '山东省'], ['河南', '河南省'], ['湖北', '湖北省'], ['湖南', '湖南省'], ['广东', '广东省'],
  ['海南', '海南省'], ['四川', '四川省'], ['贵州', '贵州省'], ['云南', '云南省'], ['陕西', '陕西省'],
  ['甘肃', '甘肃省'], ['青海', '青海省'], ['台湾', '台湾省'],
  ['内蒙古', '内蒙古自治区'], ['广西', '广西壮族自治区'], ['西藏', '西藏自治区'],
  ['宁夏', '宁夏回族自治区'], ['新疆', '新疆维吾尔自治区'],
  ['香港', '香港特别行政区'], ['澳门', '澳门特别行政区'],
]);
const MUNICIPALITIES: ReadonlySet<string> = new Set(['北京市', '天津市', '上海市', '重庆市']);

/** '上海' → '上海市', '内蒙古' → '内蒙古自治区'; anything else unchanged. */
export function normaliseProvince(token: string): string {
  return PROVINCES.get(token) ?? token;
}

function knownProvincePrefix(text: string): { short: string; full: string; length: number } | null {
  for (const [short, full] of PROVINCES) {
    if (text.startsWith(full)) return { short, full, length: full.length };
  }
  for (const [short, full] of PROVINCES) {
    // '广西省' and '内蒙古省' are common user spellings of the autonomous regions.
    if (text.startsWith(`${short}省`)) return { short, full, length: short.length + 1 };
    if (text.startsWith(short)) return { short, full, length: short.length };
  }
  return null;
}

/** Whole-token province spellings: '上海', '上海市', '广西', '广西省', '广西壮族自治区' → full name. */
const PROVINCE_TOKENS: ReadonlyMap<string, string> = new Map(
  [...PROVINCES].flatMap(([short, full]) => [[short, full], [`${short}省`, full], [full, full]] as [string, string][]),
);

/** JavaScript's `\s`: the characters trim() removes and the spaces exports put between parts. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function collapse(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

function unsplit(text: string, zip: string): AddressParts {
  return { province: '', city: '', district: '', detail: collapse(text), zip };
}

const NO_ZIP = (text: string) => ({ rest: text, zip: '' });

/**
 * Splits a zip tail off trimmed text: '…(135300)', '…（135300）' or '… 135300', with any spaces
 * around it. Scans back from the end by hand (every imported address comes through here); it
 * takes exactly what `\s*(?:[(（]\s*(\d{6})\s*[)）]|\s(\d{6}))\s*$` would.
 */
function takeZip(text: string): { rest: string; zip: string } {
  const last = text.charCodeAt(text.length - 1);
  let digitsEnd: number;
  let start: number;
  if (last === 0x29 || last === 0xff09) {
    digitsEnd = text.length - 1;
    while (digitsEnd > 0 && isSpace(text.charCodeAt(digitsEnd - 1))) digitsEnd--;
    start = digitsEnd - 6;
    if (!isSixDigits(text, start)) return NO_ZIP(text);
    while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
    const open = text.charCodeAt(start - 1);
    if (open !== 0x28 && open !== 0xff08) return NO_ZIP(text);
    start--;
  } else if (isDigit(last)) {
    digitsEnd = text.length;
    start = digitsEnd - 6;
    if (!isSixDigits(text, start) || !isSpace(text.charCodeAt(start - 1))) return NO_ZIP(text);
  } else {
    return NO_ZIP(text);
  }
  while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
  const zip = text.slice(digitsEnd - 6, digitsEnd);
  // Taobao writes (000000) when it does not know the postcode.
  return { rest: text.slice(0, start), zip: zip === '000000' ? '' : zip };
}

function isSixDigits(text: string, from: number): boolean {
  if (from < 0) return false;
  for (let i = from; i < from + 6; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** End of the run of non-space characters from `i`, or of the run of spaces with `spaces`. */
function runEnd(text: string, i: number, spaces: boolean): number {
  while (i < text.length && isSpace(text.charCodeAt(i)) === spaces) i++;
  return i;
}

/** The text with each run of spaces as one ' ' (it has none at either end). */
function singleSpaced(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) && (c !== 32 || isSpace(text.charCodeAt(i + 1)))) return collapse(text);
  }
  return text;
}

/**
 * '吉林省 通化市 柳河县 柳河镇紫御府   七号楼 201室(135300)' →
 * {吉林省, 通化市, 柳河县, '柳河镇紫御府 七号楼 201室', '135300'}.
 * Text whose first token is not a whole province name stays whole in `detail`.
 */
export function splitTaobaoAddress(text: string): AddressParts {
  const { rest, zip } = takeZip(text.trim());
  // The first three space-separated tokens by index, rather than split() and join() per order.
  const body = rest.trim();
  const pEnd = runEnd(body, 0, false);
  const province = PROVINCE_TOKENS.get(body.slice(0, pEnd));
  const cStart = runEnd(body, pEnd, true);
  const cEnd = runEnd(body, cStart, false);
  const dStart = runEnd(body, cEnd, true);
  const dEnd = runEnd(body, dStart, false);
  if (province === undefined || dStart === dEnd) return unsplit(rest, zip);
  const c = body.slice(cStart, cEnd);
  const detailStart = runEnd(body, dEnd, true);
  return {
    province,
    city: MUNICIPALITIES.has(province) && PROVINCE_TOKENS.get(c) === province ? province : c,
    district: body.slice(dStart, dEnd),
    detail: singleSpaced(body.slice(detailStart)),
    zip,
  };
}

const CITY_END = /^(.+?(?:自治州|地区|盟|市))/;
const DISTRICT_END = /^(.+?(?:新区|区|县|旗|市))/;

/**
 * Free-text address without separators: '广东省深圳市南山区科技园1号' → 广东省/深圳市/南山区/科技园1号.
 * Falls back to the whole text in `detail` whenever a level cannot be recognised.
 */
export function splitCompactAddress(text: string): AddressParts {
  const { rest, zip } = takeZip(text.trim());
  const compact = rest.replace(/[\s\u3000]+/g, '');
  const province = knownProvincePrefix(compact);
  if (!province) return unsplit(rest, zip);
  let tail = compact.slice(province.length);
  let city: string;
  if (MUNICIPALITIES.has(province.full)) {
    city = province.full;
    // '上海市上海市浦东新区' and '上海市市辖区浦东新区' both appear in pasted text.
    if (tail.startsWith(province.full)) tail = tail.slice(province.full.length);
    else if (tail.startsWith('市辖区')) tail = tail.slice(3);
  } else {
    const m = CITY_END.exec(tail);
    if (!m?.[1]) return unsplit(rest, zip);
    city = m[1];
    tail = tail.slice(city.length);
  }
  const d = DISTRICT_END.exec(tail);
  if (!d?.[1] || d[1].length > 12) return unsplit(rest, zip);
  return { province: province.full, city, district: d[1], detail: tail.slice(d[1].length), zip };
}

/** Taobao's spaced form first, then the run-together form; never throws. */
export function splitChineseAddress(text: string): AddressParts {
  const spaced = splitTaobaoAddress(text);
  if (spaced.province !== '') return spaced;
  const compact = splitCompactAddress(text);
  return compact.province !== '' ? compact : spaced;
}
