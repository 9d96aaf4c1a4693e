import { trackingStates, trackingSources, type TrackingEvent, type TrackingSource, type TrackingState } from './tracking';

/**
 * How the tracking updates of one parcel add up, whatever order they arrive in (the hub polls and
 * takes pushes, a supervisor imports a file, benches pull late): every bench that has seen the
 * same updates shows the same parcel. The newest update (by the time it was read) says where the
 * parcel is, but the journey never goes back (accepted → in transit → out for delivery →
 * delivered) except to returned or problem, which the newest update may say at any time.
 */

/** The states of the forward journey, by rank (returned and problem stand outside it). */
const PROGRESS: Readonly<Partial<Record<TrackingState, number>>> = { accepted: 1, 'in-transit': 2, 'out-for-delivery': 3, delivered: 4 };
const BY_RANK: readonly (TrackingState | null)[] = [null, 'accepted', 'in-transit', 'out-for-delivery', 'delivered'];

export const progressRank = (state: TrackingState | null): number => (state === null ? 0 : (PROGRESS[state] ?? 0));

/** A time as UTC ISO with milliseconds, so times written with an offset compare and dedupe; unreadable text stays as it is. */
export function utcTime(at: string): string {
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : at;
}

/**
 * A total order over updates: the read time first, then the payload's own fields, so two
 * updates read at the same instant still pick the same winner at every bench.
 */
export function updateKey(u: { at: string; state: TrackingState | null; source: TrackingSource; destCity: string; reportedCarrier: string | null }): string {
  const state = u.state === null ? 0 : trackingStates.indexOf(u.state) + 1;
  return [utcTime(u.at), state, trackingSources.indexOf(u.source), u.reportedCarrier ?? '', u.destCity].join('|');
}

/** What a parcel's row keeps to merge the next update: the newest update's state and the furthest the parcel got. */
export type TrackingFold = { latestState: TrackingState | null; progress: number };

/** The state shown: returned or problem when the newest update says so, else the furthest point of the journey. */
export function shownState(f: TrackingFold): TrackingState | null {
  if (f.latestState === 'returned' || f.latestState === 'problem') return f.latestState;
  return BY_RANK[Math.max(progressRank(f.latestState), f.progress)] ?? null;
}

/** The furthest point of the journey an update shows, from its state and its events. */
export function progressOf(u: { state: TrackingState | null; events: readonly Pick<TrackingEvent, 'state'>[] }): number {
  return u.events.reduce((n, e) => Math.max(n, progressRank(e.state)), progressRank(u.state));
}

/** Events newest first, once per time and text; the same set whatever order they were merged in. */
export function sortEvents<E extends TrackingEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.at === b.at ? (a.text < b.text ? 1 : a.text > b.text ? -1 : 0) : a.at < b.at ? 1 : -1));
}
