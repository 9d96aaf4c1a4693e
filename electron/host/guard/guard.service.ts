import { GUARD_SOONEST, type GuardSummary } from '#shared/contract/guard.contract';
import type { InboxSettings } from '#shared/contract/inbox.contract';
import { guardWindow, pickupListUntil, type GuardWindow } from '#shared/domain/ship-guard';
import type { Db } from '../db/open-database';
import { AWAITING_HANDOVER, handoversSince } from './ship-time.sql';

// Open orders the bench can ship: a blocked one (refund, cancelled) must not leave at all.
const OPEN = "pack_state = 'open' AND blocked_reason IS NULL";

/**
 * The late-shipping guard (发货延迟): what is due, what is late, what must leave with the next
 * courier pickup, on the shop's Beijing clock. Counts come from the (pack_state, ship_deadline)
 * index; the settings are the shop's inbox thresholds, the same at every bench.
 */
export function createGuardService(deps: { db: Db; settings: () => InboxSettings; now?: () => number }) {
  const { db } = deps;
  const since = handoversSince(db);
  const q = {
    before: db.prepare(`SELECT count(*) FROM orders WHERE ${OPEN} AND ship_deadline < @until`).pluck(),
    soonest: db.prepare(`SELECT id AS orderId, external_id AS externalId, ship_deadline AS deadline FROM orders
      WHERE ${OPEN} AND ship_deadline < @until ORDER BY ship_deadline LIMIT ${GUARD_SOONEST}`),
    awaiting: db.prepare(`SELECT count(*) FROM (${AWAITING_HANDOVER})`).pluck(),
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const before = (ms: number) => q.before.get({ until: iso(ms) }) as number;

  return {
    /** The window now: risk bound, next pickup and the one after (for the orders list's filters too). */
    window(): GuardWindow {
      return guardWindow(deps.now?.() ?? Date.now(), deps.settings());
    },
    summary(): GuardSummary {
      const settings = deps.settings();
      const w = guardWindow(deps.now?.() ?? Date.now(), settings);
      const bound = Math.max(w.riskUntilMs, pickupListUntil(w));
      const handovers = since();
      return {
        now: iso(w.nowMs), riskHours: settings.deadlineRiskHours, pickupTime: settings.pickupTime,
        pickupAt: iso(w.pickupMs), followingPickupAt: iso(w.followingPickupMs),
        atRisk: before(w.riskUntilMs), late: before(w.nowMs), beforePickup: before(pickupListUntil(w)), missesPickup: before(w.pickupMs),
        awaitingHandover: handovers === '9999' ? 0 : (q.awaiting.get({ since: handovers, until: iso(pickupListUntil(w)) }) as number),
        soonest: q.soonest.all({ until: iso(bound) }) as GuardSummary['soonest'],
      };
    },
  };
}
export type GuardService = ReturnType<typeof createGuardService>;
