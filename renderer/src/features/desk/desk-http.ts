import { DESK_PATHS, deskRefusalSchema, deskSessionSchema, deskUserSchema, type DeskSession, type DeskUser } from '#shared/contract/desk.contract';
import type { UiError } from '../../api/errors';
import { hasToken } from '../../api/token';

/**
 * Whether the hub's desk served this page (a supervisor's phone): it answers `/desk/session`; a
 * browser station (which holds a token) or the desktop window never asks. Null: not the desk.
 */
export async function probeDesk(win: Window): Promise<DeskSession | null> {
  if (win.bridge) return null;
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  if (hasToken(win.location, storage)) return null;
  return deskSession();
}

/** Who this phone is logged in as; null when the page is not the desk's (or it cannot be reached). */
export async function deskSession(): Promise<DeskSession | null> {
  try {
    const response = await fetch(DESK_PATHS.session, { cache: 'no-store', credentials: 'same-origin' });
    const parsed = deskSessionSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The hub's refusal as the screens show errors; a reply that is not one (a proxy's page) says the status. */
async function refusal(response: Response): Promise<UiError> {
  const parsed = deskRefusalSchema.safeParse(await response.json().catch(() => null));
  if (parsed.success) return parsed.data.error;
  return { code: 'HUB_UNREACHABLE', msg: { key: 'desk.login.failed', params: { status: response.status } } };
}

/** Logs this phone in; the hub sets an HttpOnly cookie this page never sees. Throws the refusal as a UiError. */
export async function postLogin(name: string, pin: string): Promise<DeskUser> {
  const response = await fetch(DESK_PATHS.login, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, pin }),
  }).catch(() => null);
  if (!response) throw { code: 'HUB_UNREACHABLE', msg: { key: 'desk.shell.offline' } } satisfies UiError;
  if (!response.ok) throw await refusal(response);
  return deskUserSchema.parse(((await response.json()) as { user: unknown }).user);
}

export async function postLogout(): Promise<void> {
  await fetch(DESK_PATHS.logout, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}
