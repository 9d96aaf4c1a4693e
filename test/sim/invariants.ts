import { HUB_AUTHOR, PUSH_BATCH_MAX } from '#shared/contract/hub.contract';
import { checkCrashAtomicity } from './crash-atomicity';
import { checkDomainInvariants } from './invariants-domain';
import { checkLogSchema, checkRefusals, checkStationsReachHead, type Fail } from './invariants-refusals';
import { readHubLog, readRejected, type LogRow, type RejectedRow } from './reference-model';
import type { SentOp } from './reference-refusals';
import type { SimStation } from './sim-station';
import type { SimWorld } from './sim-world';

/**
 * The invariants of research/sync.md §9 (and issue 7's two new ones), checked on a simulated shop.
 * Where each one is checked:
 *
 *  1 no lost ops ............ here: every op the harness saw committed in any outbox (read after every
 *                             step, crashes included) reached the hub exactly once, under its station and
 *                             seq: in hub_log, or refused in hub_rejected (never both); a logged op is
 *                             what its station sent (type, version, payload, authoriser).
 *  2 no duplicates .......... here: op_id and (station, seq) unique in hub_log; every delivery of a push
 *                             (duplicates, stale replays, lost responses) saw the same hub_seq and outcome
 *                             within one epoch, and the current epoch's answers match the hub and each outbox.
 *  3 per-station order ...... here: each station's seqs in hub_log and hub_rejected are exactly 1..k, and
 *                             the logged ones are in hub_seq order.
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
 * 11 append-only reports .... domain: one payload per report id; decisions only with a supervisor's
 *                             authority; each station shows the hub's last decision; blind conflicts flagged (model).
 * 12 convergence ........... domain: every station's projection digest = the hub's = the model's; the model
 *                             also re-decides every op: no logged op is one the rules refuse, every refused
 *                             op is one they refuse (at some moment it could have been decided), outcomes,
 *                             flags (reference-model.ts, reference-refusals.ts).
 * 13 epoch safety .......... 1 and 12 after restores, and every station ends on the hub's current epoch.
 * 14 mixed versions ........ domain: an injected newer op is parked at the hub and waits in every station's
 *                             pending_unknown while its cursor passes it; an old-version op is accepted (upcast).
 * 15 clock independence .... skew/backward-jump commands run in every property run (all of the above must
 *                             still hold) and a scenario compares skewed and unskewed final states.
 * 16 queues drain .......... here: quiescence within a bounded number of rounds; nothing waits for a record.
 * 17 refusals .............. refusals: an unreadable, forged or byzantine op is refused (hub_rejected, not the
 *                             log), answered rejected without hub_seq in its outbox, and every later op of its
 *                             station reached the hub; one op.rejected flag per push that refused anything,
 *                             naming only ops that push refused.
 * 18 bounded requests ...... here: no push carried more than PUSH_BATCH_MAX ops; no 400/413 answer to a
 *                             bench's own sync, no 5xx to anything (a byzantine bench's own requests included).
 *                             (The 10k backlog itself is a scenario in sync-scenarios.test.ts.)
 * 19 no entry stops a pull . refusals: at quiescence every honest station's cursor is the hub's head, and no
 *                             station keeps an entry it could not apply (nor its local sync.entry-unapplied flag).
 * 20 log entries are valid . refusals: every station-authored entry reads as its op module's schema says
 *                             (or is of an unknown type, small, parked); every hub-authored entry reads as
 *                             known and is an op only the hub writes.
 * Not checked: 10's "after simulated power loss" (needs LazyFS, layer 3 of §8); 9's cancellation arriving
 * from the platform (the simulator does not re-import cancelled orders).
 */
export type Finding = { invariant: number; message: string };

export type Quiescence = { quiet: boolean; rounds: number };

/** Every invariant at the end of a run (after quiescence); returns what failed, never throws. */
export async function checkInvariants(world: SimWorld, quiescence: Quiescence): Promise<Finding[]> {
  const findings: Finding[] = world.violations.map((v) => ({ invariant: v.invariant, message: `step ${v.step}: ${v.message}` }));
  const fail: Fail = (invariant, message) => findings.push({ invariant, message });
  const log = readHubLog(world.hubDb);
  const rejected = readRejected(world.hubDb);
  const sent = world.sentOps();
  const head = await world.head();

  if (!quiescence.quiet) fail(16, `no quiescence after ${quiescence.rounds} rounds: ${world.stations.map((s) => `s${s.index} unconfirmed ${world.unconfirmed(s)} cursor ${world.cursorOf(s)}`).join(', ')} head ${head}`);
  checkLog(world, log, rejected, sent, head, fail);
  for (const s of world.stations) {
    checkCrashAtomicity(s, fail);
    checkCursor(s, log, world.cursorOf(s), head, fail);
    const waiting = s.db.prepare("SELECT hub_seq, waiting_for FROM pending_unknown WHERE waiting_for NOT IN ('upgrade', 'unapplicable')").all() as { hub_seq: number; waiting_for: string }[];
    for (const w of waiting) fail(16, `s${s.index}: entry ${w.hub_seq} still waits for ${w.waiting_for}`);
    if (s.link.stats.maxPushOps > PUSH_BATCH_MAX) fail(18, `s${s.index} pushed ${s.link.stats.maxPushOps} ops in one request`);
    for (const r of s.link.stats.refusals) fail(18, `s${s.index}: hub answered ${r.status} to ${r.path}: ${r.message}`);
  }
  checkRefusals(world, log, rejected, fail);
  checkStationsReachHead(world, head, fail);
  checkLogSchema(log, fail);
  findings.push(...(await checkDomainInvariants(world, log, rejected, sent)));
  return findings;
}

function checkLog(world: SimWorld, log: readonly LogRow[], rejected: readonly RejectedRow[], sent: (station: string, seq: number) => SentOp | undefined, head: number, fail: Fail) {
  log.forEach((e, i) => {
    if (e.hubSeq !== i + 1) fail(4, `hub_log has hub_seq ${e.hubSeq} at position ${i + 1}: not gap-free`);
  });
  if (log.length !== head) fail(4, `hub head ${head} but ${log.length} entries`);

  const byOpId = new Map<string, LogRow[]>();
  for (const e of log) byOpId.set(e.opId, [...(byOpId.get(e.opId) ?? []), e]);
  for (const [opId, rows] of byOpId) if (rows.length > 1) fail(2, `op ${opId} is in hub_log ${rows.length} times`);
  const refusedAt = new Set(rejected.map((r) => `${r.stationId}|${r.stationSeq}`));

  const stationIdOf = new Map(world.stations.map((s) => [s.index, s.stationId]));
  const atSeq = new Map(log.filter((e) => e.stationSeq !== null).map((e) => [`${e.stationId}|${e.stationSeq}`, e]));
  for (const op of world.ops.values()) {
    const place = `${stationIdOf.get(op.station)}|${op.stationSeq}`;
    const e = atSeq.get(place);
    const refused = refusedAt.has(place);
    if (!e && !refused) fail(1, `s${op.station} op ${op.stationSeq} (${op.type}, ${op.opId}) never reached the hub`);
    if (e && refused) fail(1, `s${op.station} op ${op.stationSeq} (${op.type}) is both in the log and refused`);
    if (e && e.opId !== op.opId) fail(2, `s${op.station} op ${op.stationSeq} is ${op.opId}, logged as ${e.opId}`);
    for (const r of byOpId.get(op.opId) ?? []) {
      if (!refused && (r.stationId !== stationIdOf.get(op.station) || r.stationSeq !== op.stationSeq)) {
        fail(2, `op ${op.opId} is logged as ${r.stationId}#${r.stationSeq}, recorded as s${op.station}#${op.stationSeq}`);
      }
    }
  }
  // What the log holds of a station is what the station sent: a replay with other content changed nothing.
  for (const e of log) {
    if (e.stationId === HUB_AUTHOR || e.stationSeq === null) continue;
    const op = sent(e.stationId, e.stationSeq);
    if (op && (op.opId !== e.opId || op.type !== e.type || op.version !== e.version || op.authorizedBy !== e.authorizedBy || op.payloadText !== e.payloadText)) {
      fail(1, `hub_seq ${e.hubSeq}: ${e.stationId}#${e.stationSeq} is a ${e.type} other than the ${op.type} its station sent`);
    }
  }

  for (const s of world.stations) {
    const logged = log.filter((e) => e.stationId === s.stationId).map((e) => e.stationSeq ?? -1);
    logged.forEach((seq, i) => {
      if (i > 0 && seq <= logged[i - 1]!) fail(3, `s${s.index}: station_seq ${seq} is logged after ${logged[i - 1]} (not in hub order)`);
    });
    const seqs = [...logged, ...rejected.filter((r) => r.stationId === s.stationId).map((r) => r.stationSeq)].sort((a, b) => a - b);
    seqs.forEach((seq, i) => {
      if (seq !== i + 1) fail(3, `s${s.index}: its ${i + 1}th op at the hub has station_seq ${seq} (not a gap-free prefix)`);
    });
    checkPushAnswers(world, s, log, refusedAt, fail);
  }
  for (const e of log) if (e.stationId !== HUB_AUTHOR && !world.stations.some((s) => s.stationId === e.stationId)) fail(2, `hub_seq ${e.hubSeq} from unknown station ${e.stationId}`);
}

/** Every delivery of one op within one epoch saw one answer, and the current epoch's answer is the hub's. */
function checkPushAnswers(world: SimWorld, s: SimStation, log: readonly LogRow[], refusedAt: ReadonlySet<string>, fail: Fail) {
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
  const atHub = (seq: number) => {
    const e = bySeq.get(seq);
    if (e) return `${e.hubSeq}/${e.outcome}`;
    return refusedAt.has(`${s.stationId}|${seq}`) ? 'null/rejected' : 'nothing';
  };
  for (const [key, o] of seen) {
    if (!key.startsWith(`${epoch}|`)) continue;
    if (`${o.hubSeq}/${o.outcome}` !== atHub(o.stationSeq)) fail(2, `s${s.index} seq ${o.stationSeq}: answered ${o.hubSeq}/${o.outcome}, the hub holds ${atHub(o.stationSeq)}`);
  }
  const outbox = s.db.prepare('SELECT station_seq AS seq, hub_seq AS hubSeq, outcome FROM outbox WHERE outcome IS NOT NULL OR hub_seq IS NOT NULL').all() as {
    seq: number; hubSeq: number | null; outcome: string | null;
  }[];
  for (const row of outbox) {
    if (`${row.hubSeq}/${row.outcome}` !== atHub(row.seq)) fail(2, `s${s.index} outbox seq ${row.seq} says ${row.hubSeq}/${row.outcome}, the hub holds ${atHub(row.seq)}`);
  }
  const local = s.db.prepare("SELECT value FROM meta WHERE key = 'sync.hub_epoch'").pluck().get();
  if (local !== epoch) fail(13, `s${s.index} is on epoch ${String(local)}, the hub on ${epoch}`);
}

function checkCursor(s: SimStation, log: readonly LogRow[], cursor: number, head: number, fail: Fail) {
  if (cursor > head) fail(4, `s${s.index} cursor ${cursor} is past the hub's head ${head}`);
  const applied = new Set(s.db.prepare('SELECT op_id FROM sync_applied').pluck().all() as string[]);
  const parked = new Set(s.db.prepare('SELECT hub_seq FROM pending_unknown').pluck().all() as number[]);
  const missing = log.filter((e) => e.hubSeq <= cursor && !applied.has(e.opId) && !parked.has(e.hubSeq));
  if (missing.length > 0) fail(4, `s${s.index} cursor ${cursor} but ${missing.length} entries at or below it were never applied (first: ${missing[0]!.hubSeq} ${missing[0]!.type})`);
}
