import { msg } from '#shared/i18n/message';
import { WaybillProviderError } from './waybill-provider';

/**
 * One form POST to a platform gateway (TOP, POP), read as JSON under a size and nesting cap, the
 * way electron/hub/tracking/provider-http.ts reads tracking replies (adapters here may not import
 * the hub). Transport failures become `transient` errors with a message saying which; business
 * errors arrive as HTTP 200 bodies (research/providers.md §0 rule 2) and are the caller's to read.
 */
export type PlatformName = 'cainiao' | 'pinduoduo';

/** A 取号 reply for 10 parcels is a few KB of encrypted print data; 512 KB is far beyond any real one. */
export const REPLY_MAX_BYTES = 512 * 1024;
export const REPLY_TIMEOUT_MS = 15_000;
const JSON_DEPTH_MAX = 24;

export const providerLabel = (provider: PlatformName) => msg(`waybillProvider.platform.name.${provider}`);

export const transient = (provider: PlatformName, what: 'timeout' | 'unreachable' | 'badReply' | 'server', said = '') =>
  new WaybillProviderError('transient', msg(`waybillProvider.platform.${what}`, { provider: providerLabel(provider), said: said.slice(0, 200) }), null);

export async function postForm(provider: PlatformName, url: string, fields: Record<string, string>, timeoutMs = REPLY_TIMEOUT_MS): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(fields).toString(),
      signal,
      redirect: 'error',
    });
    text = await readCapped(provider, response);
  } catch (error) {
    if (error instanceof WaybillProviderError) throw error;
    if (signal.aborted) throw transient(provider, 'timeout');
    const cause = error instanceof Error ? String((error.cause as Error | undefined)?.message ?? error.message) : '';
    throw transient(provider, 'unreachable', cause);
  }
  if (response.status >= 500) throw transient(provider, 'server', String(response.status));
  if (response.status !== 200) throw transient(provider, 'badReply', `HTTP ${response.status}`);
  return parseJson(provider, text);
}

/** JSON text (a reply, or print_data inside one) under the nesting cap; anything else is a bad reply. */
export function parseJson(provider: PlatformName, text: string): unknown {
  if (depthExceeds(text, JSON_DEPTH_MAX)) throw transient(provider, 'badReply', 'nested too deeply');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw transient(provider, 'badReply', 'not JSON');
  }
}

async function readCapped(provider: PlatformName, response: Response): Promise<string> {
  if (Number(response.headers.get('content-length') ?? '0') > REPLY_MAX_BYTES) {
    await response.body?.cancel();
    throw transient(provider, 'badReply', 'too large');
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > REPLY_MAX_BYTES) {
      await reader.cancel();
      throw transient(provider, 'badReply', 'too large');
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The hub's json-depth check (electron/hub/json-depth.ts), repeated because providers may not import the hub. */
function depthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
