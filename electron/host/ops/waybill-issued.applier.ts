import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * A provider issued a number for an order: it is ready for the order's first parcel at every
 * bench (offline too), and scanning the pre-printed waybill opens the order. Nothing waits for the
 * order: the number is kept either way, and the order finds it when it arrives.
 */
export function waybillIssuedApplier({ providerWaybills, stationId }: ApplierDeps): Applier<'waybill.issued'> {
  return {
    apply(p, m) {
      // Who cancels it later: the hub, or the station that holds the account (this one, for its own op).
      providerWaybills.insertIssued(p, p.issuer === 'hub' ? 'hub' : m.own ? stationId() : m.author);
    },
  };
}
