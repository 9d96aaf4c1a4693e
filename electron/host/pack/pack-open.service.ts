import type { BenchState, ScanResult } from '#shared/contract/bench.contract';
import { msg } from '#shared/i18n/message';
import type { Order } from '#shared/contract/orders.contract';
import { inTransaction } from '../db/open-database';
import type { OpenOrder, PackBench } from './pack-bench';
import { progressOf } from './scan-details';

/** Opening an order at the bench: by its number or a waybill's, claimed for this station, asked about first while another is part packed. */
export function createPackOpen(bench: PackBench) {
  const { deps, weighing } = bench;

  function openOrder(order: Order, code: string): ScanResult {
    // The open order, the claim and the scan in one commit: one fsync for the packer to wait on, not three.
    const { blocked, outcome, scanId, warnings } = inTransaction(deps.db, () => {
      const opened = bench.load(order);
      bench.open = opened;
      bench.choice = null;
      weighing.forOrder(order.id, deps.heldWeightMismatch?.(order.id) ?? null);
      deps.progress.setOpenOrderId(order.id);
      const blocked = bench.blockOf(opened);
      const outcome = blocked ? 'blocked' : 'opened';
      // A reship is its own parcel, packed wherever: the order's first claim is not in question (two parcels for one reship are flagged at the hub).
      const claimedBy = blocked || opened.reship ? null : deps.claimOrder(order.id);
      const warnings = claimedBy ? [msg('pack.claimedElsewhere', { station: claimedBy })] : [];
      return { blocked, outcome, scanId: bench.record(code, outcome), warnings } as const;
    });
    if (!blocked) deps.slipAt?.('open', order.id);
    return bench.result(outcome, scanId, { orderId: order.externalId }, { warnings });
  }

  /**
   * Another order scanned while this one is part packed is one already shipped (not open for a
   * reship): say so and stay. Asking "switch?" first only to say "shipped" after cost a scan and
   * left the half-packed order.
   */
  const shippedAlready = (current: OpenOrder, next: Order) =>
    next.id !== current.order.id && next.packState === 'shipped' && next.blockedReason === null && deps.reship.openOf(next) === null &&
    progressOf(current.lines).verified > 0;

  /**
   * Another order scanned while this one is part packed (and not shipped): ask before leaving it.
   * Nothing is recorded: it is a question; the scan that answers it opens the order (or counts an item).
   */
  function askSwitch(current: OpenOrder, next: Order, asked: string | null): ScanResult | null {
    const { verified, units } = progressOf(current.lines);
    if (next.id === current.order.id || verified === 0 || asked === next.id) return null;
    bench.switchAsked = next.id;
    return bench.result('confirm_switch', null, {
      orderId: next.externalId, fromOrderId: current.order.externalId, verified: String(verified), units: String(units), code: next.externalId,
    });
  }

  function orderOfWaybill(code: string): Order | null {
    const shipment = deps.shipmentsRepo.byTracking(code);
    return shipment ? deps.orders.get(shipment.orderId) : null;
  }

  return {
    openOrder, shippedAlready, askSwitch, orderOfWaybill,
    /** The packer chose to stay with the part-packed order. */
    stay(): BenchState {
      bench.switchAsked = null;
      return bench.answer();
    },
  };
}
export type PackOpen = ReturnType<typeof createPackOpen>;
