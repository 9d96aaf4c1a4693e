import { carrierNameMessage } from '#shared/domain/carriers';
import { msg, type Message } from '#shared/i18n/message';

/**
 * Waybill-number heuristics (china-formats §3). Carriers reuse and change prefixes, so a number
 * that does not match is a warning for the packer, never a block, and digit-only numbers are
 * ambiguous across carriers: {@link guessCarriers} ranks, it does not decide.
 */

/** Uppercase, full-width → ASCII, spaces and hyphens removed: 'sf 1392-0415 8866' → 'SF139204158866'. */
export function normaliseTrackingNo(text: string): string {
  if (isNormalised(text)) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-‐‑‒–—―−]+/g, '')
    .toUpperCase();
}

/** Only ASCII digits and capitals: already normal, as nearly every number in an export is. */
function isNormalised(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10 check digit (international EMS / China Post: 'EA123456785CN'), §3.2. */
export function isValidS10(number: string): boolean {
  const m = S10.exec(number);
  if (!m) return false;
  const serial = m[2] ?? '';
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (S10_WEIGHTS[i] ?? 0);
  const r = sum % 11;
  const check = r === 0 ? 5 : r === 1 ? 0 : 11 - r;
  return check === Number(m[3]);
}

const EMS_PATTERNS = [/^[981]\d{12}$/, /^P[A-Z]\d{11}$/, /^[A-Z]{2}\d{9}[A-Z]{2}$/, /^(?:10|11|12|50|51|52|95|97|98|99)\d{11}$/];

/** Union of the BF-zh, Hive-UDF and legacy reg_mail_no patterns of §3.1 (lenient on purpose). */
const PATTERNS: Readonly<Record<string, readonly RegExp[]>> = {
  SF: [/^SF[A-Z0-9]\d{12}$/, /^SF\d{10,13}$/, /^\d{12}$/],
  ZTO: [/^7[3-8]\d{12}$/, /^\d{14}$/, /^\d{12}$/],
  YTO: [/^YT\d{13}$/, /^[A-Z0-9]{2}\d{10,13}$/, /^[A-Z0-9]{2}\d{8}$/, /^[6-9]\d{17}$/, /^DD[89]\d{15}$/, /^Y\d{12}$/, /^[0-35-8EDFGVW]\d{9}$/],
  STO: [/^(?:77|43)\d{12,15}$/, /^(?:268|888|588|688|368|468|568|668|773|768|868|968)\d{9,13}$/, /^(?:77|88|99)\d{13}$/, /^STO\d{10}$/],
  YUNDA: [/^[34]\d{14}$/, /^5\d{12}$/, /^\d{15}$/, /^\d{13}$/],
  JT: [/^JT\d{12,13}$/],
  HTKY: [/^JT\d{12,13}$/, /^[ABDE]\d{12}$/, /^BXA\d{10}$/, /^[ABCDEH0][DX\d][A\d]\d{10}$/, /^(?:2[1-9]|3\d)\d{10}$/],
  EMS: EMS_PATTERNS,
  EYB: EMS_PATTERNS,
  POSTB: [...EMS_PATTERNS, /^[GAKQPH]{2}\d{9}(?:[2-5]\d|1[1-9]|6[0-5])$/, /^\d{13}$/],
  POST: [...EMS_PATTERNS, /^[GAKQPH]{2}\d{9}(?:[2-5]\d|1[1-9]|6[0-5])$/, /^\d{13}$/],
  JD: [/^JD[A-Z0-9]{2}\d{11}$/, /^JD\d{12,13}$/, /^JD[XK]\d{12}$/, /^JDV[A-Z]\d{11}$/],
  DBKD: [/^DPK\d{11,}$/, /^\d{8,10}$/, /^\d{15,}$/],
  TTKDEX: [/^(?:66|77|88|5[568])\d{10}$/, /^99[58]\d{9}$/, /^TT(?:66|88|99|5[67])\d{11}$/, /^\d{12,14}$/],
  ZJS: [/^[A-Z0-9]{10}$/, /^(?:42|16)\d{8}$/, /^A\d{12}$/, /^ZJS\d{12}$/],
  UC: [/^VIP\d{9}$/, /^V\d{11}$/, /^\d{12}$/],
};

const PLAUSIBLE = /^[A-Z0-9]{6,40}$/;

/** What the carrier's numbers look like, shown with a mismatch (catalog tracking.hints.<code>). */
const HINTS: Readonly<Record<string, Message>> = {
  SF: msg('tracking.hints.SF'),
  ZTO: msg('tracking.hints.ZTO'),
  YTO: msg('tracking.hints.YTO'),
  STO: msg('tracking.hints.STO'),
  YUNDA: msg('tracking.hints.YUNDA'),
  JT: msg('tracking.hints.JT'),
  EMS: msg('tracking.hints.EMS'),
  POSTB: msg('tracking.hints.POSTB'),
  JD: msg('tracking.hints.JD'),
  DBKD: msg('tracking.hints.DBKD'),
};

export type TrackingCheck = { ok: boolean; warning?: Message };

/** Checks a number against the carrier's known formats; a failure is a warning, never a block. */
export function checkTrackingNo(carrierCode: string, number: string): TrackingCheck {
  const n = normaliseTrackingNo(number);
  if (n === '') return { ok: false, warning: msg('tracking.empty') };
  if (!PLAUSIBLE.test(n)) return { ok: false, warning: msg('tracking.implausible', { number: n }) };
  if (S10.test(n) && !isValidS10(n)) return { ok: false, warning: msg('tracking.s10Check', { number: n }) };
  const patterns = PATTERNS[carrierCode];
  if (!patterns || patterns.some((p) => p.test(n))) return { ok: true };
  const carrier = carrierNameMessage(carrierCode);
  const hint = HINTS[carrierCode];
  return {
    ok: false,
    warning: hint ? msg('tracking.unlikeCarrierHint', { number: n, carrier, hint }) : msg('tracking.unlikeCarrier', { number: n, carrier }),
  };
}

/** Strong signals of §3.1, strongest first: exact prefixes, S10, then length+prefix rules. */
const STRONG_RULES: readonly [RegExp | ((n: string) => boolean), readonly string[]][] = [
  [/^SF[A-Z0-9]\d{12}$|^SF\d{10,13}$/, ['SF']],
  [/^YT\d{13}$/, ['YTO']],
  [/^JT\d{12,13}$/, ['JT', 'HTKY']],
  [/^JD[A-Z0-9]{2}\d{11}$|^JD\d{12,13}$/, ['JD']],
  [/^DPK\d{11,}$/, ['DBKD']],
  [isValidS10, ['EMS', 'POSTB']],
  [/^7[3-68]\d{12}$/, ['ZTO']],
  [/^77\d{13}$/, ['STO']],
  [/^[34]\d{14}$/, ['YUNDA']],
  [/^5\d{12}$/, ['YUNDA']],
  [/^[19]\d{12}$/, ['EMS', 'POSTB']],
];

/**
 * Carrier codes that could have issued this number, most likely first. Digit-only numbers often
 * match several carriers; when the chosen carrier is not first, ask the user instead of switching.
 */
export function guessCarriers(number: string): string[] {
  const n = normaliseTrackingNo(number);
  if (!PLAUSIBLE.test(n)) return [];
  const out: string[] = [];
  const push = (code: string): void => {
    if (!out.includes(code)) out.push(code);
  };
  for (const [rule, codes] of STRONG_RULES) {
    if (typeof rule === 'function' ? rule(n) : rule.test(n)) codes.forEach(push);
  }
  for (const [code, patterns] of Object.entries(PATTERNS)) {
    if (patterns.some((p) => p.test(n))) push(code);
  }
  // A number shaped like S10 with a wrong check digit is a typo, not an EMS number.
  return S10.test(n) && !isValidS10(n) ? [] : out;
}

