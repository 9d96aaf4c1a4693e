import pLimit from 'p-limit';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { hubIssueRequestSchema, HubIssueResult, HubWaybillRequest } from '#shared/contract/hub-waybills.contract';
import { cancelBackoffMs } from '#shared/domain/e-waybill';
import { msg, type Message } from '#shared/i18n/message';
import { readOp, type OpPayload } from '#shared/ops/index';
import { invalid } from '../hub-errors';
import { waybillProviderFor, waybillProviderNames, WaybillProviderError, type IssuedWaybill, type WaybillKeys, type WaybillProvider, type WaybillProviderName } from '../providers.port';
import type { HubTables } from '../store/hub-schema';
import { withLogWriter } from '../sync/hub-log.repo';
import { readHubWaybillKeys, waybillProviderLabel } from './hub-waybill-keys';
import { cancelReferences, dueCancels, insertIssued, markCancelled, recordCancelFailure, rowByKey, rowByNumber, type ProviderWaybillRow } from './hub-waybills.repo';

export type HubIssueRequest = z.output<typeof hubIssueRequestSchema>;
export type CancelRound = {
  /** Cancels the providers confirmed (or had no such number: as good as cancelled). */
  done: { trackingNo: string; outcome: 'cancelled' | 'not-found'; hubSeq: number }[];
  /** Cancels that failed this round and wait for their next try. */
  failed: { trackingNo: string; msg: Message; nextAt: string }[];
};

export type HubWaybillsService = {
  /** 取号 for a bench: per request, the number already issued for its key, or a new one from the provider (4 at a time). */
  issue(body: HubIssueRequest): Promise<{ results: HubIssueResult[] }>;
  /** The providers the hub holds an account for, with their carriers (never a key). */
  providers(): { providers: { name: WaybillProviderName; carriers: string[] }[] };
  /** Checks the hub's account at the provider. */
  check(provider: WaybillProviderName): Promise<{ ok: boolean; msg: Message | null }>;
  /** One cancel round now: every queued cancel that is due is sent (the timer runs one every 30 s). */
  sendCancelsNow(): Promise<CancelRound>;
  /** A cancel was queued: send it soon, without waiting for the timer. */
  kick(): void;
  /** Waits for a round under way (the hub is closing). */
  settle(): Promise<void>;
};

type Deps = {
  db: Kysely<HubTables>;
  now: () => Date;
  log: (line: string) => void;
  dataDir: string | null;
  /** Provider call timeout (tests); the adapters' own default otherwise. */
  providerTimeoutMs?: number;
  /** The pause before the one retry of a transient failure. */
  retryPauseMs?: number;
};

/** Provider calls in flight at once for one 取号 request. */
const ISSUE_CONCURRENCY = 4;
const RETRY_PAUSE_MS = 1_000;

/**
 * The hub's 取号 for every bench (DESIGN §9: the hub is the shop's online piece). Each number a
 * provider issues becomes a waybill.issued log entry in the same transaction as its row, so a bench
 * whose answer was lost finds it on its next pull, and asking again with the same request key
 * answers the same number without calling the provider. Cancels queued by the benches'
 * waybill.cancel-requested are sent by a worker and end as waybill.cancelled entries. Accounts are
 * read from the private keys file on every call: keys entered with the CLI apply without a restart.
 */
export function createHubWaybills(deps: Deps): HubWaybillsService {
  const { db, now, log } = deps;
  const retryPause = deps.retryPauseMs ?? RETRY_PAUSE_MS;
  /** One provider call per request key at a time, across requests: the second asker finds the first one's row. */
  const inFlight = new Map<string, Promise<unknown>>();

  function keys(): WaybillKeys {
    try {
      return readHubWaybillKeys(deps.dataDir);
    } catch (error) {
      const m = (error as { msg?: Message }).msg;
      throw invalid(m ?? msg('hubWaybills.keys.unreadable', { file: '' }));
    }
  }

  function providerOrRefuse(name: WaybillProviderName): WaybillProvider {
    const provider = waybillProviderFor(name, keys(), deps.providerTimeoutMs);
    if (!provider) throw invalid(msg('hubWaybills.noAccount', { provider: waybillProviderLabel(name) }));
    return provider;
  }

  const failed = (orderId: string, kind: WaybillProviderError['kind'], message: Message): HubIssueResult => ({ orderId, ok: false, kind, msg: message });

  /** The answer a row gives to a request with its key. */
  function answerFrom(row: ProviderWaybillRow, request: HubWaybillRequest): HubIssueResult {
    if (row.order_id !== request.orderId) return failed(request.orderId, 'invalid', msg('hubWaybills.keyTaken', { requestKey: request.requestKey }));
    if (row.cancel_state !== null) return failed(request.orderId, 'invalid', msg('hubWaybills.keyCancelled', { requestKey: request.requestKey, trackingNo: row.tracking_no }));
    return { orderId: request.orderId, ok: true, trackingNo: row.tracking_no, carrierCode: row.carrier_code, hubSeq: Number(row.hub_seq) };
  }

  async function askProvider(provider: WaybillProvider, request: HubWaybillRequest): Promise<IssuedWaybill> {
    const { orderId: _orderId, ...asked } = request;
    try {
      return await provider.issue(asked);
    } catch (error) {
      if (!(error instanceof WaybillProviderError) || error.kind !== 'transient') throw error;
      // Once more after a short pause: the same request key never yields a second number.
      await new Promise((resolve) => setTimeout(resolve, retryPause));
      return provider.issue(asked);
    }
  }

  async function issueOne(name: WaybillProviderName, provider: WaybillProvider, request: HubWaybillRequest): Promise<HubIssueResult> {
    const known = await rowByKey(db, name, request.requestKey);
    if (known) return answerFrom(known, request);
    let issued: IssuedWaybill;
    try {
      issued = await askProvider(provider, request);
    } catch (error) {
      if (error instanceof WaybillProviderError) return failed(request.orderId, error.kind, error.msg);
      log(`hub: waybills: ${name} issue for ${request.orderId} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      return failed(request.orderId, 'transient', msg('hubWaybills.providerFailed', { provider: waybillProviderLabel(name) }));
    }
    return withLogWriter(db, now, async (w) => {
      // Another request with this key may have finished meanwhile (another hub process on PostgreSQL).
      const raced = await rowByKey(w.trx, name, request.requestKey);
      if (raced) return answerFrom(raced, request);
      const held = await rowByNumber(w.trx, issued.carrierCode, issued.trackingNo);
      if (held) {
        log(`hub: waybills: ${name} answered ${issued.trackingNo} for ${request.orderId}, a number the hub holds for ${held.order_id}`);
        return failed(request.orderId, 'duplicate', msg('hubWaybills.numberTaken', { provider: waybillProviderLabel(name), trackingNo: issued.trackingNo }));
      }
      const payload: OpPayload<'waybill.issued'> = {
        orderId: request.orderId, requestKey: request.requestKey, provider: name, carrierCode: issued.carrierCode, trackingNo: issued.trackingNo,
        childNumbers: issued.childNumbers, childPrintData: issued.childPrintData ?? [], routing: issued.routing, printData: issued.printData,
        templateSize: issued.templateSize, providerRef: issued.providerRef ?? null, issuer: 'hub', at: w.now,
      };
      // A reply the log cannot carry (a field over its cap) is refused here, per order, not as a failed batch.
      if (readOp('waybill.issued', 1, payload).kind !== 'known') {
        log(`hub: waybills: ${name} answer for ${request.orderId} (${issued.trackingNo}) does not fit a waybill.issued entry`);
        return failed(request.orderId, 'invalid', msg('hubWaybills.unrecordable', { provider: waybillProviderLabel(name), trackingNo: issued.trackingNo }));
      }
      const hubSeq = w.appendHubEntry('waybill.issued', payload);
      await insertIssued(w.trx, {
        carrier_code: issued.carrierCode, tracking_no: issued.trackingNo, provider: name, order_id: request.orderId, request_key: request.requestKey,
        provider_ref: issued.providerRef ?? null, hub_seq: hubSeq, issued_at: w.now,
      }, issued.childNumbers);
      return { orderId: request.orderId, ok: true as const, trackingNo: issued.trackingNo, carrierCode: issued.carrierCode, hubSeq };
    });
  }

  /** issueOne, after any call under way for the same key (in this or another request) has finished. */
  async function issueSerialised(name: WaybillProviderName, provider: WaybillProvider, request: HubWaybillRequest): Promise<HubIssueResult> {
    const key = `${name}\u0000${request.requestKey}`;
    const before = inFlight.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => issueOne(name, provider, request));
    inFlight.set(key, mine);
    try {
      return await mine;
    } finally {
      if (inFlight.get(key) === mine) inFlight.delete(key);
    }
  }

  // ---- cancels ----
  let round: Promise<CancelRound> | null = null;
  let again = false;

  async function runCancels(): Promise<CancelRound> {
    const out: CancelRound = { done: [], failed: [] };
    let accounts: WaybillKeys;
    try {
      accounts = readHubWaybillKeys(deps.dataDir);
    } catch {
      log('hub: waybills: the e-waybill accounts file cannot be read; cancels wait');
      return out;
    }
    for (const row of await dueCancels(db, now().toISOString())) {
      const name = row.provider as WaybillProviderName;
      const provider = waybillProviderNames.includes(name) ? waybillProviderFor(name, accounts, deps.providerTimeoutMs) : null;
      let outcome: 'cancelled' | 'not-found' | null = null;
      let error: Message | null = null;
      if (!provider) error = msg('hubWaybills.noAccount', { provider: waybillProviderNames.includes(name) ? waybillProviderLabel(name) : row.provider });
      else {
        try {
          await provider.cancel({ carrierCode: row.carrier_code, trackingNo: row.tracking_no, ...(await cancelReferences(db, row)) });
          outcome = 'cancelled';
        } catch (e) {
          if (e instanceof WaybillProviderError && e.kind === 'not-found') outcome = 'not-found';
          else if (e instanceof WaybillProviderError) error = e.msg;
          else {
            log(`hub: waybills: cancel of ${row.tracking_no} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
            error = msg('hubWaybills.providerFailed', { provider: waybillProviderLabel(name) });
          }
        }
      }
      if (outcome) {
        const done = outcome;
        const hubSeq = await withLogWriter(db, now, async (w) => {
          const seq = w.appendHubEntry('waybill.cancelled', { trackingNo: row.tracking_no, outcome: done, issuer: 'hub', at: w.now });
          await markCancelled(w.trx, row, done);
          return seq;
        });
        out.done.push({ trackingNo: row.tracking_no, outcome: done, hubSeq });
      } else {
        const nextAt = new Date(now().getTime() + cancelBackoffMs(row.cancel_attempts)).toISOString();
        await recordCancelFailure(db, row, error!, nextAt);
        log(`hub: waybills: cancel of ${row.tracking_no} at ${row.provider} failed (${error!.key}); next try ${nextAt}`);
        out.failed.push({ trackingNo: row.tracking_no, msg: error!, nextAt });
      }
    }
    return out;
  }

  function sendCancelsNow(): Promise<CancelRound> {
    // One round at a time: a slow provider must not stack rounds; a kick during one runs another after it.
    round ??= runCancels().finally(() => {
      round = null;
      if (again) {
        again = false;
        void sendCancelsNow().catch((e: unknown) => log(`hub: waybills: cancel round failed: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
    return round;
  }

  return {
    async issue(body) {
      const provider = providerOrRefuse(body.provider);
      const limit = pLimit(ISSUE_CONCURRENCY);
      const results = await Promise.all(body.requests.map((request) => limit(() => issueSerialised(body.provider, provider, request))));
      return { results };
    },
    providers() {
      const accounts = keys();
      const providers = waybillProviderNames.flatMap((name) => {
        const p = waybillProviderFor(name, accounts);
        return p ? [{ name, carriers: [...p.carriers()].slice(0, 100) }] : [];
      });
      return { providers };
    },
    check: (name) => checkAccount(name, providerOrRefuse(name), log),
    sendCancelsNow,
    kick() {
      if (round) again = true;
      else void sendCancelsNow().catch((e: unknown) => log(`hub: waybills: cancel round failed: ${e instanceof Error ? e.message : String(e)}`));
    },
    async settle() {
      again = false;
      await round?.catch(() => undefined);
    },
  };
}

/** Asks the provider to check the account (its cheapest call); the answer says OK or why not, never a key. */
export async function checkAccount(name: WaybillProviderName, provider: WaybillProvider, log: (line: string) => void): Promise<{ ok: boolean; msg: Message | null }> {
  try {
    await provider.check();
    return { ok: true, msg: null };
  } catch (error) {
    if (error instanceof WaybillProviderError) return { ok: false, msg: error.msg };
    log(`hub: waybills: ${name} check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, msg: msg('hubWaybills.providerFailed', { provider: waybillProviderLabel(name) }) };
  }
}

export type AccountCheck = { provider: WaybillProviderName; carriers: string[]; ok: boolean; msg: Message | null };

/** Checks each account in the hub's keys file (or only `only`), one provider after the other: packdesk providers test --hub. */
export async function checkHubWaybillAccounts(dataDir: string, only: WaybillProviderName | null, log: (line: string) => void = () => {}): Promise<AccountCheck[]> {
  const accounts = readHubWaybillKeys(dataDir);
  const out: AccountCheck[] = [];
  for (const name of waybillProviderNames) {
    if (only !== null && name !== only) continue;
    const provider = waybillProviderFor(name, accounts);
    if (!provider) continue;
    out.push({ provider: name, carriers: [...provider.carriers()], ...(await checkAccount(name, provider, log)) });
  }
  return out;
}
