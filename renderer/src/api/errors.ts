import type { ErrorCode } from '#shared/contract/errors';
import { isMessage, type Message } from '#shared/i18n/message';
import { RpcError } from '#shared/rpc/client';

/** An error as stores keep it; components localise it (see components/ErrorText). */
export type UiError = { code: ErrorCode; msg: Message | null; details?: unknown; ref?: string };

export function toUiError(error: unknown): UiError {
  if (error instanceof RpcError) {
    const ui: UiError = { code: error.code, msg: error.msg };
    if (error.details !== undefined) ui.details = error.details;
    if (error.ref !== undefined) ui.ref = error.ref;
    return ui;
  }
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const e = error as { code: ErrorCode; msg?: unknown; details?: unknown; ref?: string };
    return { code: e.code, msg: isMessage(e.msg) ? e.msg : null, details: e.details, ref: e.ref };
  }
  // A bug in the renderer itself: its text is for a developer, so it goes to the console, not the user.
  console.error(error);
  return { code: 'INTERNAL', msg: null };
}

/** Field problems from INVALID_INPUT details (zod issues or {field: message}), for display. */
export function invalidFields(details: unknown): { path: string; message: string }[] {
  if (Array.isArray(details)) {
    return details
      .filter((d): d is { path?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
      .map((d) => ({
        path: Array.isArray(d.path) ? d.path.join('.') : typeof d.path === 'string' ? d.path : '',
        message: typeof d.message === 'string' ? d.message : JSON.stringify(d),
      }));
  }
  if (typeof details === 'object' && details !== null) {
    const issues = (details as { issues?: unknown }).issues;
    if (Array.isArray(issues)) return invalidFields(issues);
    return Object.entries(details as Record<string, unknown>).map(([path, message]) => ({
      path,
      message: typeof message === 'string' ? message : JSON.stringify(message),
    }));
  }
  return [];
}
