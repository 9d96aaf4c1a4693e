import { msg, type Message } from '#shared/i18n/message';

/** Renders a catalog message in the language the CLI was started with (--lang, else the locale). */
export type Say = (message: Message) => string;

/** Options as parseArgs hands them over. */
export type Options = Record<string, string | boolean | undefined>;

/** One import problem as a line: file, row, column when known, and what is wrong. */
export const rowError = (e: { file: string; row: number; column?: string | undefined; message: Message | string }): Message =>
  msg('cli.rowError', { file: e.file, row: e.row, column: e.column ? msg('cli.rowColumn', { column: e.column }) : '', message: e.message });
