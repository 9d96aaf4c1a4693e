/**
 * Money is integer fen everywhere (1 元 = 100 fen). Amounts arrive as text from exports
 * ('598', '598.00元', '¥12.30', '1,234.50'); they are converted by moving the decimal point in
 * the string, never through a float, so '0.29' is 29 fen and not 28.999….
 */

/** Result of reading one amount cell: blank is a legitimate "no amount", garbage is a failure. */
export type YuanRead = { ok: true; fen: number | null } | { ok: false; reason: string };

// 13 integer digits keep every fen value below Number.MAX_SAFE_INTEGER (9.007e15).
const AMOUNT = /^([+-]?)(\d{1,13}|\d{1,3}(?:,\d{3}){1,4})(?:\.(\d*))?$/;
const CURRENCY_PREFIX = /^(?:¥|￥|RMB|CNY)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|RMB|CNY)$/i;

/** Reads a yuan amount without throwing, for parsers that report row and column themselves. */
const PLAIN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export function readYuan(text: string): YuanRead {
  let s = text.trim();
  if (s === '') return { ok: true, fen: null };
  // Fast path for the plain '598' / '59.80' that make up nearly every cell of a big export.
  const plain = PLAIN.exec(s);
  if (plain) {
    const frac = plain[2] ?? '';
    return { ok: true, fen: Number(plain[1]) * 100 + (frac === '' ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac)) };
  }
  s = s.replace(CURRENCY_SUFFIX, '');
  // The sign may come before or after the currency sign: '-¥12' and '¥-12' are both seen.
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] as string;
    s = s.slice(1);
  }
  s = s.replace(CURRENCY_PREFIX, '');
  const m = AMOUNT.exec(s);
  if (!m || (sign !== '' && m[1] !== '')) return { ok: false, reason: `金额格式错误: "${text}"` };
  if (m[1] !== '') sign = m[1] ?? '';
  const whole = (m[2] ?? '0').replaceAll(',', '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) return { ok: false, reason: `金额精度超过分: "${text}"` };
  if (whole.length > 13) return { ok: false, reason: `金额过大: "${text}"` };
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return { ok: true, fen: sign === '-' && fen !== 0 ? -fen : fen };
}

/** Thrown by {@link parseYuanToFen} on text that is not an amount. */
export class InvalidAmountError extends Error {
  constructor(readonly text: string, reason: string) {
    super(reason);
    this.name = 'InvalidAmountError';
  }
}

/**
 * '598' → 59800, '¥12.30' → 1230, '0元' → 0, '' → null.
 * @throws InvalidAmountError for text that is not an amount (so callers can name row and column)
 */
export function parseYuanToFen(text: string): number | null {
  const r = readYuan(text);
  if (!r.ok) throw new InvalidAmountError(text, r.reason);
  return r.fen;
}

/** 1230 → '12.30', -5 → '-0.05'. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer fen amount: ${fen}`);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}
