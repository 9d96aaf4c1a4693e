import type { HubError } from '#shared/contract/hub.contract';

/** An answer the hub gives on purpose (a 4xx), carried up to the transport as is. */
export class HubFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: HubError,
  ) {
    super(body.message);
    this.name = 'HubFailure';
  }
}

export const invalid = (message: string) => new HubFailure(400, { error: 'invalid', message });
export const unauthenticated = (message = '未配对或令牌无效 / Unknown or revoked station token') =>
  new HubFailure(401, { error: 'unauthenticated', message });
export const forbidden = (message: string) => new HubFailure(403, { error: 'forbidden', message });
export const epochChanged = (hubEpoch: string) =>
  new HubFailure(409, {
    error: 'epoch_changed',
    message: '中心已从备份恢复，请重新同步 / The hub was restored from a backup: reset and push again',
    hubEpoch,
  });
export const gap = (expected: number) =>
  new HubFailure(409, { error: 'gap', message: `Ops must arrive without gaps: expected stationSeq ${expected}`, expected });

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
