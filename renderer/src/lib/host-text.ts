import type { TFunction } from 'i18next';
import { renderMessage, type Message } from '#shared/i18n/message';

/**
 * Text that comes from the host (errors, block reasons, warnings): a catalog message rendered in
 * the reader's language. Host prose still written "中文 / English" (being converted) shows the half
 * the reader can read.
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

/** A message from the host in the reader's language. */
export function hostText(t: TFunction, message: Message): string {
  // Text stored by an older Packdesk was often written "中文 / English": show the reader's half.
  if (message.key === 'legacy.text') return pickLanguage(String(message.params?.['text'] ?? ''), currentLang(t));
  return renderMessage((key, params) => t(key, params ?? {}) as string, message);
}

const currentLang = (t: TFunction & { i18n?: { language?: string } }) => (t.i18n?.language === 'en' ? 'en' : 'zh-CN');
