import { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import type { HubPool } from '#shared/contract/hub.contract';
import {
  defaultInboxSettings, INBOX_CAP, inboxKinds, inboxSettingsSchema, type InboxBench, type InboxCounts, type InboxKind, type InboxResolution, type InboxRow,
  type InboxSettings,
} from '#shared/contract/inbox.contract';
import { msg } from '#shared/i18n/message';
import type { OpPayload } from '#shared/ops/index';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { SettingsRepo } from '../settings/settings.repo';
import type { Actor } from '../session/session.service';
import { flagMessage } from '../sync/flag-people';
import { isLocalFlag } from '../sync/flags.repo';
import {
  auditRow, damageRow, deadlineRow, deskLockedRow, exceptionRow, handoverRow, kindOfException, kindOfFlag, lowStockRow, negativeRow, poolRow, stopRow, type RowContext,
} from './inbox-rows';
import { conflictFlagRow } from './conflict-rows';
import { createInboxRefs, type ReadableRef } from './inbox-refs';
import { createInboxResolvers } from './inbox-resolvers';
import { AUDITED, createInboxSourcesRepo } from './inbox-sources.repo';
import { createLowStockWatch, createNegativeStockWatch, createOwnPoolLevels, type PoolLevel } from './shop-levels';
import { createTrackingExceptions, trackingKinds, trackingRow } from './tracking-exceptions';
import { CANCEL_STUCK_MS, waybillCancelRow, waybillFetchRow } from './waybill-exceptions';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A force-verify or binding no one looked at within two weeks leaves the inbox (the audit view keeps it). */
const AUDIT_WINDOW_MS = 14 * DAY_MS;
/** A parcel is worth stopping for a month after its order turned; an order late by more than a day is the Orders screen's. */
const STOP_WINDOW_MS = 30 * DAY_MS;
const LATE_WINDOW_MS = DAY_MS;
/** A low pool, a SKU below zero or at its 安全库存 dismissed comes back after a day if it still is. */
const SNOOZE_MS = DAY_MS;
/** How long the hub's desk keeps a name's phone login locked (desk-login.ts DESK_LOCK_MS): the row lasts as long. */
const DESK_LOCK_MS = DAY_MS;

const storedSettings = inboxSettingsSchema.catch(defaultInboxSettings);
const rank = new Map<InboxKind, number>(inboxKinds.map((k, i) => [k, i]));

export type InboxDeps = {
  db: Db;
  recorder: OpRecorder;
  settings: SettingsRepo;
  /** How far this bench has pulled the shop's log: a save of the thresholds says what it had seen. */
  syncCursor: () => number;
  /** This station, a bench by its id, and whether a hub orders the shop. */
  stationId: () => string;
  bench: (stationId: string) => Omit<InboxBench, 'id'>;
  paired: () => boolean;
  /** The hub's pools as of the last pull (paired benches), or null. */
  hubPools: () => { at: string; pools: HubPool[] } | null;
  /** Closes a flag only this bench raised (an entry it could not apply). */
  resolveLocalFlag: (flagId: string, note: string) => void;
  now?: () => number;
};

/**
 * The exceptions inbox: one list of what needs a human, from every bench, the same at each after
 * sync. Rows are read from the replicated tables (flags, damage reports, the audit log, bench
 * exceptions, orders, parcels) and closed by ops every bench applies (flag.resolved,
 * inbox.resolved), so no bench keeps a list of its own.
 */
export function createInboxService(deps: InboxDeps) {
  const { db, recorder } = deps;
  const now = deps.now ?? Date.now;
  const repo = createInboxSourcesRepo(db);
  const negativeStock = createNegativeStockWatch(db);
  const lowStock = createLowStockWatch(db);
  const ownPools = createOwnPoolLevels(db);
  const trackingExceptions = createTrackingExceptions(db);
  const refs = createInboxRefs(db);
  const resolvers = createInboxResolvers(db, (id) => {
    const b = deps.bench(id);
    return b.thisBench ? null : b.name;
  });
  /** What a closed row was about, read again when listed: the row itself is gone. */
  const about = ({ orderExternalId, skuCode, trackingNo }: ReadableRef) => ({ orderExternalId, skuCode, trackingNo });
  const settings = (): InboxSettings => deps.settings.get('inbox', storedSettings);

  /** The shop's numbers per carrier: the hub's count when paired (and told), else this bench's pool. */
  function poolLevels(threshold: number, nowMs: number): PoolLevel[] {
    const hub = deps.paired() ? deps.hubPools() : null;
    if (!hub) return ownPools(threshold, new Date(nowMs).toISOString());
    return hub.pools.map((p) => ({ carrierCode: p.carrierCode, left: p.free + p.held, free: p.free, held: p.held, at: hub.at }));
  }

  const snoozed = (key: string, nowMs: number) => {
    const at = repo.resolvedAt(key);
    return at !== undefined && nowMs - Date.parse(at) < SNOOZE_MS;
  };

  /**
   * What every source holds open now, as read (no row built yet: the badge only counts), and
   * whether a source had more than it read.
   */
  function read() {
    const nowMs = now();
    const { deadlineRiskHours, poolLowFree, noPickupHours, stalledHours } = settings();
    const trackingHours = { noPickupHours, stalledHours };
    const tracking = trackingExceptions(nowMs, trackingHours, INBOX_CAP);
    const iso = (ms: number) => new Date(ms).toISOString();
    const src = {
      nowMs, poolLowFree, trackingHours, tracking: tracking.flat(),
      flags: repo.openFlags(INBOX_CAP),
      damage: repo.openDamage(INBOX_CAP),
      audit: repo.audited(iso(nowMs - AUDIT_WINDOW_MS), INBOX_CAP),
      deskLocks: repo.deskLocks(iso(nowMs - DESK_LOCK_MS), INBOX_CAP),
      exceptions: repo.openExceptions(INBOX_CAP),
      deadlines: repo.deadlines(iso(nowMs - LATE_WINDOW_MS), iso(nowMs + deadlineRiskHours * HOUR_MS), INBOX_CAP),
      stops: repo.stops(iso(nowMs - STOP_WINDOW_MS), INBOX_CAP),
      handoverMissing: repo.handoverParcels('missing', INBOX_CAP),
      handoverIntercepted: repo.handoverParcels('intercepted', INBOX_CAP),
      waybillFetch: repo.waybillFetchFailures(INBOX_CAP),
      waybillCancels: repo.waybillCancelsStuck(iso(nowMs - CANCEL_STUCK_MS), INBOX_CAP),
      pools: poolLevels(poolLowFree, nowMs).filter((p) => p.left < poolLowFree && !snoozed(`pool:${p.carrierCode}`, nowMs)),
      // Paired, the hub flags stock going below zero (stock.negative); alone, the bench sees it itself.
      negative: deps.paired() ? [] : negativeStock().filter((n) => !snoozed(`negative:${n.skuCode}`, nowMs)),
      // Thresholds and the ledger are the shop's at every bench: each bench sees the same low SKUs, paired or alone.
      low: lowStock().filter((n) => !snoozed(`low:${n.skuCode}`, nowMs)).slice(0, INBOX_CAP),
    };
    // A parcel a handover kept back because its order turned is one thing to do (void its label), not
    // two red rows: the handover's row, which says where the parcel is, stands for the order's stop.
    const keptBack = new Set(src.handoverIntercepted.map((p) => p.tracking_no));
    src.stops = src.stops.filter((s) => !keptBack.has(s.tracking_no));
    const capped = [src.flags, src.damage, src.audit, src.deskLocks, src.exceptions, src.deadlines, src.stops, ...tracking, src.handoverMissing, src.handoverIntercepted, src.waybillFetch, src.waybillCancels, src.low].some(
      (r) => r.length >= INBOX_CAP,
    );
    return { ...src, capped };
  }
  type Read = ReturnType<typeof read>;

  /** The rows, alarms first, then by kind, newest first (deadlines soonest first). */
  function rowsOf(src: Read): InboxRow[] {
    const c: RowContext = { bench: (id) => ({ id, ...deps.bench(id) }), userName: repo.userName, person: resolvers.person, nowMs: src.nowMs };
    const rows = [
      ...src.flags.map((f) => conflictFlagRow(f, c, repo)), ...src.damage.map((r) => damageRow(r, c)), ...src.audit.map((a) => auditRow(a, c)),
      ...src.deskLocks.map((a) => deskLockedRow(a, DESK_LOCK_MS)),
      ...src.exceptions.map((e) => exceptionRow(e, c)), ...src.deadlines.map((o) => deadlineRow(o, c)), ...src.stops.map(stopRow),
      ...src.pools.map((p) => poolRow(p, src.poolLowFree)), ...src.negative.map(negativeRow), ...src.low.map(lowStockRow),
      ...src.tracking.map((t) => trackingRow(t, src.nowMs, src.trackingHours)),
      ...src.handoverIntercepted.map((p) => handoverRow(p, 'intercepted', c)), ...src.handoverMissing.map((p) => handoverRow(p, 'missing', c)),
      ...src.waybillFetch.map((f) => waybillFetchRow(f, c.bench(deps.stationId()))), ...src.waybillCancels.map(waybillCancelRow),
    ];
    return rows.sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === 'alarm' ? -1 : 1) ||
        rank.get(a.kind)! - rank.get(b.kind)! ||
        (a.kind === 'deadline-risk' ? (a.at < b.at ? -1 : 1) : a.at < b.at ? 1 : a.at > b.at ? -1 : 0),
    );
  }

  /** Rows by kind: what a bench filter's chips say (the badge's counts stay the shop's). */
  function rowCounts(rows: readonly InboxRow[], capped: boolean): InboxCounts {
    const byKind: Partial<Record<InboxKind, number>> = {};
    for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    return { total: rows.length, byKind, capped };
  }

  function countsOf(src: Read): InboxCounts {
    const byKind: Partial<Record<InboxKind, number>> = {};
    const add = (kind: InboxKind, n = 1) => {
      if (n > 0) byKind[kind] = (byKind[kind] ?? 0) + n;
    };
    for (const f of src.flags) add(kindOfFlag(f.kind));
    for (const a of src.audit) add(AUDITED[a.action]);
    for (const e of src.exceptions) add(kindOfException(e.kind));
    add('damage', src.damage.length);
    add('desk-locked', src.deskLocks.length);
    add('deadline-risk', src.deadlines.length);
    add('parcel-stop', src.stops.length);
    add('pool-low', src.pools.length);
    add('stock-negative', src.negative.length);
    add('stock-low', src.low.length);
    for (const t of src.tracking) add(trackingKinds[t.what]);
    add('handover-intercepted', src.handoverIntercepted.length);
    add('handover-missing', src.handoverMissing.length);
    add('waybill-fetch-failed', src.waybillFetch.length);
    add('waybill-cancel-stuck', src.waybillCancels.length);
    return { total: Object.values(byKind).reduce((n, k) => n + k, 0), byKind, capped: src.capped };
  }

  return {
    list(filter: { kind: InboxKind | null; bench: string | null; limit: number }) {
      const src = read();
      const rows = rowsOf(src);
      const benches = new Map<string, InboxBench>();
      for (const r of rows) for (const b of r.benches) benches.set(b.id, b);
      const atBench = filter.bench === null ? rows : rows.filter((r) => r.benches.some((b) => b.id === filter.bench));
      const shown = atBench.filter((r) => filter.kind === null || r.kind === filter.kind);
      return {
        rows: shown.slice(0, filter.limit),
        counts: countsOf(src),
        ...(filter.bench === null ? {} : { benchCounts: rowCounts(atBench, src.capped) }),
        benches: [...benches.values()].sort((a, b) => (a.thisBench ? -1 : b.thisBench ? 1 : a.name.localeCompare(b.name))),
      };
    },
    counts: (): InboxCounts => countsOf(read()),
    /**
     * Closes an open row with a note: a flag through flag.resolved (one only this bench raised, here
     * alone), a damage report only by deciding it, anything else through inbox.resolved.
     */
    resolve(key: string, note: string, actor: Actor): void {
      const row = rowsOf(read()).find((r) => r.key === key);
      if (!row) {
        if (repo.resolvedAt(key) !== undefined || (key.startsWith('flag:') && repo.flag(key.slice(5))?.resolution)) {
          throw new AppError('CONFLICT', msg('inbox.alreadyResolved'));
        }
        throw new AppError('NOT_FOUND', msg('inbox.notFound', { key }));
      }
      if (row.closes === 'decide') throw new AppError('CONFLICT', msg('inbox.decideDamage'));
      // A flag row's key names its flag (its refId may name what it is about: a damage report).
      const flagId = key.slice('flag:'.length);
      inTransaction(db, () => {
        if (row.closes === 'flag' && isLocalFlag(flagId)) deps.resolveLocalFlag(flagId, note);
        else if (row.closes === 'flag') recorder.record('flag.resolved', { flagId, resolution: note }, { actor });
        else recorder.record('inbox.resolved', { key, kind: row.kind as OpPayload<'inbox.resolved'>['kind'], note }, { actor });
      });
    },
    /** Rows closed lately (inbox resolutions and flags), newest first. */
    resolved(limit: number): InboxResolution[] {
      const bench = (id: string): InboxBench => ({ id, ...deps.bench(id) });
      const notes: InboxResolution[] = repo.resolutions(limit).map((r) => {
        const { by, authorizedBy } = resolvers.row(r.key, r.at, r.resolved_by);
        return {
          key: r.key, kind: z.enum(inboxKinds).catch('sync-conflict').parse(r.kind), note: r.note, at: r.at, bench: bench(r.station_id), evidence: null,
          by, authorizedBy, ...about(refs.key(r.key)),
        };
      });
      const flags: InboxResolution[] = repo.resolvedFlags(limit).map((f) => {
        const { by, authorizedBy, stationId } = resolvers.flag(f.flag_id, f.resolved_at);
        return {
          key: `flag:${f.flag_id}`, kind: kindOfFlag(f.kind), note: f.resolution, at: f.resolved_at, bench: stationId === null ? null : bench(stationId),
          by, authorizedBy, evidence: flagMessage(f.detail, repo.userName), ...about(refs.flag(f.flag_id)),
        };
      });
      return [...notes, ...flags].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, limit);
    },
    settings,
    saveSettings(next: InboxSettings, actor: Actor): InboxSettings {
      inTransaction(db, () => recorder.record('inbox.settings-saved', { ...next, seenHubSeq: deps.syncCursor() }, { actor }));
      return settings();
    },
  };
}
export type InboxService = ReturnType<typeof createInboxService>;
