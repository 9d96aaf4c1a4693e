import type { InboxRow } from '#shared/contract/inbox.contract';
import { useNavStore, type Screen } from '../../app/nav.store';
import { useCatalogStore } from '../catalog/catalog.store';
import { useOrdersStore } from '../orders/orders.store';
import { useHandoverStore } from '../handover/handover.store';
import { usePrintQueueStore } from '../print-queue/print-queue.store';
import { useShipmentsStore } from '../shipments/shipments.store';

/** The screen a row's "open" button goes to; the damage review falls back to the order where it is not there. */
function targetScreen(row: InboxRow): Screen | null {
  const has = (screen: Screen) => useNavStore.getState().available.includes(screen);
  switch (row.target) {
    case 'order':
      return row.orderExternalId !== null ? 'orders' : null;
    case 'shipments':
    case 'carriers':
      return 'shipments';
    case 'handover':
      return 'handover';
    case 'catalog':
      return 'catalog';
    case 'print-queue':
      // A print job is only at its own bench.
      return row.benches.some((b) => b.thisBench) ? 'bench' : null;
    case 'damage':
      return has('damage') ? 'damage' : row.orderExternalId !== null ? 'orders' : null;
    case null:
      return null;
  }
}

/**
 * Whether the row's "open" button can take this window anywhere: the screen it goes to must be one
 * this window has (the phone's desk has only its tabs: no orders, parcels, SKUs or bench).
 */
export function canOpen(row: InboxRow): boolean {
  const screen = targetScreen(row);
  return screen !== null && useNavStore.getState().available.includes(screen);
}

/** Goes where the row's evidence can be acted on: the order, the parcel, the SKU, the damage report, the label queue. */
export function openTarget(row: InboxRow): void {
  if (!canOpen(row)) return;
  const go = useNavStore.getState().go;
  // The screen loads its list as it opens, with the search already in place.
  switch (row.target) {
    case 'order':
      useOrdersStore.setState({ query: row.orderExternalId ?? '', filter: 'all', offset: 0 });
      return go('orders');
    case 'shipments':
      useShipmentsStore.setState({ query: row.trackingNo ?? row.orderExternalId ?? '', offset: 0 });
      return go('shipments');
    case 'carriers':
      return go('shipments');
    case 'handover':
      // The handover that left the parcel behind, with its lists.
      if (row.refId) void useHandoverStore.getState().show(row.refId);
      return go('handover');
    case 'catalog':
      useCatalogStore.setState({ query: row.skuCode ?? '', offset: 0 });
      return go('catalog');
    case 'print-queue':
      go('bench');
      return usePrintQueueStore.getState().setOpen(true);
    case 'damage':
      // The review screen opens the report; where it is not there, the order is the way in.
      if (targetScreen(row) === 'damage') return go('damage', undefined, row.refId ?? undefined);
      useOrdersStore.setState({ query: row.orderExternalId ?? '', filter: 'all', offset: 0 });
      return go('orders');
    case null:
      return;
  }
}
