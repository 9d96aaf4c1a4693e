import { msg, type Message } from '#shared/i18n/message';

/**
 * Money is integer fen everywhere (1 元 = 100 fen). Amounts arrive as text from exports
 * ('598', '598.00元', '¥12.30', '1,234.50'); they are converted by moving the decimal point in
 * the string, never through a float, so '0.29' is 29 fen and not 28.999….
 */

/** Result of reading one amount cell: blank is a legitimate "no amount", garbage is a failure. */
export type YuanRead = { ok: true; fen: number | null } | { ok: false; reason: Message };

// Any number of digits is read as an amount, so that one past the 13 integer digits that keep every fen value
// below Number.MAX_SAFE_INTEGER (9.007e15) is refused as too large (said so), not as "not an amount".
const AMOUNT = /^([+-]?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;
const CURRENCY_PREFIX = /^(?:¥|￥|RMB|CNY)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|RMB|CNY)$/i;

/** Reads a yuan amount without throwing, for parsers that report row and column themselves. */
export function readYuan(text: string): YuanRead {
  let s = text.trim();
  if (s === '') return { ok: true, fen: null };
  // Fast path for the plain '598' / '59.80' that make up nearly every cell of a big export.
  const plain = plainFen(s);
  if (plain >= 0) return { ok: true, fen: plain };
  s = s.replace(CURRENCY_SUFFIX, '');
  // The sign may come before or after the currency sign: '-¥12' and '¥-12' are both seen.
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] as string;
    s = s.slice(1);
  }
  s = s.replace(CURRENCY_PREFIX, '');
  const m = AMOUNT.exec(s);
  if (!m || (sign !== '' && m[1] !== '')) return { ok: false, reason: msg('amount.invalid', { text }) };
  if (m[1] !== '') sign = m[1] ?? '';
  const whole = (m[2] ?? '0').replaceAll(',', '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) return { ok: false, reason: msg('amount.tooPrecise', { text }) };
  if (whole.length > 13) return { ok: false, reason: msg('amount.tooLarge', { text }) };
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return { ok: true, fen: sign === '-' && fen !== 0 ? -fen : fen };
}

/**
 * Fen of an amount spelled `\d{1,13}(\.\d{1,2})?`, or -1 for anything else. Reads the digits in
 * place: a big import reads several amounts per order, and a regex match allocates each time.
 */
function plainFen(s: string): number {
  const n = s.length;
  let i = 0;
  let whole = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0 || i > 13) return -1;
  if (i === n) return whole * 100;
  if (s.charCodeAt(i) !== 46 || n - i - 1 < 1 || n - i - 1 > 2) return -1;
  let frac = 0;
  for (let j = i + 1; j < n; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -1;
    frac = frac * 10 + d;
  }
  return whole * 100 + (n - i - 1 === 1 ? frac * 10 : frac);
}

/** Thrown by {@link parseYuanToFen} on text that is not an amount. */
export class InvalidAmountError extends Error {
  constructor(readonly text: string, readonly reason: Message) {
    super(`not an amount: ${JSON.stringify(text)} (${reason.key})`);
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
