import type { StationRole } from '#shared/contract/hub.contract';
import { roleSuffices, type OpPayload } from '#shared/ops/index';
import type { Finding } from './invariants';
import { diffProjections, digest, hubProjection, packStates, stationProjection } from './projections';
import { readEntry, runReferenceModel, type LogRow, type RejectedRow } from './reference-model';
import type { SentOp } from './reference-refusals';
import { CARRIER, type SimWorld } from './sim-world';

/**
 * The domain invariants (6–8, 10–12, 14 of research/sync.md §9), checked against the hub's
 * tables, every station's tables, the harness's own records and the reference model.
 */
export async function checkDomainInvariants(
  world: SimWorld, log: readonly LogRow[], rejected: readonly RejectedRow[], sent: (stationId: string, stationSeq: number) => SentOp | undefined,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const fail = (invariant: number, message: string) => findings.push({ invariant, message });
  const flags = log.filter((e) => e.type === 'flag.raised').map((e) => e.payload as OpPayload<'flag.raised'>);
  const flagged = (kind: string, pred: (f: OpPayload<'flag.raised'>) => boolean) => flags.some((f) => f.kind === kind && pred(f));

  // 6. Claims: every claim after the first, by another station, is named by a claim.conflict flag.
  const firstClaim = new Map<string, string>();
  for (const e of log.filter((x) => x.type === 'order.claimed' && x.outcome !== 'parked')) {
    const orderId = (e.payload as { orderId: string }).orderId;
    const winner = firstClaim.get(orderId);
    if (winner === undefined) firstClaim.set(orderId, e.stationId);
    else if (winner !== e.stationId && !flagged('claim.conflict', (f) => f.orderId === orderId && f.opIds.includes(e.opId))) {
      fail(6, `order ${orderId}: claim ${e.opId} lost to ${winner} but no claim.conflict flag names it`);
    }
  }

  // 7. Double ship: two live shipment groups of one order (or of one reship of it) are always flagged; nothing made is ever missing.
  const hubShipments = world.hubDb.prepare('SELECT shipment_id AS id, order_id AS orderId, group_id AS groupId, partial, voided, reship_report_id AS reship FROM hub_shipments').all() as {
    id: string; orderId: string; groupId: string; partial: number; voided: number; reship: string | null;
  }[];
  const liveGroups = new Map<string, Set<string>>();
  for (const s of hubShipments) {
    const key = `${s.orderId}|${s.reship ?? ''}`;
    if (!s.voided && !s.partial) liveGroups.set(key, (liveGroups.get(key) ?? new Set()).add(s.groupId));
  }
  for (const [key, groups] of liveGroups) {
    const orderId = key.slice(0, key.indexOf('|'));
    if (groups.size >= 2 && !flagged('ship.double', (f) => f.orderId === orderId)) fail(7, `order ${orderId} has ${groups.size} live shipments and no ship.double flag`);
  }
  const atHub = new Set(hubShipments.map((s) => s.id));
  for (const [id, a] of world.allocations) {
    if (!atHub.has(id)) fail(7, `shipment ${id} (${a.trackingNo}) made at s${a.station} is missing at the hub`);
    for (const s of world.stations) {
      if (!s.db.prepare('SELECT 1 FROM shipments WHERE id = ?').get(id)) fail(7, `shipment ${id} made at s${a.station} is missing at s${s.index}`);
    }
  }

  // 8. Inventory: the hub's shelf balance is its shelf ledger's sum; every shipment group booked its decrement.
  const sums = world.hubDb.prepare("SELECT b.sku_code AS sku, b.balance AS balance, (SELECT sum(delta) FROM hub_stock s WHERE s.sku_code = b.sku_code AND s.bucket = 'sellable') AS total FROM hub_sku_balance b").all() as {
    sku: string; balance: number; total: number | null;
  }[];
  for (const r of sums) if (Number(r.balance) !== Number(r.total ?? 0)) fail(8, `sku ${r.sku}: hub balance ${r.balance} but its ledger sums to ${r.total}`);
  const decremented = new Set(
    log
      .filter((e) => e.type === 'stock.delta')
      .map(readEntry)
      .flatMap((r) => (r.kind === 'known' && (r.payload as OpPayload<'stock.delta'>).cause === 'ship' ? [(r.payload as OpPayload<'stock.delta'>).ref] : [])),
  );
  for (const e of log.filter((x) => x.type === 'shipment.created')) {
    const p = e.payload as OpPayload<'shipment.created'>;
    if (p.parcelNo === 1 && !decremented.has(p.id)) fail(8, `shipment ${p.id} of ${p.orderId} left without a stock decrement`);
  }

  checkWaybills(world, log, flags, fail);
  checkDamage(world, log, fail);
  checkMixedVersions(world, log, fail);

  // 12. Convergence: station = hub = model, by digest; the model also re-decides every outcome and flag.
  const roles = new Map<string, StationRole>(world.stations.map((s) => [s.stationId, s.role]));
  const model = runReferenceModel({ log, rejected, sent, roles, pool: { carrier: CARRIER, numbers: world.pool }, quarantinedAt: world.restoredAt });
  for (const p of model.problems.slice(0, 12)) fail(12, `model: ${p}`);
  if (model.problems.length > 12) fail(12, `model: … ${model.problems.length - 12} more`);
  const hub = hubProjection(world.hubDb);
  if (digest(hub) !== digest(model.projection)) fail(12, `hub ≠ model: ${diffProjections(hub, model.projection).join('; ')}`);
  for (const s of world.stations) {
    const mine = stationProjection(s.db);
    if (digest(mine) !== digest(hub)) fail(12, `s${s.index} ≠ hub: ${diffProjections(mine, hub).join('; ')}`);
  }
  // The bench state (open / shipped) lives only at stations: they must agree with each other.
  const benches = world.stations.map((s) => packStates(s.db));
  benches.forEach((mine, i) => {
    const differs = Object.keys(mine).filter((id) => mine[id] !== benches[0]![id]);
    if (differs.length > 0) fail(12, `s${i} ≠ s0: pack state of ${differs.slice(0, 3).map((id) => `${id} ${mine[id]}/${benches[0]![id]}`).join(', ')}`);
  });
  return findings;
}

/** 10. Waybill numbers: leased to one station ever, used only by it, on one shipment, every print durable. */
function checkWaybills(world: SimWorld, log: readonly LogRow[], flags: OpPayload<'flag.raised'>[], fail: (n: number, m: string) => void) {
  const twice = new Map<string, string[]>();
  for (const [number, holders] of world.leasedTo) {
    if (holders.size < 2) continue;
    const who = [...holders].sort().map((h) => `s${h}`).join(' and ');
    twice.set(who, [...(twice.get(who) ?? []), number]);
  }
  for (const [who, numbers] of twice) fail(10, `${numbers.length} waybill numbers (${numbers[0]} …) were leased to both ${who}`);
  const used = new Map<string, string>();
  for (const [id, a] of world.allocations) {
    if (!world.leasedTo.get(a.trackingNo)?.has(a.station)) fail(10, `s${a.station} used ${a.trackingNo}, which was never leased to it`);
    const other = used.get(a.trackingNo);
    if (other) fail(10, `waybill ${a.trackingNo} is on shipments ${other} and ${id}`);
    used.set(a.trackingNo, id);
  }
  const created = new Map(log.filter((e) => e.type === 'shipment.created').map((e) => [(e.payload as { id: string }).id, e]));
  for (const s of world.stations) {
    for (const p of s.printed) {
      const e = created.get(p.shipmentId);
      const payload = e?.payload as { trackingNo?: string } | undefined;
      if (!e || e.stationId !== s.stationId || payload?.trackingNo !== p.trackingNo) fail(10, `s${s.index} printed ${p.trackingNo} but the hub holds no shipment of it from that station`);
    }
  }
  for (const f of flags) if (f.kind === 'waybill.reused' || f.kind === 'waybill.not-leased') fail(10, `the hub raised ${f.kind}: ${JSON.stringify(f.message)}`);
}

/** 11. Damage reports never change; only a supervisor's authority decides; every station shows the hub's last decision. */
function checkDamage(world: SimWorld, log: readonly LogRow[], fail: (n: number, m: string) => void) {
  const roles = new Map(world.stations.map((s) => [s.stationId, s.role]));
  // The model checks that an authoriser is an active supervisor the hub knew (12).
  const authorised = new Set(log.filter((e) => e.type === 'damage.decided' && e.authorizedBy !== null).map((e) => `${e.stationId}|${(e.payload as { id: string }).id}`));
  const decisions = world.hubDb.prepare('SELECT decision_id AS id, report_id AS reportId, decision, station_id AS stationId FROM hub_decisions ORDER BY hub_seq').all() as {
    id: string; reportId: string; decision: string; stationId: string;
  }[];
  for (const d of decisions) {
    if (!roleSuffices(roles.get(d.stationId) ?? 'packer', 'supervisor') && !authorised.has(`${d.stationId}|${d.id}`)) fail(11, `report ${d.reportId}: decision by ${d.stationId} without a supervisor's authority`);
  }
  const effective = new Map(decisions.map((d) => [d.reportId, d.decision]));
  const reports = world.hubDb.prepare("SELECT l.payload FROM hub_log l WHERE l.type = 'damage.reported'").pluck().all() as string[];
  const firstPayload = new Map<string, string>();
  for (const raw of reports) {
    const id = (JSON.parse(raw) as { id: string }).id;
    const before = firstPayload.get(id);
    if (before !== undefined && before !== raw) fail(11, `damage report ${id} was accepted with two different payloads`);
    firstPayload.set(id, raw);
  }
  for (const s of world.stations) {
    const shown = s.db.prepare(`SELECT r.id, (SELECT decision FROM damage_decisions d WHERE d.report_id = r.id ORDER BY d.hub_seq IS NULL, d.hub_seq DESC LIMIT 1) AS decision FROM damage_reports r`).all() as { id: string; decision: string | null }[];
    for (const r of shown) {
      if ((effective.get(r.id) ?? null) !== r.decision) fail(11, `s${s.index} shows decision ${r.decision} on report ${r.id}, the hub ${effective.get(r.id) ?? null}`);
    }
  }
}

/** 14. A newer op waits everywhere (never dropped, cursor moving on); an older op version is upcast and accepted. */
function checkMixedVersions(world: SimWorld, log: readonly LogRow[], fail: (n: number, m: string) => void) {
  const atSeq = new Map(log.map((e) => [`${e.stationId}|${e.stationSeq}`, e]));
  for (const author of world.stations) {
    const seqOf = author.db.prepare('SELECT station_seq FROM outbox WHERE op_id = ?').pluck();
    for (const { opId, kind } of author.injected) {
      if (kind !== 'old' && kind !== 'future') continue;
      const seq = seqOf.get(opId) as number | undefined;
      if (seq === undefined) continue; // a crash took it before it was committed
      const e = atSeq.get(`${author.stationId}|${seq}`);
      if (!e) {
        fail(14, `s${author.index}: ${kind} op #${seq} is not in the log (refused)`);
        continue;
      }
      if (kind === 'old' && e.outcome === 'parked') fail(14, `s${author.index}: old-version ${e.type} v${e.version} was parked`);
      if (kind !== 'future') continue;
      if (e.outcome !== 'parked') fail(14, `s${author.index}: newer op ${e.type} got ${e.outcome} at the hub, not parked`);
      for (const s of world.stations) {
        const cursor = world.cursorOf(s);
        const kept = (s.db.prepare("SELECT entry FROM pending_unknown WHERE waiting_for = 'upgrade'").pluck().all() as string[]).some((raw) => (JSON.parse(raw) as { opId: string }).opId === opId);
        if (cursor >= e.hubSeq && !kept) fail(14, `s${s.index} passed newer op ${e.hubSeq} (${e.type}) without keeping it`);
      }
    }
  }
}
