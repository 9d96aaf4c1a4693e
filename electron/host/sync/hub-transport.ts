import { AppError } from '#shared/contract/errors';

/** One request to the hub, independent of how it travels (HTTP here; in-process in the simulator). */
export type HubRequest = { method: 'GET' | 'POST'; path: string; token: string | null; query?: Record<string, string>; body?: unknown };
export type HubReply = { status: number; body: unknown };
export type HubTransport = (request: HubRequest) => Promise<HubReply>;

const TIMEOUT_MS = 15_000;

/**
 * The hub over HTTP. A network failure or timeout throws HUB_UNREACHABLE (the station is offline);
 * every answer the hub gives, errors included, comes back as a reply for the caller to classify.
 */
export function httpHubTransport(baseUrl: string): HubTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async ({ method, path, token, query, body }) => {
    const url = `${base}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new AppError('HUB_UNREACHABLE', `连不上同步中心 ${base} / hub unreachable: ${cause}`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = { error: 'invalid', message: `not a Packdesk hub (${response.status} ${text.slice(0, 80)})` };
    }
    return { status: response.status, body: parsed };
  };
}
