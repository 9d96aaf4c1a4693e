import { messageSchema, msg, type Message } from '#shared/i18n/message';

/**
 * Text shown to people is stored as data, a catalog key and its parameters as JSON in a TEXT
 * column, so each reader renders it in their own language (never prose in the database).
 */
export const messageToColumn = (message: Message | null): string | null => (message === null ? null : JSON.stringify(message));

/** Reads a stored message; a value that is not one (a damaged row) reads as `unreadable`, never throws. */
export function messageFromColumn(text: string | null, unreadable: Message): Message | null {
  if (text === null) return null;
  try {
    const parsed = messageSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: falls through
  }
  return unreadable;
}

/** What a blocked order shows when its stored reason cannot be read. */
export const UNREADABLE_BLOCK = msg('blocked.unreadable');
