import { jsonDepthExceeds } from '#shared/domain/json-depth';
import { msg } from '#shared/i18n/message';
import { postFormText, ProviderHttpError } from '../provider-http';
import { WaybillProviderError } from './waybill-provider';

/**
 * One form POST to a platform gateway (TOP, POP) through ../provider-http, read as JSON under a
 * size and nesting cap. Transport failures become `transient` errors with a message saying which; business
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
  let text: string;
  try {
    text = await postFormText({ url, fields, timeoutMs, maxBytes: REPLY_MAX_BYTES });
  } catch (error) {
    if (!(error instanceof ProviderHttpError)) throw error;
    if (error.kind === 'timeout') throw transient(provider, 'timeout');
    if (error.kind === 'unreachable') throw transient(provider, 'unreachable', error.detail);
    if (error.kind === 'too-large') throw transient(provider, 'badReply', 'too large');
    const status = Number(error.detail);
    throw status >= 500 ? transient(provider, 'server', error.detail) : transient(provider, 'badReply', `HTTP ${error.detail}`);
  }
  return parseJson(provider, text);
}

/** JSON text (a reply, or print_data inside one) under the nesting cap; anything else is a bad reply. */
export function parseJson(provider: PlatformName, text: string): unknown {
  if (jsonDepthExceeds(text, JSON_DEPTH_MAX)) throw transient(provider, 'badReply', 'nested too deeply');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw transient(provider, 'badReply', 'not JSON');
  }
}
