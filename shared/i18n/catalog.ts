import en from './en.json';
import zhCN from './zh-CN.json';

/**
 * The one catalog of user-facing text (DESIGN §5): the renderer, the CLI and the hub all render
 * from it in the reader's language. Data and ops store a key and parameters, never prose.
 */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export const catalogs = { 'zh-CN': zhCN, en } as const;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalog, checked at compile time wherever a message is made. */
export type MessageKey = Leaves<typeof zhCN>;

export const isLanguage = (value: unknown): value is Language => value === 'zh-CN' || value === 'en';

/** 'en', 'en_US.UTF-8', 'zh_CN' … → a catalog language (Chinese unless English is asked for). */
export function languageFrom(tag: string | undefined | null): Language {
  return tag && /^en\b|^en[_-]/i.test(tag) ? 'en' : 'zh-CN';
}
