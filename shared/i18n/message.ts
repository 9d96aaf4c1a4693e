import { z } from 'zod';
import type { MessageKey } from './catalog';

/**
 * Text shown to people, as data: a catalog key and its parameters. A parameter may itself be a
 * message (a flag naming the reason an op was refused), rendered first.
 */
export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;
export type Message = { readonly key: MessageKey; readonly params?: MessageParams };

export const msg = (key: MessageKey, params?: MessageParams): Message => (params === undefined ? { key } : { key, params });

const MAX_DEPTH = 3;
const paramValue = (depth: number): z.ZodType<MessageParam> =>
  depth >= MAX_DEPTH
    ? z.union([z.string().max(2000), z.number()])
    : z.union([z.string().max(2000), z.number(), z.lazy(() => messageAt(depth + 1))]);
const messageAt = (depth: number): z.ZodType<Message> =>
  z.strictObject({
    key: z.string().min(1).max(120).regex(/^[A-Za-z0-9_.-]+$/) as unknown as z.ZodType<MessageKey>,
    params: z.record(z.string().min(1).max(40).regex(/^\w+$/), paramValue(depth)).optional(),
  }) as unknown as z.ZodType<Message>;

/** A message as it crosses a boundary (RPC, an op, a stored column): bounded in size and depth. */
export const messageSchema: z.ZodType<Message> = messageAt(0);

/** The function a translator offers: i18next's t, or a test double. */
export type TranslateFn = (key: string, params?: Record<string, string | number>) => string;

/** Renders a message with `t`, nested messages first. */
export function renderMessage(t: TranslateFn, message: Message): string {
  if (!message.params) return t(message.key);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params)) {
    params[name] = typeof value === 'object' ? renderMessage(t, value) : value;
  }
  return t(message.key, params);
}

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

/** A message kept in a text column. */
export const encodeMessage = (message: Message): string => JSON.stringify(message);

/** A stored message; text written by an older Packdesk (prose, not JSON) is shown as it was. */
export function decodeMessage(stored: string): Message {
  if (stored.startsWith('{')) {
    try {
      const parsed = messageSchema.safeParse(JSON.parse(stored));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: older prose
    }
  }
  return { key: 'legacy.text', params: { text: stored.slice(0, 2000) } };
}
