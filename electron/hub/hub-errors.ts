import type { HubError } from '#shared/contract/hub.contract';
import { msg, type Message } from '#shared/i18n/message';

/** An answer the hub gives on purpose (a 4xx), carried up to the transport as is. */
export class HubFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: HubError,
  ) {
    super(body.msg.key);
    this.name = 'HubFailure';
  }
}

export const invalid = (message: Message) => new HubFailure(400, { error: 'invalid', msg: message });
export const unauthenticated = (message: Message = msg('hub.error.unauthenticated')) => new HubFailure(401, { error: 'unauthenticated', msg: message });
export const forbidden = (message: Message) => new HubFailure(403, { error: 'forbidden', msg: message });
export const epochChanged = (hubEpoch: string) => new HubFailure(409, { error: 'epoch_changed', msg: msg('hub.error.epochChanged'), hubEpoch });
export const gap = (expected: number) => new HubFailure(409, { error: 'gap', msg: msg('hub.error.gap', { expected }), expected });
/** A pairing that would take over a station id already paired (issue 7 item 5). */
export const stationTaken = (message: Message) => new HubFailure(409, { error: 'station_taken', msg: message });
export const rateLimited = (message: Message, retryAfterSeconds: number) =>
  new HubFailure(429, { error: 'rate_limited', msg: message, retryAfterSeconds });

// PostgreSQL: connection loss (08xxx), shutdown or recovery (57P0x), too many clients, lock and
// statement timeouts, serialization failures and deadlocks. All of them go away on retry.
const PG_TRANSIENT = new Set(['53300', '55P03', '57014', '57P01', '57P02', '57P03', '40001', '40P01']);
const NET_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * A failure that says nothing about the request: the station should retry the same push later
 * (503). Everything else is either an answer (HubFailure) or a hub bug (500, logged).
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_TRANSIENT.has(code) || code.startsWith('08') || NET_TRANSIENT.has(code)) return true;
    if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/.test(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|driver has already been destroyed/i.test(message);
}
