import type { ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { inTransaction } from '../db/open-database';
import { SUPERVISORS, type OpenOrder, type PackBench } from './pack-bench';
import type { PackShip } from './pack-ship.service';

/** The parcel on the scale against the order's expected weight: a mismatch holds the order until a supervisor accepts. */
export function createPackWeigh(bench: PackBench, ship: PackShip) {
  const { deps, weighing } = bench;

  /**
   * The expected-weight check on the settled weight of a fully verified order: within tolerance it
   * ships (auto-complete on); outside it raises a flag and holds the order. Null: nothing settled yet.
   */
  function weighAndShip(current: OpenOrder, scanId: string | null, detail: Record<string, string>): ScanResult | null {
    const expectedG = bench.expectedWeight(current);
    const status = bench.checkWeight(current);
    const weightG = weighing.settledG();
    if (status === 'waiting' || weightG === null) return null;
    const weightDetail = { ...detail, weightG: String(weightG), expectedG: String(expectedG ?? '') };
    if ((status === 'light' || status === 'heavy') && weighing.holds() && expectedG !== null) {
      const view = weighing.view('connected');
      deps.raiseWeightFlag(current.order, { weightG, expectedG, deviationG: view.deviationG });
      return bench.result('weight_mismatch', scanId, { ...weightDetail, deviationG: String(view.deviationG) });
    }
    // Within tolerance now, but this parcel weighed wrong before: only a supervisor lets it out.
    if (weighing.holds()) return heldResult(current, scanId, detail);
    if (!deps.settings.get().autoCompleteOnLastScan) return bench.result('verified', scanId, weightDetail);
    return ship.shipped(scanId, weightDetail, ship.shipOpen(bench.withChoice({ partial: false, weightG })));
  }

  /**
   * A mismatch no supervisor accepted: the answer is a mismatch again, with the weight that did not
   * match (`heldG`) beside today's. Nothing new goes to the inbox: its row is still there.
   */
  function heldResult(current: OpenOrder, scanId: string | null, detail: Record<string, string>): ScanResult {
    const expectedG = bench.expectedWeight(current);
    const weightG = weighing.settledG();
    const view = weighing.view('connected');
    return bench.result('weight_mismatch', scanId, {
      ...detail, expectedG: String(expectedG ?? ''), heldG: String(weighing.mismatchG() ?? ''),
      ...(weightG === null ? {} : { weightG: String(weightG), deviationG: String(view.deviationG) }),
    });
  }

  return {
    weighAndShip, heldResult,
    /**
     * A parcel settled on the scale. For a fully verified open order the check runs now (and ships
     * it when it passes); the answer goes to the bench like a scan's. Null when nothing is waiting
     * for a weight (no order, or it already left).
     */
    weighed(grams: number): ScanResult | null {
      const { open } = bench;
      // A shipped order is blocked unless it is open for a reship.
      if (!open || bench.blockOf(open)) return null;
      weighing.settled(grams);
      const answer = bench.isComplete(open) ? weighAndShip(open, null, {}) : null;
      if (!answer) deps.onState(bench.state(), 'change');
      return answer;
    },
    /** A supervisor accepts a weight outside the tolerance (permission or PIN, audited); the order ships when verified. */
    acceptWeight(authorizerPin?: string) {
      const current = bench.requireOpen();
      if (!weighing.holds()) throw new AppError('CONFLICT', msg('pack.noWeightToAccept'));
      // A weight typed since the mismatch is checked (and audited) first: the supervisor lets out what the form shows.
      const typed = bench.withChoice({ partial: false }).weightG;
      if (typed !== undefined && bench.isComplete(current)) ship.checkTypedWeight(current, typed);
      const actor = deps.session.authorize(SUPERVISORS, authorizerPin);
      const expectedG = bench.expectedWeight(current);
      // The parcel leaves with its latest weight; the audit keeps the one that did not match too.
      const weightG = weighing.settledG();
      const mismatchG = weighing.mismatchG();
      // The acceptance and the parcel it lets out are one change: audited in the shipment's transaction.
      const created = inTransaction(deps.db, () => {
        deps.audit.record(actor, 'bench.acceptWeight', current.order.id, { weightG, expectedG, ...(mismatchG !== weightG ? { mismatchG } : {}) });
        weighing.accept();
        deps.weightAccepted(current.order.id, msg('inbox.evidence.weightAccepted', { order: current.order.externalId, weight: mismatchG ?? weightG ?? 0, expected: expectedG ?? 0 }));
        return bench.isComplete(current) ? ship.shipOpen(bench.withChoice({ partial: false, weightG: weightG ?? undefined })) : null;
      });
      return { shipments: created?.shipments ?? [], warnings: created?.warnings ?? [], print: null, state: bench.answer() };
    },
  };
}
export type PackWeigh = ReturnType<typeof createPackWeigh>;
