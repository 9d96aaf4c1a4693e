import type { Db } from '../db/open-database';
import { POOLED_PER_OP } from '#shared/ops/waybill-pooled.op';
import type { OpRecorder } from '../ops/op-recorder';
import type { SyncMetaRepo } from './sync-meta.repo';

/**
 * The hub was restored from a backup (a new epoch): its log is no longer the one this station
 * applied. Everything this station derived from the old log is dropped and rebuilt by pulling the
 * new log from the start; everything it recorded itself (the outbox, scans, parcels, stock
 * movements) stays and goes out again, the hub answering what it still has from its log. Waybill
 * numbers this station still holds from leases are reported again, because the restored hub may
 * not know they were leased. One transaction: a crash leaves the old state or the new, never half.
 */
export function createEpochReset(db: Db, meta: SyncMetaRepo, recorder: OpRecorder, stationId: () => string) {
  const heldNumbers = db.prepare("SELECT carrier_code AS carrierCode, number FROM waybill_numbers WHERE state = 'free' AND lease_id IS NOT NULL ORDER BY carrier_code, number");
  const reset = db.transaction((epoch: string) => {
    meta.setEpoch(epoch);
    meta.setCursor(0);
    db.exec(`
      UPDATE outbox SET hub_seq = NULL, outcome = NULL, reason = NULL, pushed_at = NULL WHERE hub_seq IS NOT NULL OR outcome IS NOT NULL;
      DELETE FROM sync_applied;
      DELETE FROM pending_unknown;
      DELETE FROM flags;
      UPDATE orders SET status_generation = 0, status_rank = 0 WHERE status_generation <> 0 OR status_rank <> 0;
      UPDATE damage_reports SET hub_seq = NULL;
      UPDATE damage_decisions SET hub_seq = NULL;
      UPDATE inbox_resolutions SET hub_seq = NULL;
    `);
    db.prepare('DELETE FROM order_claims WHERE station_id <> ?').run(stationId());
    db.prepare('UPDATE order_claims SET hub_seq = NULL').run();
    const byCarrier = new Map<string, string[]>();
    for (const { carrierCode, number } of heldNumbers.all() as { carrierCode: string; number: string }[]) {
      byCarrier.set(carrierCode, [...(byCarrier.get(carrierCode) ?? []), number]);
    }
    for (const [carrierCode, numbers] of byCarrier) {
      for (let i = 0; i < numbers.length; i += POOLED_PER_OP) {
        recorder.record('waybill.pooled', { carrierCode, numbers: numbers.slice(i, i + POOLED_PER_OP), source: 'held' });
      }
    }
  });
  return (epoch: string) => reset.immediate(epoch);
}
