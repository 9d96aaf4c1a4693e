import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import { jsonBytes, PARKED_MAX_BYTES, producerOf, type OpPayload } from '#shared/ops/index';
import { readEntry, type LogRow, type RejectedRow } from './reference-model';
import type { SimWorld } from './sim-world';

/**
 * Invariants 17, 19 and 20 (see invariants.ts): what the hub refuses stays out of the log and is
 * flagged once per push, no entry stops any station's pull, and every entry in the log reads as
 * its own op module says.
 */
export type Fail = (invariant: number, message: string) => void;

/** Injected kinds the hub must refuse, whatever else happens. */
const REFUSED_KINDS = new Set(['poison', 'forged', 'byzantine']);

export function checkRefusals(world: SimWorld, log: readonly LogRow[], rejected: readonly RejectedRow[], fail: Fail): void {
  const refusedAt = new Map(rejected.map((r) => [`${r.stationId}|${r.stationSeq}`, r]));
  const loggedAt = new Set(log.map((e) => `${e.stationId}|${e.stationSeq}`));
  for (const s of world.stations) {
    const seqOf = s.db.prepare('SELECT station_seq FROM outbox WHERE op_id = ?').pluck();
    for (const { opId, kind } of s.injected) {
      if (!REFUSED_KINDS.has(kind)) continue;
      const seq = seqOf.get(opId) as number | undefined;
      if (seq === undefined) continue; // a crash took it before it was committed
      if (loggedAt.has(`${s.stationId}|${seq}`)) fail(17, `s${s.index}: ${kind} op #${seq} entered the log`);
      else if (!refusedAt.has(`${s.stationId}|${seq}`)) fail(17, `s${s.index}: ${kind} op #${seq} was never refused`);
    }
    const answers = s.db.prepare('SELECT station_seq AS seq, hub_seq AS hubSeq, outcome FROM outbox WHERE station_seq = ?');
    for (const r of rejected.filter((x) => x.stationId === s.stationId)) {
      const row = answers.get(r.stationSeq) as { seq: number; hubSeq: number | null; outcome: string | null } | undefined;
      if (row && (row.outcome !== 'rejected' || row.hubSeq !== null)) fail(17, `s${s.index}: op #${r.stationSeq} was refused, its outbox says ${row.hubSeq}/${row.outcome}`);
    }
    // A refused op holds up nothing behind it.
    const firstRefused = Math.min(...rejected.filter((x) => x.stationId === s.stationId).map((x) => x.stationSeq));
    const later = s.db.prepare('SELECT station_seq AS seq FROM outbox WHERE station_seq > ?').all(Number.isFinite(firstRefused) ? firstRefused : Number.MAX_SAFE_INTEGER) as { seq: number }[];
    const stuck = later.filter((o) => !loggedAt.has(`${s.stationId}|${o.seq}`) && !refusedAt.has(`${s.stationId}|${o.seq}`));
    if (stuck.length > 0) fail(17, `s${s.index}: ${stuck.length} ops after its refused op #${firstRefused} never reached the hub`);
  }
  checkRefusalFlags(world, log, rejected, fail);
}

/**
 * One op.rejected flag per push that refused anything, not one per op: a faulty bench cannot flood
 * the supervisors' list. A push is one transaction at one hub time, so its refused ops and its flag
 * share that time; the flag names only ops that push refused, and no op is named twice.
 */
function checkRefusalFlags(world: SimWorld, log: readonly LogRow[], rejected: readonly RejectedRow[], fail: Fail): void {
  const refusedIn = new Map<string, RejectedRow[]>();
  for (const r of rejected) refusedIn.set(`${r.stationId}|${r.receivedAt}`, [...(refusedIn.get(`${r.stationId}|${r.receivedAt}`) ?? []), r]);
  const flagsIn = new Map<string, OpPayload<'flag.raised'>[]>();
  const named = new Set<string>();
  for (const e of log) {
    if (e.stationId !== HUB_AUTHOR || e.type !== 'flag.raised') continue;
    const f = e.payload as OpPayload<'flag.raised'>;
    if (f.kind !== 'op.rejected') continue;
    const [station, ...more] = f.stationIds;
    if (station === undefined || more.length > 0) {
      fail(17, `hub_seq ${e.hubSeq}: an op.rejected flag names stations ${f.stationIds.join(', ')}, not the one that pushed`);
      continue;
    }
    const key = `${station}|${e.createdAt}`;
    flagsIn.set(key, [...(flagsIn.get(key) ?? []), f]);
    const refused = new Set((refusedIn.get(key) ?? []).map((r) => r.opId));
    if (refused.size === 0) fail(17, `hub_seq ${e.hubSeq}: an op.rejected flag for ${station} at ${e.createdAt}, when the hub refused nothing of it`);
    for (const id of f.opIds) {
      if (!refused.has(id)) fail(17, `hub_seq ${e.hubSeq}: an op.rejected flag names ${id}, which that push did not refuse`);
      if (named.has(id)) fail(17, `op ${id} is named by two op.rejected flags`);
      named.add(id);
    }
  }
  const stationIndex = new Map(world.stations.map((s) => [s.stationId, s]));
  for (const [key, rows] of refusedIn) {
    const flags = flagsIn.get(key)?.length ?? 0;
    const [stationId, at] = [rows[0]!.stationId, rows[0]!.receivedAt];
    if (flags === 0) fail(17, `${stationId}: ${rows.length} op(s) refused at ${at} and no op.rejected flag`);
    const pushes = stationIndex.get(stationId)?.link.answers.filter((a) => a.hubTime === at && a.rejected > 0).length ?? 0;
    if (flags > pushes) fail(17, `${stationId}: ${flags} op.rejected flags at ${at} for ${pushes} push(es) that refused anything (${rows.length} ops)`);
  }
}

/** 19. No entry stops anyone's pull: every honest cursor reaches the head; nothing is kept unapplied. */
export function checkStationsReachHead(world: SimWorld, head: number, fail: Fail): void {
  for (const s of world.stations) {
    const cursor = world.cursorOf(s);
    if (!s.byzantine && cursor !== head) fail(19, `s${s.index}'s cursor is at ${cursor}, the hub's head at ${head}`);
    const kept = s.db.prepare("SELECT hub_seq AS hubSeq, reason FROM pending_unknown WHERE waiting_for = 'unapplicable'").all() as { hubSeq: number; reason: string | null }[];
    for (const k of kept) fail(19, `s${s.index} could not apply entry ${k.hubSeq}: ${k.reason}`);
    const local = s.db.prepare("SELECT count(*) FROM flags WHERE kind = 'sync.entry-unapplied'").pluck().get() as number;
    if (local > 0) fail(19, `s${s.index} raised ${local} sync.entry-unapplied flag(s)`);
  }
}

/** 20. Every entry reads as its own op module says: station ops known (or unknown, small and parked), hub entries known and the hub's own. */
export function checkLogSchema(log: readonly LogRow[], fail: Fail): void {
  for (const e of log) {
    const read = readEntry(e);
    const what = `hub_seq ${e.hubSeq} (${e.type} v${e.version} from ${e.stationId})`;
    if (read.kind === 'invalid') fail(20, `${what} fails its schema: ${JSON.stringify(read.reason)}`);
    else if (read.kind === 'unknown') {
      if (e.stationId === HUB_AUTHOR) fail(20, `${what}: the hub wrote an op it does not know`);
      else if (e.outcome !== 'parked' || jsonBytes(e.payload) > PARKED_MAX_BYTES) fail(20, `${what}: unknown, ${e.outcome}, ${jsonBytes(e.payload)} bytes`);
    } else if ((producerOf(read.type, read.payload as never) === 'hub') !== (e.stationId === HUB_AUTHOR)) {
      fail(20, `${what}: ${e.stationId === HUB_AUTHOR ? 'the hub wrote a station op' : 'a station wrote an op only the hub writes'}`);
    }
    if (e.outcome === 'rejected') fail(20, `${what} is in the log as rejected`);
  }
}
