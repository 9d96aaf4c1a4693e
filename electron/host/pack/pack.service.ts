import type { BenchState } from '#shared/contract/bench.contract';
import { createPackBench, type PackDeps } from './pack-bench';
import { createPackBind } from './pack-bind.service';
import { createPackOpen } from './pack-open.service';
import { createPackScan } from './pack-scan.service';
import { createPackShip } from './pack-ship.service';
import { createPackVerify } from './pack-verify.service';
import { createPackWeigh } from './pack-weigh.service';

/**
 * The bench: one scan in, one outcome out. Item scans are matched against the open order's lines
 * (a barcode may be a case pack worth N units); every scan is committed before it is answered;
 * the last right item ships the order when auto-complete is on.
 */
export function createPackService(deps: PackDeps) {
  const bench = createPackBench(deps);
  const ship = createPackShip(bench);
  const weigh = createPackWeigh(bench, ship);
  const verify = createPackVerify(bench, ship, weigh);
  const opening = createPackOpen(bench);
  const bind = createPackBind(bench, verify);

  return {
    getState: bench.state,
    /** The scale's settled weight now (a damage report files it), or null. */
    settledWeight: () => bench.weighing.settledG(),
    cancel(): BenchState {
      bench.close();
      return bench.answer();
    },
    /**
     * Another user logged in at this bench: an order that has shipped, kept on the bench for a reprint
     * or a damage report, is put down. The next packer starts at an empty bench, not at a shipped
     * order's "may not ship" alarm for an order they never scanned.
     */
    userChanged(): void {
      if (!bench.open || !bench.hasShipped(bench.open)) return;
      bench.close();
      deps.onState(bench.state(), 'change');
    },
    stay: opening.stay,
    ship: ship.ship,
    shipChoice: ship.shipChoice,
    /** The scale connected or went away: every window shows it, order open or not. */
    scaleChanged: () => deps.onState(bench.state(), 'change'),
    /** Reloads the open order after something else changed it (print stamped, void, re-import). */
    refresh(): void {
      if (!bench.open) return;
      const order = deps.orders.get(bench.open.order.id);
      bench.open = order ? bench.load(order) : null;
      deps.onState(bench.state(), 'change');
    },
    scan: createPackScan(bench, opening, verify, ship),
    weighed: weigh.weighed,
    acceptWeight: weigh.acceptWeight,
    forceVerify: verify.forceVerify,
    bindLine: bind.bindLine,
    bindBarcode: bind.bindBarcode,
  };
}
export type PackService = ReturnType<typeof createPackService>;
