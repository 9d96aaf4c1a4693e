import { readFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { checkPhoto, type CliHost } from '../cli-host';

/** `--photo FILE…`: each file stored through photos.put (checked by the host as from the bench), by SHA-256. */
export async function putPhotoFiles(call: CliHost['call'], files: readonly string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new AppError('NOT_FOUND', msg('cli.photoUnreadable', { file }));
    }
    // The type the bytes are; anything else goes as JPEG, and the host says what is wrong with it.
    const facts = checkPhoto(bytes);
    const mime = typeof facts === 'string' ? 'image/jpeg' : facts.mime;
    try {
      hashes.push((await call('photos.put', { mime, base64: bytes.toString('base64') })).sha256);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, msg('cli.photoRefused', { file, reason: error.msg }));
      throw error;
    }
  }
  return hashes;
}

/** A repeatable option as a list (parseArgs gives one string, a list, or nothing). */
export const many = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
/** A single option's text, or undefined. */
export const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) ? (value.at(-1) as string | undefined) : undefined);

/** An option that takes one of a few words, or undefined when absent; another word is refused, naming it and the words it may be. */
export function choice<T extends string>(value: unknown, option: string, choices: readonly T[]): T | undefined {
  const text = one(value);
  if (text === undefined) return undefined;
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new AppError('INVALID_INPUT', msg('cli.notAChoice', { option: `--${option}`, value: text, choices: choices.join(' | ') }));
}
