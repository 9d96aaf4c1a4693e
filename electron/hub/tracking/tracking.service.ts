import type { Kysely } from 'kysely';
import type { Message } from '#shared/i18n/message';
import type { HubTables } from '../store/hub-schema';
import { withLogWriter } from '../sync/hub-log.repo';
import { dueParcels, firstHandoverAt, ingestPrinted, parcelByNumber, providerUse, recordReport, saveProviderUse, saveSchedule, type Change, type TrackedRow } from './tracking.repo';
import { providersFrom, readTrackingKeys, type ConfiguredProvider } from './tracking-keys';
import { isTrackable, MIN_GAP_MS, nextAfterFailure, nextAfterNews, nextAfterNoTrace, pausesProvider, providerPauseUntil, RESUBSCRIBE_AFTER_MS } from './tracking-schedule';
import { failure, TrackingProviderError, type ProviderName, type ProviderReply, type TrackReport } from './tracking-provider';

/** Parcels asked about in one round at most: a backlog drains over a few rounds, never in one burst. */
const ROUND_MAX = 200;

export type RoundFailure = { trackingNo: string; carrierCode: string; provider: ProviderName; kind: TrackingProviderError['kind']; message: Message };
export type RoundSummary = { asked: number; subscribed: number; changes: Change[]; failures: RoundFailure[]; configured: ProviderName[] };

export type TrackingService = {
  /** One round: reads new printed parcels from the log, asks the providers about those due, writes what changed. */
  pollRound(): Promise<RoundSummary>;
  /** A provider's push (the raw body as received); answers with the provider's documented ack. */
  handlePush(provider: ProviderName, body: Uint8Array): Promise<ProviderReply>;
};

type Deps = { db: Kysely<HubTables>; now: () => Date; log: (line: string) => void; dataDir: string | null };

/**
 * The hub's online tracking: the only part of Packdesk that talks to 快递100 / 快递鸟. What it
 * learns becomes tracking.updated entries in the hub's log, which every station pulls; stations
 * never need the internet. Keys are read from the private keys file each round, so keys entered
 * with the CLI apply without a restart; they never appear in a log line.
 */
export function createTrackingService(deps: Deps): TrackingService {
  const { db, now, log } = deps;
  let round: Promise<RoundSummary> | null = null;

  async function runRound(): Promise<RoundSummary> {
    const configured = providersFrom(readTrackingKeys(deps.dataDir));
    const summary: RoundSummary = { asked: 0, subscribed: 0, changes: [], failures: [], configured: configured.map((c) => c.provider.name) };
    if (configured.length === 0) return summary;
    await ingestPrinted(db, now());
    const use = new Map<ProviderName, { used: number; pausedUntil: string | null }>();
    for (const c of configured) use.set(c.provider.name, await providerUse(db, c.provider.name, now()));
    const firstHandover = await firstHandoverAt(db);
    try {
      for (const row of await dueParcels(db, now(), ROUND_MAX, firstHandover)) {
        if (!isTrackable({ printedAt: row.printed_at, handedOverAt: row.handed_over_at, final: row.final === 1 }, now(), firstHandover)) continue;
        const chosen = pick(configured, use, row);
        if (!chosen) continue;
        await ask(chosen, row, use.get(chosen.provider.name)!, summary);
      }
    } finally {
      for (const [name, u] of use) await saveProviderUse(db, name, now(), u.used, u.pausedUntil);
    }
    return summary;
  }

  /** The first provider (in the keys' order) that knows the carrier, is not resting and has calls left today. */
  function pick(configured: ConfiguredProvider[], use: Map<ProviderName, { used: number; pausedUntil: string | null }>, row: TrackedRow) {
    const at = now().toISOString();
    return configured.find((c) => {
      const u = use.get(c.provider.name)!;
      if (u.pausedUntil !== null && u.pausedUntil > at) return false;
      if (u.used >= c.dailyLimit) {
        u.pausedUntil = providerPauseUntil('quota', now());
        log(`hub: tracking: ${c.provider.name} reached its daily limit (${c.dailyLimit}); asking again tomorrow`);
        return false;
      }
      return c.provider.supports(row.carrier_code);
    });
  }

  async function ask(c: ConfiguredProvider, row: TrackedRow, u: { used: number; pausedUntil: string | null }, summary: RoundSummary): Promise<void> {
    const name = c.provider.name;
    // Never sooner than 30 min after the last ask, whatever the schedule said: 快递100 locks the number.
    if (row.last_asked_at !== null && now().getTime() - Date.parse(row.last_asked_at) < MIN_GAP_MS) return;
    const request = { carrierCode: row.carrier_code, trackingNo: row.tracking_no, phoneTail: row.phone_tail ?? '' };
    const asked = now().toISOString();
    u.used++;
    try {
      if (c.subscribes && row.subscribed_at === null) {
        await c.provider.subscribe(request);
        summary.subscribed++;
        await saveSchedule(db, row.shipment_id, { subscribed_at: asked, provider: name, last_asked_at: asked, next_at: nextAfterNews(now(), true), failures: 0, last_error: null });
        return;
      }
      const report = await c.provider.query(request);
      summary.asked++;
      const change = await record(row, name, report);
      if (change !== null && change !== 'stale') summary.changes.push(change);
      const noTrace = report.state === null && report.events.length === 0;
      await saveSchedule(db, row.shipment_id, {
        provider: name, last_asked_at: asked, last_error: noTrace ? 'no-trace' : null, failures: noTrace ? row.failures + 1 : 0,
        next_at: noTrace ? nextAfterNoTrace(now(), row.failures) : nextAfterNews(now(), row.subscribed_at !== null),
      });
    } catch (error) {
      const e = error instanceof TrackingProviderError ? error : failure('bad-reply', name, '', error instanceof Error ? error.message : '');
      if (!(error instanceof TrackingProviderError)) log(`hub: tracking: ${name} answer for ${row.tracking_no} not usable: ${e.message}`);
      if (e.kind !== 'no-trace') summary.failures.push({ trackingNo: row.tracking_no, carrierCode: row.carrier_code, provider: name, kind: e.kind, message: e.msg });
      if (pausesProvider(e.kind)) {
        u.pausedUntil = providerPauseUntil(e.kind, now());
        log(`hub: tracking: ${name} paused until ${u.pausedUntil}: ${e.kind} (${e.providerCode})`);
      }
      await saveSchedule(db, row.shipment_id, {
        last_asked_at: asked, last_error: e.kind, failures: row.failures + 1, next_at: nextAfterFailure(e.kind, now(), row.failures),
      });
    }
  }

  const record = (row: TrackedRow, provider: ProviderName, report: TrackReport) => withLogWriter(db, now, (w) => recordReport(w, row, provider, report));

  return {
    pollRound() {
      // One round at a time: a slow provider must not stack rounds on the timer.
      round ??= runRound().finally(() => (round = null));
      return round;
    },
    async handlePush(providerName, body) {
      const c = providersFrom(readTrackingKeys(deps.dataDir)).find((x) => x.provider.name === providerName);
      if (!c) {
        log(`hub: tracking: a ${providerName} push arrived but no ${providerName} keys are set; refused`);
        return providerName === 'kuaidi100'
          ? { status: 200, body: { result: false, returnCode: '500', message: 'not configured' } }
          : { status: 200, body: { Success: false, Reason: 'not configured' } };
      }
      const outcome = c.provider.receivePush(body, now());
      if (!outcome.ok) {
        log(`hub: tracking: ${providerName} push refused: ${outcome.error.kind}`);
        return outcome.ack;
      }
      await ingestPrinted(db, now());
      for (const pushed of outcome.reports) {
        const row = await parcelByNumber(db, pushed.trackingNo, pushed.carrierCode);
        if (!row) continue; // not a parcel this hub follows (voided, or another shop's): acknowledged, nothing written
        // Older than the trace already written (a replayed or late push): acknowledged, so the
        // provider stops re-sending it, and nothing changes, not even the subscription.
        if ((await record(row, providerName, pushed.report)) === 'stale') {
          log(`hub: tracking: a ${providerName} push for ${row.tracking_no} is older than the trace held; ignored`);
          continue;
        }
        await saveSchedule(
          db, row.shipment_id,
          pushed.stopped
            ? { subscribed_at: null, next_at: new Date(now().getTime() + RESUBSCRIBE_AFTER_MS).toISOString() }
            : { provider: providerName, failures: 0, last_error: null },
        );
      }
      return outcome.ack;
    },
  };
}
