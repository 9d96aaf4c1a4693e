import { msg } from '#shared/i18n/message';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import { WaybillProviderError, type WaybillProvider } from '../providers.port';
import { cancelBackoffMs, type WaybillProviderName } from '#shared/domain/e-waybill';
import type { ProviderWaybillsRepo } from './provider-waybills.repo';

export const CANCEL_POLL_MS = 30_000;

type Round = { sent: number; failed: number; left: number };

/**
 * The cancels (取消单号) this bench owes: the numbers it fetched with its own account whose cancel was
 * asked (a void, an unused number), sent one round at a time every half minute and when kicked,
 * each outcome recorded as waybill.cancelled; a failure waits its backoff with the provider's words.
 */
export function createWaybillCancels(deps: {
  db: Db; repo: ProviderWaybillsRepo; recorder: OpRecorder; stationId: () => string; asksForHub: () => boolean;
  provider: (name: WaybillProviderName) => WaybillProvider | null;
  log: (line: string, error?: unknown) => void; onChange: () => void;
}) {
  const { db, repo, recorder } = deps;
  /**
   * Numbers fetched for orders the platform has since closed (cancelled, refunded in full): no
   * parcel will use them, so they are cancelled. Asked by whoever holds the account: this bench for
   * its own, and a supervisor's bench for the hub's (the hub cancels; a second ask is a no-op).
   */
  // CROSS JOIN: from the unused numbers to their orders, not through every open order.
  const closedReady = db.prepare(`SELECT w.tracking_no FROM provider_waybills w CROSS JOIN orders o ON o.id = w.order_id
    WHERE w.parent_no IS NULL AND w.shipment_id IS NULL AND w.cancel_state IS NULL AND (w.issuer = @me OR (w.issuer = 'hub' AND @supervisor = 1))
      AND o.pack_state = 'open' AND o.blocked_reason GLOB '{"key":"blocked.reasons.TRADE_CLOSED*' LIMIT 200`).pluck();
  function cancelClosed(): void {
    const numbers = closedReady.all({ me: deps.stationId(), supervisor: deps.asksForHub() ? 1 : 0 }) as string[];
    if (numbers.length === 0) return;
    const at = new Date().toISOString();
    inTransaction(db, () => numbers.forEach((trackingNo) => recorder.record('waybill.cancel-requested', { trackingNo, reason: 'unused', at }, { at })));
  }
  const record = (trackingNo: string, outcome: 'cancelled' | 'not-found') => {
    const at = new Date().toISOString();
    inTransaction(db, () => recorder.record('waybill.cancelled', { trackingNo, outcome, issuer: 'station', at }, { at }));
  };
  const later = (attempts: number) => new Date(Date.now() + cancelBackoffMs(attempts)).toISOString();

  /** `now`: a person asked (立即发送, the CLI): every waiting cancel goes, its backoff skipped. */
  async function sendCancels(now = false): Promise<Round> {
    cancelClosed();
    let sent = 0;
    let failed = 0;
    // The backoff spares the provider from the timer, not from a seller who is back online and asks.
    const due = repo.dueCancels(deps.stationId(), now ? '9999-12-31T23:59:59.999Z' : new Date().toISOString());
    for (const w of due) {
      const provider = deps.provider(w.provider);
      if (!provider) {
        failed++;
        repo.cancelAttemptFailed(w.trackingNo, msg('waybills.noAccount', { provider: msg(`waybills.provider.${w.provider}`) }), later(w.cancelAttempts));
        continue;
      }
      try {
        await provider.cancel({ carrierCode: w.carrierCode, trackingNo: w.trackingNo, requestKey: w.requestKey, providerRef: w.providerRef });
        record(w.trackingNo, 'cancelled');
        sent++;
      } catch (error) {
        if (error instanceof WaybillProviderError && error.kind === 'not-found') {
          record(w.trackingNo, 'not-found');
          sent++;
          continue;
        }
        failed++;
        if (!(error instanceof WaybillProviderError)) deps.log(`waybills: cancel of ${w.trackingNo} failed`, error);
        repo.cancelAttemptFailed(w.trackingNo, error instanceof WaybillProviderError ? error.msg : msg('waybills.failedUnexpectedly'), later(w.cancelAttempts));
      }
    }
    if (due.length > 0) deps.onChange();
    return { sent, failed, left: repo.counts().cancelQueued };
  }

  let timer: ReturnType<typeof setInterval> | null = null;
  let sending: Promise<Round> = Promise.resolve({ sent: 0, failed: 0, left: 0 });
  // One round at a time: a kick during a round runs another after it.
  const round = (now = false): Promise<Round> =>
    (sending = sending.then(() => sendCancels(now)).catch((error: unknown) => {
      deps.log('waybills: cancel round failed', error);
      return { sent: 0, failed: 0, left: repo.counts().cancelQueued };
    }));

  return {
    /** Sends what is due (or, `now`, everything waiting), after any round under way; answers with how it went. */
    round,
    /** A void or cancel was just recorded: try now rather than at the next tick. */
    kick: () => void round(),
    /** Cancels this bench owes go out every half minute while any wait. */
    start(): void {
      timer ??= setInterval(() => void round(), CANCEL_POLL_MS);
      timer.unref?.();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
