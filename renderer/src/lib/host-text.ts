import type { TFunction } from 'i18next';
import { renderMessage, type Message } from '#shared/i18n/message';

/**
 * Text that comes from the host (error messages, block reasons) rather than from our i18n files.
 * Many host messages are written "中文 / English"; a block reason ends with its code in brackets,
 * e.g. "交易关闭，不能发货（TRADE_CLOSED）". These helpers show the part the packer can read.
 */
const cjk = /[\u3400-\u9fff\uff01-\uff5e]/;

/** "PIN 不正确 / Wrong PIN" → "PIN 不正确" in Chinese, "Wrong PIN" in English; other text unchanged. */
export function pickLanguage(message: string, lang: string): string {
  for (const m of message.matchAll(/\s*\/\s+/g)) {
    const left = message.slice(0, m.index).trim();
    const right = message.slice(m.index + m[0].length).trim();
    if (cjk.test(left) && !cjk.test(right) && /[A-Za-z]/.test(right)) return lang === 'en' ? right : left;
  }
  return message;
}

/** The machine code at the end of a block reason: "…（REFUND）" or "…(TRADE_CLOSED)". */
export function reasonCode(reason: string): string | null {
  return /[（(]([A-Z][A-Z_]+)[)）]\s*$/.exec(reason)?.[1] ?? null;
}

/**
 * A block reason for the UI language. Chinese keeps the host's own words (they carry details such as
 * the refund amount); English names the cause from the code, since the host writes reasons in Chinese.
 */
export function localizeReason(t: TFunction, lang: string, reason: string): string {
  const picked = pickLanguage(reason, lang);
  if (lang !== 'en' || !cjk.test(picked)) return picked;
  const code = reasonCode(reason);
  if (code === 'REFUND') return t('blocked.refund');
  if (code && t(`platformStatus.${code}`, { defaultValue: '' })) return t('blocked.status', { status: t(`platformStatus.${code}`), code });
  return picked;
}

/** A message from the host in the reader's language. */
export function hostText(t: TFunction, message: Message): string {
  // TODO(issue 7): goes with the last bilingual prose from the host.
  if (message.key === 'common.text') return pickLanguage(String(message.params?.['text'] ?? ''), currentLang(t));
  return renderMessage((key, params) => t(key, params ?? {}) as string, message);
}

const currentLang = (t: TFunction & { i18n?: { language?: string } }) => (t.i18n?.language === 'en' ? 'en' : 'zh-CN');
