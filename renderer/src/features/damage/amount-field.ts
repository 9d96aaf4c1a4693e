import type { TFunction } from 'i18next';
import { formatFen, readYuan } from '#shared/domain/money';

/** The most a claim, a refund or a carrier's payment may be: the host's cap (damage and claims contracts), ¥10,000,000,000. */
export const MAX_AMOUNT_FEN = 1e12;

/** Why a typed amount is not one; each is said with the field's name (damageReview.form.amountProblems). */
export type AmountProblem = 'invalid' | 'comma' | 'several' | 'tooPrecise' | 'tooLarge' | 'needed' | 'positive';

/** An amount typed in 元 → fen, or why not. Full-width digits (１２.５０, a Chinese IME's) read as ASCII. */
export function readAmount(text: string): { fen: number | null; problem: AmountProblem | null } {
  const typed = text.normalize('NFKC').trim();
  const read = readYuan(typed);
  if (!read.ok) return { fen: null, problem: whyNotAmount(typed, read.reason.key) };
  if (read.fen === null) return { fen: null, problem: 'needed' };
  if (read.fen > MAX_AMOUNT_FEN) return { fen: null, problem: 'tooLarge' };
  return read.fen > 0 ? { fen: read.fen, problem: null } : { fen: read.fen, problem: 'positive' };
}

/** The shared parser's reason, made specific for the two slips seen at the desk: a decimal comma, and two amounts pasted from a sheet. */
function whyNotAmount(typed: string, reason: string): AmountProblem {
  if (reason === 'amount.tooLarge') return 'tooLarge';
  if (reason === 'amount.tooPrecise') return 'tooPrecise';
  if (/\d\s+[-+¥￥]?\d/.test(typed)) return 'several';
  if (/^[^,]*\d,\d{1,2}$/.test(typed)) return 'comma';
  return 'invalid';
}

/** The problem in words, naming the field as every form's number problem does ("Amount (yuan): …"). */
export function amountProblemText(t: TFunction, field: string, problem: AmountProblem): string {
  return t(`damageReview.form.amountProblems.${problem}`, { field, max: formatFen(MAX_AMOUNT_FEN) });
}
