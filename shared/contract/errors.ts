import { z } from 'zod';
import { messageSchema, type Message } from '../i18n/message';

/** The closed set of error codes that may cross the RPC boundary. Codes are the stable contract. */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'BLOCKED',
  'DEVICE_UNAVAILABLE',
  'PRINT_FAILED',
  'POOL_EMPTY',
  'HUB_UNREACHABLE',
  'TIMEOUT',
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  /** What to tell the user, rendered from the catalog in their language. */
  msg: messageSchema,
  details: z.unknown().optional(),
  ref: z.string().optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

// TODO(issue 7): every caller passes a Message; the string form goes once the last prose is converted.
const asMessage = (text: Message | string): Message => (typeof text === 'string' ? { key: 'common.text', params: { text } } : text);

/** An expected failure: its message is safe to show to the user and survives the boundary as is. */
export class AppError extends Error {
  readonly msg: Message;
  constructor(
    readonly code: ErrorCode,
    text: Message | string,
    readonly details?: unknown,
  ) {
    const m = asMessage(text);
    super(typeof text === 'string' ? text : `${m.key}${m.params ? ` ${JSON.stringify(m.params)}` : ''}`);
    this.name = 'AppError';
    this.msg = m;
  }

  toShape(): AppErrorShape {
    return this.details === undefined ? { code: this.code, msg: this.msg } : { code: this.code, msg: this.msg, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
