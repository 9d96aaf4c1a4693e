import type { RowError } from '#shared/contract/common';
import { isLanguage, languageFrom } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { createTranslator, type Translator } from '#shared/i18n/translator';

/** The CLI's translator: --lang zh-CN|en, else the locale of the environment (LC_ALL, LC_MESSAGES, LANG). */
export function cliTranslator(lang: unknown, env: NodeJS.ProcessEnv = process.env): Translator {
  const wanted = typeof lang === 'string' ? lang : undefined;
  return createTranslator(isLanguage(wanted) ? wanted : languageFrom(wanted ?? env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG']));
}

/** An import report's problems as terminal lines: place, row and column, then the problem and how often it repeats. */
export function rowErrorLines(t: Translator['t'], errors: readonly RowError[]): string[] {
  return errors.map((e) => {
    const place = e.file === '' ? t(msg('report.pasted')) : e.sheet === undefined ? e.file : `${e.file} › ${e.sheet}`;
    const line = t(msg('report.cliLine', { place, row: e.row, column: e.column === undefined ? '' : ` [${e.column}]`, problem: e.msg }));
    return e.repeats ? `${line} ${t(msg('report.cliRepeats', { count: e.repeats.count, rows: e.repeats.rows.join(', ') }))}` : line;
  });
}
