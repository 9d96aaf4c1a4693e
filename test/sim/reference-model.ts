import { HUB_AUTHOR, type StationRole } from '#shared/contract/hub.contract';
import { isCancelledStatus, statusAfter, statusRanks, type LatticeStatus } from '#shared/domain/order-lattice';
import { readOp, type OpPayload, type OpType, type ReadOp } from '#shared/ops/index';
import { flagKey, normalise, shipmentKey, type Projection } from './projections';
import { canonical, judgeRefusals, QUARANTINED, refusalOf, type RefusalView, type SentOp } from './reference-refusals';
import { damageStockProblems } from './reference-damage';

/**
 * The oracle: research/sync.md §7.6 and issue 7 written again, plainly and in memory, from the
 * spec rather than from the hub's code (nothing under electron/hub is imported). It replays the
 * hub's final log in hub_seq order and decides every station op itself, reporting each place where
 * the hub decided differently: an op in the log the rules refuse, an op the hub refused that no
 * rule refuses, another outcome, a flag the rules call for that is missing (or one they do not call
 * for), a count adjustment of another size, a waybill lease of a number that was not free.
 * Its projection is then compared with the hub's and every station's (invariant 12).
 */
export type LogRow = {
  hubSeq: number; opId: string; stationId: string; stationSeq: number | null; type: string; version: number;
  payload: unknown; payloadText: string; outcome: string; authorizedBy: string | null; createdAt: string;
};
/** An op the hub refused (hub_rejected): evidence only, never in the log. */
export type RejectedRow = { stationId: string; stationSeq: number; opId: string; type: string; reason: string; receivedAt: string };

export type ModelInput = {
  log: readonly LogRow[];
  rejected: readonly RejectedRow[];
  /** Every op as its station sent it, by station id and seq (the stations' outboxes). */
  sent: (stationId: string, stationSeq: number) => SentOp | undefined;
  roles: ReadonlyMap<string, StationRole>;
  pool: { carrier: string; numbers: readonly string[] };
  /** The hub_seq heads the hub was restored at, in the lineage of its current state: the numbers free then were set aside. */
  quarantinedAt: readonly number[];
};

/** Adjustments this large deserve a supervisor's look (the product's documented threshold). */
const LARGE_COUNT_ADJUSTMENT = 10;

type Order = LatticeStatus & { cancelled: boolean; claimStation: string | null; claimOp: string | null };
/** `reship`: the damage report a reship parcel answers (null: one of the order's own parcels). */
type Shipment = { orderId: string; groupId: string; partial: boolean; voided: boolean; station: string; reship: string | null };
type FlagNeed = { kind: string; orderId: string | null };

type Db = { prepare(sql: string): { all(): unknown[] } };

export function readHubLog(db: Db): LogRow[] {
  const rows = db.prepare('SELECT hub_seq, op_id, station_id, station_seq, type, version, payload, outcome, authorized_by, created_at FROM hub_log ORDER BY hub_seq').all() as {
    hub_seq: number; op_id: string; station_id: string; station_seq: number | null; type: string; version: number; payload: string; outcome: string;
    authorized_by: string | null; created_at: string;
  }[];
  return rows.map((r) => ({
    hubSeq: Number(r.hub_seq), opId: r.op_id, stationId: r.station_id, stationSeq: r.station_seq === null ? null : Number(r.station_seq),
    type: r.type, version: r.version, payload: JSON.parse(r.payload) as unknown, payloadText: r.payload, outcome: r.outcome, authorizedBy: r.authorized_by, createdAt: r.created_at,
  }));
}

const reads = new WeakMap<LogRow, ReadOp>();
/** A log entry read through its op module, once (the checks read every entry several times). */
export function readEntry(e: LogRow): ReadOp {
  let read = reads.get(e);
  if (!read) reads.set(e, (read = readOp(e.type, e.version, e.payload)));
  return read;
}

export function readRejected(db: Db): RejectedRow[] {
  const rows = db.prepare('SELECT station_id, station_seq, op_id, type, reason, received_at FROM hub_rejected ORDER BY station_id, station_seq').all() as {
    station_id: string; station_seq: number; op_id: string; type: string; reason: string; received_at: string;
  }[];
  return rows.map((r) => ({
    stationId: r.station_id, stationSeq: Number(r.station_seq), opId: r.op_id, type: r.type, reason: (JSON.parse(r.reason) as { key: string }).key, receivedAt: r.received_at,
  }));
}

export function runReferenceModel(input: ModelInput) {
  const { log, roles, pool } = input;
  const problems: string[] = [];
  const orders = new Map<string, Order>();
  const shipments = new Map<string, Shipment>();
  const voids = new Set<string>();
  const owner = new Map<string, string | null>(pool.numbers.map((n) => [`${pool.carrier}|${n}`, null]));
  const onParcel = new Map<string, string>();
  const deltas = new Map<string, { sku: string; delta: number; hubSeq: number }>();
  /** SKUs with a movement on the ledger: a count of any other is its opening stock, never flagged. */
  const stocked = new Set<string>();
  const balance = new Map<string, number>();
  const damaged = new Map<string, number>();
  /** Reports two supervisors decided blind (flagged): their stock may hold either decision's movement. */
  const conflicted = new Set<string>();
  const settlements = new Map<string, { claimId: string; outcome: string; hubSeq: number }>();
  const reports = new Map<string, string>();
  const decisions = new Map<string, { reportId: string; decision: string; hubSeq: number }>();
  const flags = new Map<string, { resolution: string | null }>();
  const users = new Map<string, { role: StationRole; active: boolean; badge: string | null }>();
  const logged = new Set<string>();
  const expectedFlags = new Map<string, number>();
  const raisedFlags = new Map<string, number>();
  const adjustments = new Map(log.filter((e) => e.stationId === HUB_AUTHOR && e.type === 'stock.delta').map((e) => [(e.payload as { id: string }).id, e]));
  const expectedAdjustments = new Set<string>();

  const view: RefusalView = {
    userRole: (id) => {
      const u = users.get(id);
      return u?.active ? u.role : null;
    },
    inLog: (opId) => logged.has(opId),
    flagKnown: (id) => flags.has(id),
    report: (id) => reports.get(id),
    shipmentStation: (id) => shipments.get(id)?.station,
    voided: (id) => voids.has(id),
    holder: (carrier, n) => owner.get(`${carrier}|${n}`),
  };
  const roleOf = (stationId: string): StationRole => roles.get(stationId) ?? 'packer';
  const order = (id: string): Order => {
    let o = orders.get(id);
    if (!o) orders.set(id, (o = { generation: 0, rank: 0, cancelled: false, claimStation: null, claimOp: null }));
    return o;
  };
  const move = (o: Order, type: string, payload: { platformStatus?: unknown } = {}) => Object.assign(o, statusAfter(o, type, payload));
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const quarantine = () => {
    for (const [key, holder] of owner) if (holder === null) owner.set(key, QUARANTINED);
  };

  const refused = judgeRefusals(input, view, roleOf, problems);
  if (input.quarantinedAt.includes(0)) quarantine();
  refused.at(0);
  for (const e of log) {
    refused.before(e.hubSeq);
    if (e.stationId === HUB_AUTHOR) hubEntry(e);
    else {
      const raised: FlagNeed[] = [];
      const outcome = decide(e, raised);
      for (const f of raised) bump(expectedFlags, `${f.kind}|${f.orderId ?? '-'}|${e.opId}`);
      const expected = outcome === 'accepted' && raised.length > 0 ? 'conflict' : outcome;
      if (expected !== e.outcome) problems.push(`hub_seq ${e.hubSeq} ${e.type}: hub said ${e.outcome}, the rules say ${expected}`);
    }
    logged.add(e.opId);
    if (input.quarantinedAt.includes(e.hubSeq)) quarantine();
    refused.at(e.hubSeq);
  }
  refused.atEnd();

  function hubEntry(e: LogRow) {
    const read = readEntry(e);
    if (read.kind !== 'known') {
      problems.push(`hub_seq ${e.hubSeq}: the hub wrote a ${e.type} v${e.version} that is ${read.kind}`);
      return;
    }
    if (e.type === 'flag.raised') {
      const p = read.payload as OpPayload<'flag.raised'>;
      flags.set(p.flagId, { resolution: null });
      if (p.kind === 'sync.entry-unapplied') problems.push(`hub_seq ${e.hubSeq}: the hub raised a bench's own flag kind ${p.kind}`);
      // Refusals are flagged once per push, not per op: accounted for in invariants.ts (17).
      if (p.kind !== 'op.rejected') bump(raisedFlags, `${p.kind}|${p.orderId ?? '-'}|${p.opIds.at(-1) ?? '-'}`);
    } else if (e.type === 'waybill.leased') {
      const p = read.payload as OpPayload<'waybill.leased'>;
      for (const n of p.numbers) {
        const key = `${p.carrierCode}|${n}`;
        if (owner.get(key) !== null) problems.push(`hub_seq ${e.hubSeq}: leased ${n} to ${p.stationId}, but it was ${owner.has(key) ? `held by ${owner.get(key)}` : 'never in the pool'}`);
        owner.set(key, p.stationId);
      }
    } else if (e.type === 'stock.delta') {
      const id = (read.payload as OpPayload<'stock.delta'>).id;
      if (!expectedAdjustments.has(id)) problems.push(`hub_seq ${e.hubSeq}: the hub booked ${id}, which no count called for`);
    } else {
      problems.push(`hub_seq ${e.hubSeq}: unexpected hub-authored ${e.type}`);
    }
  }

  /** The shelf is watched for going negative; units kept apart as damaged are only counted. */
  function applyDelta(id: string, sku: string, delta: number, hubSeq: number, raised: FlagNeed[], bucket: 'sellable' | 'damaged' = 'sellable') {
    if (deltas.has(id)) return;
    deltas.set(id, { sku, delta, hubSeq });
    stocked.add(sku);
    if (bucket === 'damaged') return void damaged.set(sku, (damaged.get(sku) ?? 0) + delta);
    const before = balance.get(sku) ?? 0;
    balance.set(sku, before + delta);
    if (before >= 0 && before + delta < 0) raised.push({ kind: 'stock.negative', orderId: null });
  }

  function decide(e: LogRow, raised: FlagNeed[]): string {
    const read = readEntry(e);
    const why = refusalOf({ ...e, stationSeq: e.stationSeq ?? 0 }, roleOf(e.stationId), view, read);
    if (why !== null) {
      problems.push(`hub_seq ${e.hubSeq} ${e.type} from ${e.stationId}: in the log, but the rules refuse it: ${why}`);
      return e.outcome;
    }
    if (read.kind !== 'known') return 'parked';
    const station = e.stationId;
    const type: OpType = read.type;
    const p = read.payload as Record<string, unknown>;
    switch (type) {
      case 'order.imported': {
        const o = order(p['id'] as string);
        const wasCancelled = o.cancelled;
        o.cancelled ||= isCancelledStatus(p['platformStatus'] as string);
        move(o, type, p);
        if (o.cancelled && !wasCancelled && o.rank >= statusRanks.labeled) raised.push({ kind: 'ship.after-cancel', orderId: p['id'] as string });
        return 'accepted';
      }
      case 'order.claimed': {
        const o = move(order(p['orderId'] as string), type);
        if (o.claimStation === null) Object.assign(o, { claimStation: station, claimOp: e.opId });
        else if (o.claimStation !== station) raised.push({ kind: 'claim.conflict', orderId: p['orderId'] as string });
        return 'accepted';
      }
      case 'order.reopened':
        move(order(p['orderId'] as string), type);
        return 'accepted';
      case 'scan.recorded':
        if (typeof p['orderId'] === 'string') move(order(p['orderId']), type);
        return 'accepted';
      case 'shipment.created':
        shipmentCreated(read.payload as OpPayload<'shipment.created'>, station, raised);
        return 'accepted';
      case 'shipment.voided': {
        // Another station may void a parcel the hub has not seen yet (after a restore): it lands void.
        voids.add(p['id'] as string);
        const s = shipments.get(p['id'] as string);
        if (s) s.voided = true;
        return 'accepted';
      }
      case 'shipment.printed': {
        const s = shipments.get(p['id'] as string);
        if (s) move(order(s.orderId), type);
        return 'accepted';
      }
      case 'stock.delta':
        applyDelta(p['id'] as string, p['skuCode'] as string, p['delta'] as number, e.hubSeq, raised, p['bucket'] as 'sellable' | 'damaged');
        return 'accepted';
      case 'stock.counted':
        stockCounted(read.payload as OpPayload<'stock.counted'>, raised);
        return 'accepted';
      case 'waybill.pooled': {
        const q = read.payload as OpPayload<'waybill.pooled'>;
        let overlap = false;
        for (const n of new Set(q.numbers)) {
          const key = `${q.carrierCode}|${n}`;
          const held = owner.get(key);
          if (held === undefined || held === null || held === QUARANTINED) owner.set(key, station);
          else if (held !== station) overlap = true;
        }
        if (overlap) raised.push({ kind: 'waybill.overlap', orderId: null });
        return 'accepted';
      }
      case 'damage.reported':
        if (!reports.has(p['id'] as string)) reports.set(p['id'] as string, canonical(read.payload));
        return 'accepted';
      case 'damage.decided': {
        const d = read.payload as OpPayload<'damage.decided'>;
        if (decisions.has(d.id)) return 'accepted';
        const blind = [...decisions.values()].some((x) => x.reportId === d.reportId && x.decision !== d.decision && x.hubSeq > d.seenHubSeq);
        decisions.set(d.id, { reportId: d.reportId, decision: d.decision, hubSeq: e.hubSeq });
        const report = reports.get(d.reportId);
        const orderId = report ? ((JSON.parse(report) as { orderId?: string | null }).orderId ?? null) : null;
        if (blind) {
          raised.push({ kind: 'damage.conflicting-decisions', orderId });
          conflicted.add(d.reportId);
        }
        return 'accepted';
      }
      case 'claim.settled': {
        // Like decisions: the last settlement stands; one that differs from another it had not seen is flagged.
        const s = read.payload as OpPayload<'claim.settled'>;
        if (settlements.has(s.id)) return 'accepted';
        const blind = [...settlements.values()].some((x) => x.claimId === s.claimId && x.outcome !== s.outcome && x.hubSeq > s.seenHubSeq);
        settlements.set(s.id, { claimId: s.claimId, outcome: s.outcome, hubSeq: e.hubSeq });
        const report = reports.get(s.claimId);
        if (blind) raised.push({ kind: 'damage.conflicting-decisions', orderId: report ? ((JSON.parse(report) as { orderId?: string | null }).orderId ?? null) : null });
        return 'accepted';
      }
      case 'flag.resolved': {
        // The first resolution stands; a second supervisor closing the same flag changes nothing.
        const f = flags.get(p['flagId'] as string);
        if (f) f.resolution ??= p['resolution'] as string;
        return 'accepted';
      }
      case 'user.saved': {
        // A badge another active user holds stays theirs: the user saved later loses it, and it is flagged.
        const u = read.payload as OpPayload<'user.saved'>;
        const clash = u.badgeHash !== null && [...users].some(([id, x]) => id !== u.id && x.active && x.badge === u.badgeHash);
        users.set(u.id, { role: u.role, active: u.active, badge: clash ? null : u.badgeHash });
        if (clash) raised.push({ kind: 'user.badge-clash', orderId: null });
        return 'accepted';
      }
      default:
        return 'accepted';
    }
  }

  function shipmentCreated(p: OpPayload<'shipment.created'>, station: string, raised: FlagNeed[]) {
    if (shipments.has(p.id)) return;
    const groupId = p.groupId;
    const key = `${p.carrierCode}|${p.trackingNo}`;
    const held = owner.get(key);
    // A number set aside by a restore was leased after the backup: the station using it is its holder.
    if (held === undefined || held === QUARANTINED) owner.set(key, station);
    else if (held !== station) {
      if (held === null) owner.set(key, station);
      raised.push({ kind: 'waybill.not-leased', orderId: p.orderId });
    }
    const holder = onParcel.get(key);
    if (holder !== undefined) raised.push({ kind: 'waybill.reused', orderId: p.orderId });
    else onParcel.set(key, p.id);
    const siblings = [...shipments.values()].filter((s) => s.orderId === p.orderId);
    const groupKnown = siblings.some((s) => s.groupId === groupId);
    // A reship is a second parcel on purpose: only another parcel of the same reship makes it a double ship.
    const reship = p.reship?.reportId ?? null;
    if (!groupKnown && siblings.some((s) => !s.partial && !s.voided && s.reship === reship)) raised.push({ kind: 'ship.double', orderId: p.orderId });
    const o = move(order(p.orderId), 'shipment.created');
    if (o.cancelled && !groupKnown) raised.push({ kind: 'ship.after-cancel', orderId: p.orderId });
    shipments.set(p.id, { orderId: p.orderId, groupId, partial: p.partial, voided: voids.has(p.id), station, reship });
  }

  /** A count is an observation: only what the counter could have seen is corrected. */
  function stockCounted(p: OpPayload<'stock.counted'>, raised: FlagNeed[]) {
    const adjustId = `${p.id}:adjust`;
    if (deltas.has(adjustId)) return;
    // The counter says what it knew.
    const adjust = p.countedQty - p.knownQty;
    if (adjust === 0) return;
    expectedAdjustments.add(adjustId);
    const opening = !stocked.has(p.skuCode);
    const booked = adjustments.get(adjustId);
    const bookedDelta = (booked?.payload as { delta?: number } | undefined)?.delta;
    if (bookedDelta !== adjust) problems.push(`count ${p.id} of ${p.skuCode}: the rules book ${adjust}, the hub ${bookedDelta ?? 'nothing'}`);
    applyDelta(adjustId, p.skuCode, adjust, booked?.hubSeq ?? Number.MAX_SAFE_INTEGER, raised);
    if (Math.abs(adjust) >= LARGE_COUNT_ADJUSTMENT && !opening) raised.push({ kind: 'stock.count-adjusted', orderId: null });
  }

  for (const key of new Set([...expectedFlags.keys(), ...raisedFlags.keys()])) {
    const want = expectedFlags.get(key) ?? 0;
    const got = raisedFlags.get(key) ?? 0;
    if (want !== got) problems.push(`flag ${key}: the rules raise ${want}, the hub raised ${got}`);
  }

  problems.push(...damageStockProblems(log, conflicted));

  const projection: Projection = normalise({
    status: Object.fromEntries([...orders].map(([id, o]) => [id, `${o.generation}.${o.rank}`])),
    claims: Object.fromEntries([...orders].filter(([, o]) => o.claimStation !== null).map(([id, o]) => [id, o.claimStation as string])),
    stock: Object.fromEntries(balance),
    damaged: Object.fromEntries(damaged),
    flags: [...flags].map(([id, f]) => flagKey(id, f.resolution)),
    shipments: [...shipments].map(([id, s]) => shipmentKey(id, s.orderId, s.voided)),
  });
  return { projection, problems };
}
