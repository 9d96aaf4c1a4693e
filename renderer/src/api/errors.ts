import type { ErrorCode } from '#shared/contract/errors';
import { RpcError } from '#shared/rpc/client';

/** An error as stores keep it; components localise it by code (see components/ErrorText). */
export type UiError = { code: ErrorCode; message: string; details?: unknown; ref?: string };

export function toUiError(error: unknown): UiError {
  if (error instanceof RpcError) {
    const ui: UiError = { code: error.code, message: error.message };
    if (error.details !== undefined) ui.details = error.details;
    if (error.ref !== undefined) ui.ref = error.ref;
    return ui;
  }
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as { code: ErrorCode; message: string; details?: unknown; ref?: string };
    return { code: e.code, message: String(e.message), details: e.details, ref: e.ref };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
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
