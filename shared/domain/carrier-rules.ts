/* eslint-disable no-restricted-syntax -- province names and suffixes are data matched against typed names */
import { msg, type Message } from '../i18n/message';
import { normaliseProvince } from './address';

/** 浙江 and 浙江省 are the same province; rules are typed by people, exports by machines. */
export const provinceKey = (p: string): string => p.trim().replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');

/**
 * A province a parcel's address can carry, spelled as address splitting reads it: the short name,
 * the short name with 省, or the full name (广东, 广东省; 广西, 广西省, 广西壮族自治区; 上海, 上海市).
 */
export function isKnownProvince(name: string): boolean {
  const typed = name.trim();
  const short = provinceKey(typed);
  const full = normaliseProvince(short);
  // normaliseProvince returns a name it does not know unchanged.
  return full !== short && (typed === short || typed === full || typed === `${short}省`);
}

/** What a rule's conditions say, as saved. */
export type RuleConditions = { provinces: readonly string[]; minWeightG: number | null; maxWeightG: number | null };

/** A condition no parcel can meet as typed, and the field it is in. */
export type RuleProblem = { field: 'provinces' | 'weight'; message: Message };

/**
 * Why a rule would never match: a weight range whose minimum is above its maximum, or a province
 * no address has (a typo, 廣東 in traditional characters). Empty when the rule can match.
 */
export function ruleProblems(rule: RuleConditions): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const unknown = rule.provinces.find((p) => !isKnownProvince(p));
  if (unknown !== undefined) problems.push({ field: 'provinces', message: msg('rules.unknownProvince', { province: unknown }) });
  if (rule.minWeightG !== null && rule.maxWeightG !== null && rule.minWeightG > rule.maxWeightG) {
    problems.push({ field: 'weight', message: msg('rules.weightReversed', { min: rule.minWeightG, max: rule.maxWeightG }) });
  }
  return problems;
}
