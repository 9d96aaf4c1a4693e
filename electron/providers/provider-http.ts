/**
 * One form POST the way every provider in research/providers.md wants it (UTF-8,
 * application/x-www-form-urlencoded, the business JSON as one field), its reply read as JSON with
 * a byte cap and a time limit. What can go wrong on the way is a ProviderHttpError kind; each
 * adapter (the waybill ones here, the hub's tracking ones) turns those into its port's error kinds.
 */
export const REPLY_MAX_BYTES = 1024 * 1024;
export const REPLY_TIMEOUT_MS = 20_000;

export type HttpFailure = 'timeout' | 'unreachable' | 'too-large' | 'http-status' | 'not-json';

export class ProviderHttpError extends Error {
  constructor(
    readonly kind: HttpFailure,
    /** The HTTP status, or the network's words; never request data (it holds credentials). */
    readonly detail: string,
  ) {
    super(`${kind} ${detail}`);
    this.name = 'ProviderHttpError';
  }
}

export type FormPost = { url: string; fields: Record<string, string>; timeoutMs?: number; maxBytes?: number };

/**
 * Business errors come back as HTTP 200 with an error body (providers.md §0 rule 2): any other
 * status is an outage. JSON.parse in V8 does not recurse (a million-deep array parses), and the
 * adapters' schemas read named fields only, so a deep reply is dropped, never walked.
 */
export async function postFormJson(post: FormPost): Promise<unknown> {
  const text = await postFormText(post);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderHttpError('not-json', '');
  }
}

/** The same POST, its 200 reply as text (for an adapter that checks the text before parsing it). */
export async function postFormText(post: FormPost): Promise<string> {
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
    text = await readCapped(response, post.maxBytes ?? REPLY_MAX_BYTES);
  } catch (error) {
    if (error instanceof ProviderHttpError) throw error;
    if (signal.aborted) throw new ProviderHttpError('timeout', '');
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : '';
    throw new ProviderHttpError('unreachable', String(cause).slice(0, 200));
  }
  if (response.status !== 200) throw new ProviderHttpError('http-status', String(response.status));
  return text;
}

async function readCapped(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) {
    await response.body?.cancel();
    throw new ProviderHttpError('too-large', String(declared));
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ProviderHttpError('too-large', String(size));
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}
