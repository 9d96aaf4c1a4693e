import i18next, { type i18n, type InitOptions } from 'i18next';
import { formatBeijing } from '../domain/datetime';
import { formatGrams } from '../domain/weight-text';
import { catalogs, type Language } from './catalog';
import { renderMessage, type Message } from './message';

export type Translator = { lang: Language; t: (message: Message) => string };

/** How every i18next instance over the shared catalog starts (the renderer's and the translators'): synchronously, resources bundled. */
export const i18nextOptions = (lng: Language) =>
  ({
    resources: { 'zh-CN': { translation: catalogs['zh-CN'] }, en: { translation: catalogs.en } },
    lng,
    fallbackLng: 'zh-CN',
    // The catalogs are exactly these codes: no 'zh' to fall back to, and every lookup skips resolving one (~a third of a t() call).
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  }) satisfies InitOptions;

/** How a moment is written: outside React (CLI, PDFs, logs) in Beijing time; the screens pass their own, in the reader's format. */
export type MomentFormat = (iso: string, lng: string | undefined) => string;

/**
 * The catalog's own formats, on every instance after init: `{{weight, grams}}` writes a weight kept
 * in grams as the bench shows it (950 g, 1.25 kg), so a stored message reads like the screen;
 * `{{at, moment}}` writes an ISO time as the reader's screen writes every other time (the host
 * sends the ISO time, not text in one language's format).
 */
export function addFormats(instance: i18n, moment: MomentFormat = (iso) => formatBeijing(iso) || iso): void {
  instance.services.formatter?.add('grams', (value: unknown) => (typeof value === 'number' ? formatGrams(value) : String(value)));
  instance.services.formatter?.add('moment', (value: unknown, lng: string | undefined) => (typeof value === 'string' ? moment(value, lng) : String(value)));
}

/**
 * A translator outside React (CLI, hub, host logs): its own i18next instance over the shared
 * catalog, initialised synchronously.
 */
export function createTranslator(lang: Language): Translator {
  const instance = i18next.createInstance();
  void instance.init(i18nextOptions(lang));
  addFormats(instance);
  const t = instance.t.bind(instance) as (key: string, params?: Record<string, string | number>) => string;
  return { lang, t: (message) => renderMessage(t, message) };
}

const shared = new Map<Language, Translator>();

/** One translator per language for the life of the process (labels, stop-gaps): built on first use. */
export function translatorFor(lang: Language): Translator {
  let translator = shared.get(lang);
  if (!translator) shared.set(lang, (translator = createTranslator(lang)));
  return translator;
}
