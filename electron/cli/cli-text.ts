import type { RowError } from '#shared/contract/common';
import type { AppError } from '#shared/contract/errors';
import { isLanguage, languageFrom } from '#shared/i18n/catalog';
import { isMessage, msg, type Message } from '#shared/i18n/message';
import { createTranslator, type Translator } from '#shared/i18n/translator';

/** Renders a catalog message in the language the CLI was started with (--lang, else the locale). */
export type Say = (message: Message) => string;

/** Options as parseArgs hands them over. */
export type Options = Record<string, string | boolean | string[] | undefined>;

/** The CLI's translator: --lang zh-CN|en, else the locale of the environment (LC_ALL, LC_MESSAGES, LANG; an empty one is unset). */
export function cliTranslator(lang: unknown, env: NodeJS.ProcessEnv = process.env): Translator {
  const wanted = typeof lang === 'string' && lang !== '' ? lang : undefined;
  return createTranslator(isLanguage(wanted) ? wanted : languageFrom(wanted || env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG']));
}

/** An import report's problems as terminal lines: place, row and column, then the problem and how often it repeats. */
export function rowErrorLines(t: Say, errors: readonly RowError[]): string[] {
  return errors.map((e) => {
    const place = e.file === '' ? t(msg('report.pasted')) : e.sheet === undefined ? e.file : `${e.file} › ${e.sheet}`;
    const line = t(msg('report.cliLine', { place, row: e.row, column: e.column === undefined ? '' : ` [${e.column}]`, problem: e.msg }));
    if (!e.repeats) return line;
    // The ellipsis says rows were left out: only when some were.
    const { count, rows } = e.repeats;
    return `${line} ${t(msg(rows.length < count ? 'report.cliRepeats' : 'report.cliRepeatsAll', { count, rows: rows.join(', ') }))}`;
  });
}

/**
 * A refusal as the CLI says it: one line in the CLI's language, no error code, no details. A
 * refusal for want of a role or of a user says whose PIN the command needs and how to give it
 * (`--pin`), where the screens would open their PIN pad.
 */
export function errorText(t: Say, error: AppError): string {
  if (error.code === 'FORBIDDEN') {
    const roles = rolesIn(error.details);
    if (roles.includes('supervisor')) return t(msg('cli.pinNeeded.managers'));
    if (roles.includes('admin')) return t(msg('cli.pinNeeded.admin'));
    if (error.msg.key === 'session.loginFirst') return t(msg('cli.pinNeeded.anyone'));
  }
  return t(error.msg);
}

const rolesIn = (details: unknown): unknown[] => {
  const roles = typeof details === 'object' && details !== null && 'roles' in details ? details.roles : undefined;
  return Array.isArray(roles) ? roles : [];
};

/**
 * The fields in which the host sends text as said: a person's name (NameSaid: a typed name, or the
 * factory name's message), or what happened (an inbox row's evidence, a message).
 */
const SAID_FIELDS = new Set(['packerName', 'receivedBy', 'reportedBy', 'decidedBy', 'filedBy', 'settledBy', 'packer', 'by', 'authorizedBy', 'evidence']);
/** The fields that are lists of names as said (an inbox row's people). */
const SAID_LISTS = new Set(['people']);

/**
 * A host record as `--json` prints it: names and evidence in the reader's language as plain text, as
 * the screens show them (a script reading `reportedBy` gets "管理员" or "Admin", never a message object).
 */
export function jsonSaid(t: Say, value: unknown): string {
  return JSON.stringify(value, (field, v: unknown) => {
    // Only a message is said: a field of the same name holding anything else (an audit person) stays as it is.
    if (SAID_FIELDS.has(field) && isMessage(v)) return t(v);
    if (SAID_LISTS.has(field) && Array.isArray(v)) return v.map((item: unknown) => (isMessage(item) ? t(item) : item));
    return v;
  }, 2);
}
