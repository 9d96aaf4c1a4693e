import type { Db } from '../db/open-database';

export type PoolCounts = { free: number; used: number; void: number };

/** Waybill numbers per carrier. A number only moves free → used → void, so it is never handed out twice. */
export function createWaybillPoolRepo(db: Db) {
  const q = {
    add: db.prepare(`INSERT INTO waybill_numbers (number, carrier_code, state, added_at)
      SELECT @number, @carrierCode, 'free', @at
      WHERE NOT EXISTS (SELECT 1 FROM shipments WHERE tracking_no = @number)
      ON CONFLICT (number) DO NOTHING`),
    nextFree: db.prepare(
      "SELECT number FROM waybill_numbers WHERE carrier_code = ? AND state = 'free' ORDER BY number LIMIT 1",
    ).pluck(),
    take: db.prepare("UPDATE waybill_numbers SET state = 'used', shipment_id = @shipmentId WHERE number = @number AND state = 'free'"),
    retire: db.prepare("UPDATE waybill_numbers SET state = 'void' WHERE number = ?"),
    retireFree: db.prepare("UPDATE waybill_numbers SET state = @state, shipment_id = coalesce(@shipmentId, shipment_id) WHERE number = @number AND state = 'free'"),
    // A number this pool never had: remembered as retired, naming the bench that holds it.
    heldBy: db.prepare(`INSERT INTO waybill_numbers (number, carrier_code, state, added_at, held_by) VALUES (@number, @carrierCode, 'void', @at, @heldBy)
      ON CONFLICT (number) DO UPDATE SET state = 'void' WHERE state = 'free'`),
    isHeldElsewhere: db.prepare('SELECT 1 FROM waybill_numbers WHERE number = ? AND held_by IS NOT NULL').pluck(),
    addLeased: db.prepare(`INSERT INTO waybill_numbers (number, carrier_code, state, added_at, lease_id)
      SELECT @number, @carrierCode, 'free', @at, @leaseId WHERE NOT EXISTS (SELECT 1 FROM shipments WHERE tracking_no = @number)
      ON CONFLICT (number) DO NOTHING`),
    counts: db.prepare('SELECT carrier_code AS code, state, count(*) AS n FROM waybill_numbers WHERE held_by IS NULL GROUP BY carrier_code, state'),
    free: db.prepare("SELECT count(*) FROM waybill_numbers WHERE carrier_code = ? AND state = 'free'").pluck(),
  };
  return {
    /**
     * Adds numbers: those new here, in order. Numbers already known (or already shipped) are
     * skipped; `heldElsewhere` counts those among them another bench holds.
     */
    add(carrierCode: string, numbers: readonly string[], at: string): { added: string[]; heldElsewhere: number } {
      const added: string[] = [];
      let heldElsewhere = 0;
      for (const number of numbers) {
        if (q.add.run({ number, carrierCode, at }).changes === 1) added.push(number);
        else if (q.isHeldElsewhere.get(number) !== undefined) heldElsewhere++;
      }
      return { added, heldElsewhere };
    },
    /** Numbers the hub leased to this station (never to any other); call inside a transaction. */
    addLeased(carrierCode: string, numbers: readonly string[], leaseId: string, at: string): void {
      for (const number of numbers) q.addLeased.run({ number, carrierCode, leaseId, at });
    },
    /** Takes the lowest free number of a carrier for a shipment; call inside the shipment's transaction. */
    take(carrierCode: string, shipmentId: string): string | null {
      const number = q.nextFree.get(carrierCode) as string | undefined;
      if (number === undefined) return null;
      if (q.take.run({ number, shipmentId }).changes !== 1) throw new Error(`waybill number ${number} was taken twice`);
      return number;
    },
    /** A voided parcel's number: never handed out again. */
    retire: (number: string) => q.retire.run(number),
    /** A number another station used or holds: if this pool has it free, it is not this station's to use. */
    retireFree: (number: string, state: 'used' | 'void', shipmentId: string | null) => q.retireFree.run({ number, state, shipmentId }),
    /**
     * Numbers another bench holds (its import or lease, or numbers the hub retired): retired here if
     * this pool has them free, remembered if not, so a later import here leaves them out.
     */
    heldElsewhere(carrierCode: string, numbers: readonly string[], heldBy: string, at: string): void {
      for (const number of numbers) q.heldBy.run({ number, carrierCode, at, heldBy });
    },
    freeCount: (carrierCode: string) => q.free.get(carrierCode) as number,
    counts(): Map<string, PoolCounts> {
      const out = new Map<string, PoolCounts>();
      for (const row of q.counts.all() as { code: string; state: keyof PoolCounts; n: number }[]) {
        const c = out.get(row.code) ?? { free: 0, used: 0, void: 0 };
        c[row.state] = row.n;
        out.set(row.code, c);
      }
      return out;
    },
  };
}
export type WaybillPoolRepo = ReturnType<typeof createWaybillPoolRepo>;
