import type { Claim, ClaimStatus } from '#shared/contract/claims.contract';
import { findCarrier } from '#shared/domain/carriers';
import type { Db } from '../db/open-database';
import { inForceSql } from '../damage/in-force';
import { actorName, type OtherBench } from '../session/person-name';

type Row = {
  id: string; order_id: string | null; external_id: string | null; sku_code: string; sku_name: string | null; qty: number; carrier_code: string;
  tracking_no: string; amount_fen: number; status: ClaimStatus; paid_fen: number | null; filer: string | null; filed_at: string; settler: string | null;
  filer_station: string | null; settler_station: string | null;
  filer_bench: string | null; settler_bench: string | null; settled_at: string | null; settle_note: string | null;
};

// The claim as it stands: the report's latest claim decision (hub order; own unordered ones last).
const CLAIM_DECISION = `(SELECT id FROM damage_decisions WHERE report_id = r.id AND decision = 'claim' ORDER BY hub_seq IS NOT NULL, hub_seq DESC, rowid DESC LIMIT 1)`;
const SETTLEMENT = inForceSql('claim_settlements', 'claim_id', 'r.id');
const DECISION_NOW = inForceSql('damage_decisions', 'report_id', 'r.id', 'decision');
const CLAIMS = `SELECT r.id, r.order_id, o.external_id, r.sku_code, k.name AS sku_name, r.qty, d.carrier_code, d.tracking_no, d.amount_fen,
    coalesce(s.outcome, CASE WHEN ${DECISION_NOW} = 'claim' THEN 'filed' ELSE 'withdrawn' END) AS status,
    s.paid_fen, d.station_id AS filer_station, s.station_id AS settler_station, fu.name AS filer, fu.bench_of AS filer_bench, d.decided_at AS filed_at, su.name AS settler, su.bench_of AS settler_bench, s.settled_at, s.note AS settle_note, r.rowid AS seq
  FROM damage_reports r JOIN damage_decisions d ON d.id = ${CLAIM_DECISION}
  LEFT JOIN claim_settlements s ON s.id = ${SETTLEMENT}
  LEFT JOIN orders o ON o.id = r.order_id LEFT JOIN skus k ON k.code = r.sku_code
  LEFT JOIN users fu ON fu.id = d.decided_by LEFT JOIN users su ON su.id = s.settled_by
  WHERE EXISTS (SELECT 1 FROM damage_decisions x WHERE x.report_id = r.id AND x.decision = 'claim')`;

/**
 * Carrier claims, read from the facts every bench has: a claim is a report's claim decision (its
 * carrier, number and amount), its status the settlement in force, else whether the claim is still
 * the decision in force. Nothing here is written: the appliers of damage.decided and claim.settled are.
 */
export function createClaimsRepo(db: Db, otherBench: OtherBench) {
  const q = {
    page: db.prepare(`SELECT * FROM (${CLAIMS}) WHERE @status = 'all' OR status = @status ORDER BY filed_at DESC, seq DESC LIMIT @limit OFFSET @offset`),
    total: db.prepare(`SELECT count(*) FROM (${CLAIMS}) WHERE @status = 'all' OR status = @status`).pluck(),
    one: db.prepare(`SELECT * FROM (${CLAIMS}) WHERE id = ?`),
  };
  const toClaim = (r: Row): Claim => ({
    id: r.id, orderId: r.order_id, orderExternalId: r.external_id, skuCode: r.sku_code, skuName: r.sku_name ?? '', qty: r.qty,
    carrierCode: r.carrier_code, carrierName: findCarrier(r.carrier_code)?.name ?? r.carrier_code, trackingNo: r.tracking_no, amountFen: r.amount_fen,
    status: r.status, paidFen: r.paid_fen, filedBy: actorName(r.filer, r.filer_bench, otherBench, r.filer_station), filedAt: r.filed_at, settledBy: actorName(r.settler, r.settler_bench, otherBench, r.settler_station), settledAt: r.settled_at, settleNote: r.settle_note ?? '',
  });
  return {
    list(filter: { status: ClaimStatus | 'all'; limit: number; offset: number }) {
      return { total: q.total.get(filter) as number, claims: (q.page.all(filter) as Row[]).map(toClaim) };
    },
    get(id: string): Claim | null {
      const row = q.one.get(id) as Row | undefined;
      return row ? toClaim(row) : null;
    },
  };
}
export type ClaimsRepo = ReturnType<typeof createClaimsRepo>;
