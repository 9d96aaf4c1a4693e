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

/** An expected failure: its message is safe to show to the user and survives the boundary as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** What to tell the user: a catalog key and its parameters, rendered in the reader's language. */
    readonly msg: Message,
    readonly details?: unknown,
  ) {
    // The Error's own message is for logs and developers: the key and its parameters.
    super(`${msg.key}${msg.params ? ` ${JSON.stringify(msg.params)}` : ''}`);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.details === undefined ? { code: this.code, msg: this.msg } : { code: this.code, msg: this.msg, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
