import { create } from 'zustand';
import type { GuardSummary } from '#shared/contract/guard.contract';
import { beijingDay } from '#shared/domain/datetime';
import { guardWindow, standingOf, type GuardStanding } from '#shared/domain/ship-guard';
import { getApi } from '../../api/client';

type GuardStore = {
  /** The guard's numbers now (null until first read, or when the host refused: nobody logged in). */
  summary: GuardSummary | null;
  load(): Promise<void>;
};

/** The late-shipping guard's numbers, shared by the top bar's count, the bench's banner and the Orders strip. */
export const useGuardStore = create<GuardStore>()((set) => {
  let request = 0;
  return {
    summary: null,
    async load() {
      const mine = ++request;
      try {
        const summary = await getApi().call('guard.summary', {});
        if (mine === request) set({ summary });
      } catch {
        // The top bar shows nothing rather than a stale or wrong count; the next tick tries again.
        if (mine === request) set({ summary: null });
      }
    },
  };
});

/** "today 16:00" / "tomorrow 16:00" on the Beijing clock, as a catalog key and params. */
export function pickupLabel(s: Pick<GuardSummary, 'now' | 'pickupAt' | 'pickupTime'>): { key: 'guard.pickupToday' | 'guard.pickupTomorrow'; time: string } {
  const day = (iso: string) => beijingDay(Date.parse(iso));
  return { key: day(s.pickupAt) === day(s.now) ? 'guard.pickupToday' : 'guard.pickupTomorrow', time: s.pickupTime };
}

/** How an open order stands now against the summary's pickup and risk hours (late, misses the pickup, this pickup, due soon, fine). */
export function standingNow(deadline: string | null, s: GuardSummary, nowMs: number): GuardStanding {
  if (deadline === null) return 'ok';
  const pickupMs = Date.parse(s.pickupAt);
  // A summary read before the courier came is a minute stale at most; past its pickup, the next one counts.
  const w = nowMs < pickupMs
    ? { nowMs, riskUntilMs: nowMs + s.riskHours * 3_600_000, pickupMs, followingPickupMs: Date.parse(s.followingPickupAt) }
    : guardWindow(nowMs, { deadlineRiskHours: s.riskHours, pickupTime: s.pickupTime });
  return standingOf(Date.parse(deadline), w);
}
