import { jsonDepthExceeds } from '../json-depth';
import { failure, type ProviderName } from './tracking-provider';

/** A provider's tracking reply is a few KB; 1 MB is a full 100-node trace many times over. */
export const REPLY_MAX_BYTES = 1024 * 1024;
/** 快递100 waits 20 s for our acks; we give it as long to answer us. */
export const REPLY_TIMEOUT_MS = 20_000;
const JSON_DEPTH_MAX = 32;

export type FormPost = { url: string; fields: Record<string, string>; timeoutMs?: number };

/**
 * One form POST, as every provider wants it (UTF-8, application/x-www-form-urlencoded), read as
 * JSON with a size cap and a nesting cap. Transport failures become the provider's error kinds:
 * `timeout`, `unreachable` (refused, dropped), `bad-reply` (too big, not JSON, HTTP error page).
 */
export async function postForm(provider: ProviderName, post: FormPost): Promise<unknown> {
  const signal = AbortSignal.timeout(post.timeoutMs ?? REPLY_TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await fetch(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(post.fields).toString(),
      signal,
      redirect: 'error',
    });
    text = await readCapped(provider, response);
  } catch (error) {
    if (error instanceof Error && error.name === 'TrackingProviderError') throw error;
    if (signal.aborted) throw failure('timeout', provider);
    throw failure('unreachable', provider, '', error instanceof Error ? String((error.cause as Error | undefined)?.message ?? error.message) : '');
  }
  // Business errors come back as HTTP 200 with an error body (§0 rule 2); anything else is an outage.
  if (response.status >= 500) throw failure('server-error', provider, String(response.status));
  if (response.status !== 200) throw failure('bad-reply', provider, String(response.status));
  return parseJson(provider, text);
}

export function parseJson(provider: ProviderName, text: string): unknown {
  if (jsonDepthExceeds(text, JSON_DEPTH_MAX)) throw failure('bad-reply', provider, '', 'nested too deeply');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failure('bad-reply', provider, '', 'not JSON');
  }
}

async function readCapped(provider: ProviderName, response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > REPLY_MAX_BYTES) {
    await response.body?.cancel();
    throw failure('bad-reply', provider, '', 'too large');
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
      throw failure('bad-reply', provider, '', 'too large');
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}
