import { jsonDepthExceeds } from '#shared/domain/json-depth';
import { postFormText, ProviderHttpError, type FormPost } from '../providers.port';
import { failure, type ProviderName } from './tracking-provider';

const JSON_DEPTH_MAX = 32;

/**
 * One form POST through the providers' shared one (electron/providers/provider-http: UTF-8 form,
 * size cap, time limit), its failures as the tracking port's kinds: `timeout`, `unreachable`
 * (refused, dropped), `server-error` (5xx), `bad-reply` (too big, not JSON, another status).
 */
export async function postForm(provider: ProviderName, post: FormPost): Promise<unknown> {
  let text: string;
  try {
    text = await postFormText(post);
  } catch (error) {
    if (!(error instanceof ProviderHttpError)) throw error;
    if (error.kind === 'timeout') throw failure('timeout', provider);
    if (error.kind === 'unreachable') throw failure('unreachable', provider, '', error.detail);
    if (error.kind === 'http-status' && Number(error.detail) >= 500) throw failure('server-error', provider, error.detail);
    throw failure('bad-reply', provider, error.kind === 'http-status' ? error.detail : '', error.kind === 'too-large' ? 'too large' : '');
  }
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
