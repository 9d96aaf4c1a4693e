import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { SUPERVISORS, type OpenOrder, type PackBench, type ShipChoice, type ShipOptions } from './pack-bench';
import { unitsLeaving } from './scan-details';

/** Shipping the open order: whole (every unit verified, the weight in tolerance) or partial (a supervisor's say). */
export function createPackShip(bench: PackBench) {
  const { deps, weighing } = bench;
  const { orders, session } = deps;

  /**
   * A weight typed (not weighed: no scale has settled one) for a whole parcel goes through the
   * scale's check: outside the tolerance it holds the order for a supervisor and goes to the inbox
   * (its one row). Packers typed 2500 g for a 1563 g order and it shipped with only a warning on screen.
   * Typed again while held, it is checked again, so what leaves is the weight on the form: skipping
   * it shipped a 2-parcel order at the 800 g typed first (400 g a parcel) with 207 g on the form.
   * A mismatch a connected scale weighed is put right on the scale (its settled weight wins).
   */
  function checkTypedWeight(current: OpenOrder, weightG: number): void {
    if (weighing.accepted() || weighing.settledG() === weightG) return;
    if (weighing.holds() && weighing.settledG() !== null && !weighing.typed() && deps.scaleStatus() === 'connected') return;
    weighing.settled(weightG, 'typed');
    const expectedG = bench.expectedWeight(current);
    const status = bench.checkWeight(current);
    if ((status === 'light' || status === 'heavy') && expectedG !== null) {
      deps.raiseWeightFlag(current.order, { weightG, expectedG, deviationG: weighing.view('none').deviationG });
    }
  }

  /** Ships the open order; the caller answers with the state. */
  function shipOpen(options: ShipOptions) {
    const current = bench.requireOpen();
    const blocked = bench.blockOf(current);
    if (blocked) throw new AppError('BLOCKED', blocked);
    // A reship leaves whole: its one line is what the supervisor decided to send.
    const partial = options.partial && !current.reship;
    if (current.reship && !deps.reship.isOpen(current.reship)) throw new AppError('CONFLICT', msg('pack.reshipNotOpen', { order: current.order.externalId }));
    if (!partial && !bench.isComplete(current)) throw new AppError('CONFLICT', msg('pack.notAllVerified'));
    if (!partial && options.weightG !== undefined) checkTypedWeight(current, options.weightG);
    if (!partial && weighing.holds()) {
      throw new AppError('CONFLICT', msg('pack.weightMismatch', { weight: weighing.mismatchG() ?? 0, expected: bench.expectedWeight(current) ?? 0 }));
    }
    // With a scale set up every whole parcel is weighed: the ship button (or PD:SHIP) with an empty
    // weight box and nothing settled shipped it unweighed, the whole weight check skipped.
    if (!partial && deps.scaleStatus() !== null && !weighing.accepted() && options.weightG === undefined && weighing.settledG() === null) {
      throw new AppError('CONFLICT', msg('pack.weighFirst'));
    }
    const { units, reship } = current.reship ? deps.reship.shipment(current.reship) : { units: unitsLeaving(current.lines, deps.shipmentsRepo.shippedUnits(current.order.id), partial), reship: null };
    if (partial && units.size === 0) throw new AppError('CONFLICT', msg('pack.nothingNewToShip'));
    // Asked only now: a shipment that cannot happen is refused before anyone is asked for a PIN.
    const actor = partial ? session.authorize(SUPERVISORS, options.authorizerPin) : session.authorize(['packer', ...SUPERVISORS]);
    const weightG = options.weightG ?? weighing.settledG();
    const carrierCode = options.carrierCode ?? bench.carrierByRules(current, weightG, [...units.keys()]);
    const created = deps.shipments.create({ order: current.order, carrierCode, parcelCount: options.parcelCount, weightG, partial, units, actor, reship });
    current.order = orders.get(current.order.id) ?? current.order;
    // Shipped like any order: the next scan of it opens its next reship, if another is waiting.
    current.reship = null;
    void deps.printShipments(created.shipments.map((s) => s.id));
    // Read after printing: a number printed at 取号 is stamped printed just now, and the answer must
    // carry that so the bench says 贴上预打印的面单 rather than sending the packer to the printer.
    current.shipments = deps.shipmentsRepo.ofOrder(current.order.id);
    const shipments = created.shipments.map((s) => current.shipments.find((f) => f.id === s.id) ?? s);
    deps.slipAt?.('ship', current.order.id);
    return { ...created, shipments };
  }

  /** A scan's answer for a parcel that just left: its (first) tracking number and the shipment's warnings. */
  const shipped = (scanId: string | null, detail: Record<string, string>, created: ReturnType<typeof shipOpen>) =>
    bench.result('completed', scanId, { ...detail, trackingNo: created.shipments[0]?.trackingNo ?? '' }, {
      shipment: created.shipments[0] ?? null, warnings: created.warnings,
    });

  return {
    checkTypedWeight, shipOpen, shipped,
    ship: (options: Partial<ShipOptions> & { partial: boolean }) => ({ ...shipOpen(bench.withChoice(options)), print: null, state: bench.answer() }),
    /** The packer changed the ship form: kept for the open order only. */
    shipChoice(c: ShipChoice): Record<string, never> {
      if (c.orderId === bench.open?.order.id) bench.choice = c;
      return {};
    },
  };
}
export type PackShip = ReturnType<typeof createPackShip>;
