import { z } from 'zod';

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
  message: z.string(),
  details: z.unknown().optional(),
  ref: z.string().optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** An expected failure: its message is safe to show to the user and survives the boundary as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
