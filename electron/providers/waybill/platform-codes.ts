import { carriers } from '#shared/domain/carriers';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { providerLabel, type PlatformName } from './platform-http';
import { WaybillProviderError, type WaybillErrorKind } from './waybill-provider';

/**
 * The platforms' carrier codes and every documented error code (research/providers.md §3.2, §4.2)
 * → a WaybillErrorKind and the catalog message that tells a person what to do about it.
 */

/** 菜鸟 cp_code: our canonical codes are Taobao's (shared/domain/carriers.ts); OTHER is no carrier. */
export const cainiaoCpCode = (carrierCode: string): string | null =>
  carrierCode !== 'OTHER' && carriers.some((c) => c.code === carrierCode) ? carrierCode : null;

/**
 * 拼多多 wp_code for our code. PDD keeps its own list (china-formats §2.3: "keep per-platform maps");
 * 百世 HT and 天天 TT are the ones an ERP shows differing from Cainiao's, the others are the same
 * spelling. Carriers whose PDD code we have not seen (极兔, 京东, 德邦, 邮政…) are left out: the
 * seller's admin adds them with the adapter's `wpCodes` option.
 */
export const PDD_WP_CODES: Readonly<Record<string, string>> = {
  SF: 'SF', ZTO: 'ZTO', YTO: 'YTO', STO: 'STO', YUNDA: 'YUNDA', EMS: 'EMS', HTKY: 'HT', TTKDEX: 'TT',
};

type Rule = { kind: WaybillErrorKind; key: MessageKey };
const r = (kind: WaybillErrorKind, what: string): Rule => ({ kind, key: `waybillProvider.platform.${what}` as MessageKey });

/** TOP platform codes (§3.2). 15 carries the business failure in sub_code and is read by {@link subRule}. */
const TOP: Record<string, Rule> = {
  '7': r('quota', 'rateLimited'),
  '9': r('invalid', 'invalid'),
  '10': r('transient', 'server'),
  '11': r('auth', 'permission'),
  '12': r('auth', 'permission'),
  '21': r('invalid', 'invalid'), '22': r('invalid', 'invalid'), '23': r('invalid', 'invalid'),
  '24': r('auth', 'auth'), '25': r('auth', 'auth'),
  '26': r('auth', 'session'), '27': r('auth', 'session'),
  '28': r('auth', 'auth'), '29': r('auth', 'auth'),
  '30': r('auth', 'clock'), '31': r('auth', 'clock'),
  '32': r('invalid', 'invalid'), '33': r('invalid', 'invalid'), '34': r('invalid', 'invalid'),
  '40': r('invalid', 'invalid'), '41': r('invalid', 'invalid'),
};

/** POP error codes (§4.2). 10001 names the bad common parameter in its msg: a bad timestamp is our clock. */
const PDD: Record<string, Rule> = {
  '10000': r('invalid', 'invalid'),
  '10001': r('invalid', 'invalid'),
  '10016': r('auth', 'auth'),
  '10017': r('invalid', 'invalid'),
  '10019': r('auth', 'session'),
  '20004': r('auth', 'auth'),
  '20005': r('auth', 'ipWhitelist'),
  '20031': r('auth', 'permission'),
  '20032': r('auth', 'session'),
  '21001': r('invalid', 'invalid'),
  '21002': r('invalid', 'invalid'),
  '50000': r('transient', 'server'), '50001': r('transient', 'server'), '50002': r('transient', 'server'),
  '52101': r('quota', 'rateLimited'),
  '70031': r('quota', 'rateLimited'),
  '70036': r('quota', 'rateLimited'),
};

export const topCodes = Object.keys(TOP);
export const pddCodes = Object.keys(PDD);

/** Which call failed: a cancel reads "no such number" differently from a 取号. */
export type PlatformCall = 'issue' | 'cancel' | 'check';

// The waybill APIs' own sub_codes are not published (§3.2, §6.4): beyond the documented isp./isv.
// split, these match the provider's words for the few failures a caller must tell apart.
const GONE = /not[-_ ]?exist|not[-_ ]?found|不存在|已取消|已回收|已作废/i;
const NO_BALANCE = /余额不足|单号不足|no[-_ ]?balance|insufficient/i;

function subRule(call: PlatformCall, f: PlatformFailure): Rule {
  if (f.subCode.startsWith('isp.')) return r('transient', 'server');
  const words = `${f.subCode} ${f.msg} ${f.subMsg}`;
  if (call === 'cancel' && GONE.test(words)) return r('not-found', 'notFound');
  if (NO_BALANCE.test(words)) return r('quota', 'quota');
  return r('invalid', 'invalid');
}

export type PlatformFailure = { code: string; msg: string; subCode: string; subMsg: string };

/** A platform error envelope → the error the caller acts on, with the provider's code and words. */
export function platformError(provider: PlatformName, call: PlatformCall, f: PlatformFailure): WaybillProviderError {
  const table = provider === 'cainiao' ? TOP : PDD;
  let rule = table[f.code];
  if (provider === 'pinduoduo' && f.code === '10001' && /timestamp/i.test(f.msg)) rule = r('auth', 'clock');
  // TOP 15 and the generic "bad argument" codes carry the business failure in sub_code / sub_msg.
  else if (rule === undefined || rule.kind === 'invalid' || (provider === 'cainiao' && f.code === '15')) rule = subRule(call, f);
  const code = f.subCode ? `${f.code}/${f.subCode}` : f.code;
  const said = [f.msg, f.subMsg].filter((s) => s !== '').join(': ');
  return new WaybillProviderError(rule.kind, msg(rule.key, { provider: providerLabel(provider), code, said: said.slice(0, 200) }), code);
}

/** A refusal made here before any call (carrier not opened, masked receiver…): never retried as is. */
export const localRefusal = (provider: PlatformName, what: 'unsupportedCarrier' | 'noTemplate' | 'masked' | 'multiParcel' | 'tooManyParcels' | 'noOrder', detail: string) =>
  new WaybillProviderError('invalid', msg(`waybillProvider.platform.${what}`, { provider: providerLabel(provider), said: detail.slice(0, 200) }), null);
