import { HUB_AUTHOR, PUSH_BATCH_MAX } from '#shared/contract/hub.contract';
import { checkDomainInvariants } from './invariants-domain';
import type { LogRow } from './reference-model';
import { readHubLog } from './reference-model';
import { checkCrashAtomicity } from './crash-atomicity';
import type { SimStation } from './sim-station';
import type { SimWorld } from './sim-world';

/**
 * The invariants of research/sync.md §9, checked on a simulated shop. Where each one is checked:
 *
 *  1 no lost ops ............ here: every op the harness saw committed in any outbox (read after every
 *                             step, crashes included) is in hub_log exactly once, under its station and seq.
 *  2 no duplicates .......... here: op_id and (station, seq) unique in hub_log; every delivery of a push
 *                             (duplicates, stale replays, lost responses) saw the same hub_seq and outcome
 *                             within one epoch, and the current epoch's answers match the log and each outbox.
 *  3 per-station order ...... here: each station's seqs in hub_log are exactly 1..k, in hub_seq order.
 *  4 cursor safety .......... here: hub_seq is 1..head without gaps; each cursor ≤ head; every entry at or
 *                             below a station's cursor is applied there (sync_applied) or parked.
 *  5 crash atomicity ........ crash-atomicity.ts, right after every restart and at the end: outbox seqs gap-free with the
 *                             AUTOINCREMENT counter at max; each own shipment/claim/stock row has its op and back.
 *  6 claims ................. domain: every claim after the first by another station has a claim.conflict
 *                             flag naming it; winners equal the model's (via 12).
 *  7 double ship ............ domain: ≥ 2 live shipment groups of an order ⇒ a ship.double flag; no shipment
 *                             the harness saw made is missing at the hub or any station.
 *  8 inventory .............. domain: hub balance = Σ its ledger = the model's (which recomputes every count
 *                             from its basis); every shipment group has its decrement in the log.
 *  9 status monotonicity .... sim-world, after every step: no station's (generation, rank) ever goes down
 *                             (the hub's, except across a restore); ship-after-cancel flags via the model.
 * 10 waybill uniqueness ..... domain: no number leased to two stations in any epoch; every number used was
 *                             leased to the station using it; no number on two shipments; every printed
 *                             label is a shipment the hub holds; no waybill.reused / not-leased flags.
 * 11 append-only reports .... domain: one payload per report id; decisions only from supervisor stations;
 *                             each station shows the hub's last decision; blind conflicts flagged (model).
 * 12 convergence ........... domain: every station's projection digest = the hub's = the model's; the model
 *                             also re-decides every outcome and flag (reference-model problems).
 * 13 epoch safety .......... 1 and 12 after restores, and every station ends on the hub's current epoch.
 * 14 mixed versions ........ domain: an injected newer op is parked at the hub and waits in every station's
 *                             pending_unknown while its cursor passes it; an old-version op is accepted (upcast).
 * 15 clock independence .... skew/backward-jump commands run in every property run (all of the above must
 *                             still hold) and a scenario compares skewed and unskewed final states.
 * 16 queues drain .......... here: quiescence within a bounded number of rounds; nothing waits for a record.
 * 17 no poison blocking .... here: an unreadable op is rejected and every later op of its station is logged.
 * 18 bounded requests ...... here: no push carried more than PUSH_BATCH_MAX ops; no 400/413 answer.
 *                            (The 10k backlog itself is a scenario in sync-scenarios.test.ts.)
 * Not checked: 10's "after simulated power loss" (needs LazyFS, layer 3 of §8); 9's cancellation arriving
 * from the platform (the simulator does not re-import cancelled orders).
 */
export type Finding = { invariant: number; message: string };

export type Quiescence = { quiet: boolean; rounds: number };

/** Every invariant at the end of a run (after quiescence); returns what failed, never throws. */
export async function checkInvariants(world: SimWorld, quiescence: Quiescence): Promise<Finding[]> {
  const findings: Finding[] = world.violations.map((v) => ({ invariant: v.invariant, message: `step ${v.step}: ${v.message}` }));
  const fail = (invariant: number, message: string) => findings.push({ invariant, message });
  const log = readHubLog(world.hubDb);
  const head = await world.head();

  if (!quiescence.quiet) fail(16, `no quiescence after ${quiescence.rounds} rounds: ${world.stations.map((s) => `s${s.index} unconfirmed ${world.unconfirmed(s)} cursor ${world.cursorOf(s)}`).join(', ')} head ${head}`);
  checkLog(world, log, head, fail);
  for (const s of world.stations) {
    checkCrashAtomicity(s, fail);
    checkCursor(s, log, world.cursorOf(s), head, fail);
    const waiting = s.db.prepare("SELECT hub_seq, waiting_for FROM pending_unknown WHERE waiting_for != 'upgrade'").all() as { hub_seq: number; waiting_for: string }[];
    for (const w of waiting) fail(16, `s${s.index}: entry ${w.hub_seq} still waits for ${w.waiting_for}`);
    const refusals = s.link.stats.refusals;
    if (s.link.stats.maxPushOps > PUSH_BATCH_MAX) fail(18, `s${s.index} pushed ${s.link.stats.maxPushOps} ops in one request`);
    for (const r of refusals) fail(18, `s${s.index}: hub answered ${r.status} to ${r.path}: ${r.message}`);
  }
  findings.push(...(await checkDomainInvariants(world, log)));
  return findings;
}

function checkLog(world: SimWorld, log: readonly LogRow[], head: number, fail: (n: number, m: string) => void) {
  log.forEach((e, i) => {
    if (e.hubSeq !== i + 1) fail(4, `hub_log has hub_seq ${e.hubSeq} at position ${i + 1}: not gap-free`);
  });
  if (log.length !== head) fail(4, `hub head ${head} but ${log.length} entries`);

  const byOpId = new Map<string, LogRow[]>();
  for (const e of log) byOpId.set(e.opId, [...(byOpId.get(e.opId) ?? []), e]);
  for (const [opId, rows] of byOpId) if (rows.length > 1) fail(2, `op ${opId} is in hub_log ${rows.length} times`);

  const stationIdOf = new Map(world.stations.map((s) => [s.index, s.stationId]));
  for (const op of world.ops.values()) {
    const rows = byOpId.get(op.opId) ?? [];
    if (rows.length === 0) fail(1, `s${op.station} op ${op.stationSeq} (${op.type}, ${op.opId}) never reached the hub log`);
    for (const r of rows) {
      if (r.stationId !== stationIdOf.get(op.station) || r.stationSeq !== op.stationSeq) {
        fail(2, `op ${op.opId} is logged as ${r.stationId}#${r.stationSeq}, recorded as s${op.station}#${op.stationSeq}`);
      }
    }
  }

  for (const s of world.stations) {
    const seqs = log.filter((e) => e.stationId === s.stationId).map((e) => e.stationSeq ?? -1);
    seqs.forEach((seq, i) => {
      if (seq !== i + 1) fail(3, `s${s.index}: its ${i + 1}th logged op has station_seq ${seq} (not a gap-free prefix in hub order)`);
    });
    checkPushAnswers(world, s, log, fail);
    checkPoison(s, log, fail);
  }
  for (const e of log) if (e.stationId !== HUB_AUTHOR && !world.stations.some((s) => s.stationId === e.stationId)) fail(2, `hub_seq ${e.hubSeq} from unknown station ${e.stationId}`);
}

/** Every delivery of one op within one epoch saw one answer, and the current epoch's answer is the log's. */
function checkPushAnswers(world: SimWorld, s: SimStation, log: readonly LogRow[], fail: (n: number, m: string) => void) {
  const seen = new Map<string, { stationSeq: number; hubSeq: number | null; outcome: string; opId: string }>();
  for (const o of s.link.observations) {
    const key = `${o.epoch}|${o.stationSeq}`;
    const first = seen.get(key);
    if (!first) seen.set(key, o);
    else if (first.hubSeq !== o.hubSeq || first.outcome !== o.outcome || first.opId !== o.opId) {
      fail(2, `s${s.index} seq ${o.stationSeq}: one delivery got ${first.hubSeq}/${first.outcome}, another ${o.hubSeq}/${o.outcome}`);
    }
  }
  const epoch = world.hubDb.prepare("SELECT value FROM hub_meta WHERE key = 'epoch'").pluck().get() as string;
  const bySeq = new Map(log.filter((e) => e.stationId === s.stationId).map((e) => [e.stationSeq, e]));
  for (const [key, o] of seen) {
    if (!key.startsWith(`${epoch}|`)) continue;
    const e = bySeq.get(o.stationSeq);
    if (!e || e.hubSeq !== o.hubSeq || e.outcome !== o.outcome) fail(2, `s${s.index} seq ${o.stationSeq}: answered ${o.hubSeq}/${o.outcome}, logged ${e?.hubSeq}/${e?.outcome}`);
  }
  const outbox = s.db.prepare('SELECT station_seq AS seq, hub_seq AS hubSeq, outcome FROM outbox').all() as { seq: number; hubSeq: number | null; outcome: string | null }[];
  for (const row of outbox) {
    const e = bySeq.get(row.seq);
    if (e && (row.hubSeq !== e.hubSeq || row.outcome !== e.outcome)) fail(2, `s${s.index} outbox seq ${row.seq} says ${row.hubSeq}/${row.outcome}, hub ${e.hubSeq}/${e.outcome}`);
  }
  const local = s.db.prepare("SELECT value FROM meta WHERE key = 'sync.hub_epoch'").pluck().get();
  if (local !== epoch) fail(13, `s${s.index} is on epoch ${String(local)}, the hub on ${epoch}`);
}

function checkPoison(s: SimStation, log: readonly LogRow[], fail: (n: number, m: string) => void) {
  for (const { opId, kind } of s.injected) {
    if (kind !== 'poison') continue;
    const e = log.find((x) => x.opId === opId);
    if (!e) continue; // invariant 1 reports it
    if (e.outcome !== 'rejected') fail(17, `s${s.index}: unreadable op ${opId} got ${e.outcome}, not rejected`);
    const later = s.db.prepare('SELECT op_id FROM outbox WHERE station_seq > ?').pluck().all(e.stationSeq) as string[];
    const logged = new Set(log.map((x) => x.opId));
    const stuck = later.filter((id) => !logged.has(id));
    if (stuck.length > 0) fail(17, `s${s.index}: ${stuck.length} ops after the unreadable one never reached the hub`);
  }
}

function checkCursor(s: SimStation, log: readonly LogRow[], cursor: number, head: number, fail: (n: number, m: string) => void) {
  if (cursor > head) fail(4, `s${s.index} cursor ${cursor} is past the hub's head ${head}`);
  const applied = new Set(s.db.prepare('SELECT op_id FROM sync_applied').pluck().all() as string[]);
  const parked = new Set(s.db.prepare('SELECT hub_seq FROM pending_unknown').pluck().all() as number[]);
  const missing = log.filter((e) => e.hubSeq <= cursor && !applied.has(e.opId) && !parked.has(e.hubSeq));
  if (missing.length > 0) fail(4, `s${s.index} cursor ${cursor} but ${missing.length} entries at or below it were never applied (first: ${missing[0]!.hubSeq} ${missing[0]!.type})`);
}
