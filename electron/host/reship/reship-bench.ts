import type { BenchLine, BenchReship } from '#shared/contract/bench.contract';
import type { Order } from '#shared/contract/orders.contract';
import type { CatalogRepo } from '../catalog/catalog.repo';
import type { PackProgressRepo } from '../pack/pack-progress.repo';
import type { ShipInput } from '../shipments/shipments.service';
import type { ReshipRepo, ReshipRequest } from './reship.repo';

/**
 * What the bench needs to pack a reship (补发) through its normal path: an order that already
 * shipped opens for its oldest open reship, whose one line (the damaged SKU × qty) is verified by
 * scan like any order's, with its own progress, and ships as a new parcel that names the report.
 */
export function createReshipBench(deps: { reships: ReshipRepo; catalog: CatalogRepo; progress: PackProgressRepo }) {
  const { catalog } = deps;
  const progressKey = (r: ReshipRequest) => `reship:${r.reportId}`;
  return {
    /** The reship an order opens for at the bench (it shipped, a reship is open), or null. */
    openOf: (order: Order): ReshipRequest | null => (order.packState === 'shipped' ? deps.reships.openOf(order.id) : null),
    /** Still open (not shipped elsewhere, not decided otherwise meanwhile). */
    isOpen: (r: ReshipRequest) => deps.reships.stateOf(r.reportId)?.state === 'open',
    progressKey,
    /** The line to pack and what it weighs. */
    load(r: ReshipRequest, order: Order): { lines: BenchLine[]; itemsWeightG: number | null } {
      const done = deps.progress.progressOf(progressKey(r)).find((p) => p.lineNo === 1);
      const ordered = order.lines.find((l) => l.skuCode === r.skuCode);
      const line: BenchLine = {
        lineNo: 1, skuCode: r.skuCode, title: ordered?.title ?? catalog.nameOf(r.skuCode), props: ordered?.props ?? null, qty: r.qty,
        location: catalog.locationOf(r.skuCode), image: catalog.imageOf(r.skuCode),
        verified: Math.min(done?.verified ?? 0, r.qty), forced: (done?.forced ?? 0) === 1,
      };
      const weight = catalog.weightOf(r.skuCode);
      return { lines: [line], itemsWeightG: weight === null ? null : weight * r.qty };
    },
    /** What the bench shows about it. */
    shown: (r: ReshipRequest): BenchReship => ({ reportId: r.reportId, skuCode: r.skuCode, qty: r.qty, reason: r.reason, ofTrackingNo: r.ofTrackingNo }),
    /** The units that leave and the parcel's link to its report. */
    shipment: (r: ReshipRequest): Pick<ShipInput, 'units' | 'reship'> => ({
      units: new Map([[r.skuCode, r.qty]]),
      reship: { reportId: r.reportId, ofShipmentId: r.ofShipmentId, reason: r.reason },
    }),
  };
}
export type ReshipBench = ReturnType<typeof createReshipBench>;
