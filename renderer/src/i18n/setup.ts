import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language } from '#shared/i18n/catalog';
import { addFormats, i18nextOptions } from '#shared/i18n/translator';
import { formatDateTime } from '../lib/format';

export { languages, type Language };

const storageKey = 'packdesk.lang';

function storedLanguage(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(storageKey);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

/** Initialises i18next synchronously (resources are bundled): zh-CN unless this browser chose English. */
export function initI18n(lng: Language = storedLanguage() ?? 'zh-CN'): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init(i18nextOptions(lng));
    addFormats(i18next, (iso, lang) => formatDateTime(iso, lang ?? lng));
  } else if (i18next.language !== lng) {
    void i18next.changeLanguage(lng);
  }
  showIn(lng);
  return i18next;
}

/** The page's language and its title (the desktop window's title too) follow the UI language. */
function showIn(lng: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18next.t('app.title');
}

function apply(lng: Language): void {
  if (i18next.language !== lng) void i18next.changeLanguage(lng);
  showIn(lng);
}

/**
 * Someone chose a language (login screen or Settings): switch at once and remember it on this
 * device, so the station default no longer overrides it here.
 */
export function setLanguage(lng: Language): void {
  apply(lng);
  try {
    globalThis.localStorage?.setItem(storageKey, lng);
  } catch {
    // storage disabled
  }
}

/** The station's default language (settings): used on devices where nobody has chosen one. */
export function applyStationLanguage(lng: Language): void {
  if (storedLanguage() === null) apply(lng);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}
