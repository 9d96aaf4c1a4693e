import type { LogEntry } from '#shared/contract/hub.contract';
import type { OpPayload } from '#shared/contract/sync-ops.contract';
import type { Db } from '../db/open-database';

/** The statements the log applier needs; every insert tolerates a second delivery of the same fact. */
export function createLogApplyRepo(db: Db) {
  const q = {
    applied: db.prepare('SELECT 1 FROM sync_applied WHERE op_id = ?').pluck(),
    ownOp: db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').pluck(),
    markApplied: db.prepare('INSERT OR IGNORE INTO sync_applied (op_id, hub_seq) VALUES (?, ?)'),
    confirmOwn: db.prepare(
      "UPDATE outbox SET hub_seq = @hubSeq, outcome = @outcome, reason = @reason, pushed_at = coalesce(pushed_at, @at) WHERE op_id = @opId",
    ),
    newerOwnWrite: db.prepare('SELECT 1 FROM outbox WHERE entity = ? AND (hub_seq IS NULL OR hub_seq > ?) LIMIT 1').pluck(),
    confirmClaim: db.prepare(`INSERT INTO order_claims (order_id, station_id, claim_id, hub_seq) VALUES (@orderId, @stationId, @claimId, @hubSeq)
      ON CONFLICT (order_id) DO UPDATE SET station_id = excluded.station_id, claim_id = excluded.claim_id, hub_seq = excluded.hub_seq
      WHERE order_claims.hub_seq IS NULL OR order_claims.hub_seq > excluded.hub_seq`),
    scan: db.prepare(`INSERT OR IGNORE INTO scan_events (id, order_id, packer_id, code, outcome, sku_code, line_no, units, at)
      VALUES (@id, @orderId, @packerId, @code, @outcome, @skuCode, @lineNo, @units, @at)`),
    shipment: db.prepare(`INSERT OR IGNORE INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, weight_g,
      partial, packer_id, created_at, station_id, group_id) VALUES (@id, @orderId, @carrierCode, @trackingNo, @parcelNo, @parcelCount,
      @weightG, @partial, @packerId, @at, @stationId, @groupId)`),
    hasShipment: db.prepare('SELECT 1 FROM shipments WHERE id = ?').pluck(),
    printed: db.prepare('UPDATE shipments SET printed_at = @at, print_count = print_count + 1 WHERE id = @id AND station_id IS NOT NULL'),
    voided: db.prepare('UPDATE shipments SET voided_at = @at, void_reason = @reason WHERE id = @id AND voided_at IS NULL RETURNING order_id').pluck(),
    retire: db.prepare("UPDATE waybill_numbers SET state = @state, shipment_id = coalesce(@shipmentId, shipment_id) WHERE number = @number AND state = 'free'"),
    stock: db.prepare(`INSERT INTO stock_ledger (id, sku_code, delta, reason, ref, user_id, at, hub_seq)
      VALUES (@id, @skuCode, @delta, @reason, @ref, NULL, @at, @hubSeq) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    confirmStock: db.prepare('UPDATE stock_ledger SET hub_seq = ? WHERE id = ?'),
    confirmDecision: db.prepare('UPDATE damage_decisions SET hub_seq = ? WHERE id = ?'),
    audit: db.prepare(`INSERT OR IGNORE INTO audit_log (id, at, user_id, authorizer_id, action, target, detail)
      VALUES (@id, @at, @userId, @authorizerId, @action, @target, @detail)`),
    damage: db.prepare(`INSERT INTO damage_reports (id, order_id, sku_code, qty, description, photo_hashes, station_id, hub_seq)
      VALUES (@id, @orderId, @skuCode, @qty, @description, @photoHashes, @stationId, @hubSeq) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    decision: db.prepare(`INSERT INTO damage_decisions (id, report_id, decision, note, seen_hub_seq, station_id, hub_seq)
      VALUES (@id, @reportId, @decision, @note, @seenHubSeq, @stationId, @hubSeq) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    flag: db.prepare(`INSERT OR IGNORE INTO flags (flag_id, kind, order_id, station_ids, op_ids, detail, raised_at, hub_seq)
      VALUES (@flagId, @kind, @orderId, @stationIds, @opIds, @detail, @at, @hubSeq)`),
    resolveFlag: db.prepare('UPDATE flags SET resolution = @resolution, resolved_at = @at WHERE flag_id = @flagId'),
    reopenFlag: db.prepare('UPDATE flags SET resolution = NULL, resolved_at = NULL WHERE flag_id = ?'),
    resolved: db.prepare('SELECT 1 FROM flags WHERE flag_id = ? AND resolution IS NOT NULL').pluck(),
    park: db.prepare(`INSERT INTO pending_unknown (hub_seq, entry, waiting_for) VALUES (@hubSeq, @entry, @waitingFor)
      ON CONFLICT (hub_seq) DO UPDATE SET waiting_for = excluded.waiting_for`),
    unpark: db.prepare('DELETE FROM pending_unknown WHERE hub_seq = ?'),
    waiting: db.prepare('SELECT hub_seq AS hubSeq, entry FROM pending_unknown ORDER BY hub_seq'),
    waitingCount: db.prepare('SELECT count(*) FROM pending_unknown').pluck(),
  };
  return {
    isApplied: (opId: string) => q.applied.get(opId) !== undefined,
    isOwnOp: (opId: string) => q.ownOp.get(opId) !== undefined,
    markApplied: (opId: string, hubSeq: number) => q.markApplied.run(opId, hubSeq),
    confirmOwn: (opId: string, hubSeq: number, outcome: string, reason: string | null) =>
      q.confirmOwn.run({ opId, hubSeq, outcome, reason, at: new Date().toISOString() }),
    /** This station rewrote the record after the entry's position (or has not been ordered yet): its write stands. */
    hasNewerOwnWrite: (entity: string, hubSeq: number) => q.newerOwnWrite.get(entity, hubSeq) !== undefined,
    confirmClaim: (orderId: string, stationId: string, claimId: string, hubSeq: number) =>
      q.confirmClaim.run({ orderId, stationId, claimId, hubSeq }),
    insertScan: (p: OpPayload<'scan.recorded'>) =>
      q.scan.run({ packerId: null, skuCode: null, lineNo: null, units: 0, at: '', ...p }),
    insertShipment: (p: OpPayload<'shipment.created'>, stationId: string) =>
      q.shipment.run({
        weightG: null, packerId: null, groupId: p.id, ...p, partial: p.partial ? 1 : 0, stationId,
      }),
    hasShipment: (id: string) => q.hasShipment.get(id) !== undefined,
    markPrinted: (id: string, at: string) => q.printed.run({ id, at }),
    voidShipment: (id: string, reason: string, at: string) => (q.voided.get({ id, reason, at }) as string | undefined) ?? null,
    retireNumber: (number: string, state: 'used' | 'void', shipmentId: string | null) => q.retire.run({ number, state, shipmentId }),
    /** Another station's movement, or the hub's booking of a count (which this station may already hold provisionally). */
    insertStock: (p: OpPayload<'stock.delta'>, e: LogEntry) => q.stock.run({ ...p, ref: p.ref ?? null, at: e.createdAt, hubSeq: e.hubSeq }),
    confirmStock: (id: string, hubSeq: number) => q.confirmStock.run(hubSeq, id),
    confirmDecision: (id: string, hubSeq: number) => q.confirmDecision.run(hubSeq, id),
    insertAudit: (p: OpPayload<'audit.recorded'>) =>
      q.audit.run({ userId: null, authorizerId: null, at: '', ...p, detail: JSON.stringify(p['detail'] ?? {}) }),
    insertDamage: (p: OpPayload<'damage.reported'>, e: LogEntry) =>
      q.damage.run({ ...p, photoHashes: JSON.stringify(p.photoHashes), stationId: e.stationId, hubSeq: e.hubSeq }),
    insertDecision: (p: OpPayload<'damage.decided'>, e: LogEntry) => q.decision.run({ ...p, stationId: e.stationId, hubSeq: e.hubSeq }),
    insertFlag: (p: OpPayload<'flag.raised'>, e: LogEntry) =>
      q.flag.run({ ...p, stationIds: JSON.stringify(p.stationIds), opIds: JSON.stringify(p.opIds), at: e.createdAt, hubSeq: e.hubSeq }),
    resolveFlag: (flagId: string, resolution: string, at: string) => q.resolveFlag.run({ flagId, resolution, at }),
    reopenFlag: (flagId: string) => q.reopenFlag.run(flagId),
    isResolved: (flagId: string) => q.resolved.get(flagId) !== undefined,
    park: (entry: LogEntry, waitingFor: string) => q.park.run({ hubSeq: entry.hubSeq, entry: JSON.stringify(entry), waitingFor }),
    unpark: (hubSeq: number) => q.unpark.run(hubSeq),
    waiting: () => (q.waiting.all() as { hubSeq: number; entry: string }[]).map((w) => ({ hubSeq: w.hubSeq, entry: JSON.parse(w.entry) as LogEntry })),
    waitingCount: () => q.waitingCount.get() as number,
  };
}
