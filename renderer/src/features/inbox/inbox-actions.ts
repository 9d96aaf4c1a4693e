import type { InboxRow } from '#shared/contract/inbox.contract';
import { screens, useNavStore, type Screen } from '../../app/nav.store';
import { useCatalogStore } from '../catalog/catalog.store';
import { useOrdersStore } from '../orders/orders.store';
import { useHandoverStore } from '../handover/handover.store';
import { usePrintQueueStore } from '../print-queue/print-queue.store';
import { useShipmentsStore } from '../shipments/shipments.store';

/** The damage review screen, by name (wired into the nav where it exists). */
const DAMAGE_SCREEN = 'damage';

/** Whether the row's "open" button can take this bench anywhere (a print job is only at its own bench). */
export function canOpen(row: InboxRow): boolean {
  if (row.target === null) return false;
  if (row.target === 'print-queue') return row.benches.some((b) => b.thisBench);
  if (row.target === 'order') return row.orderExternalId !== null;
  if (row.target === 'damage') return (screens as readonly string[]).includes(DAMAGE_SCREEN) || row.orderExternalId !== null;
  return true;
}

/** Goes where the row's evidence can be acted on: the order, the parcel, the SKU, the damage report, the label queue. */
export function openTarget(row: InboxRow): void {
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
      // The review screen opens the report; until it is there, the order is the way in.
      if ((screens as readonly string[]).includes(DAMAGE_SCREEN)) return go(DAMAGE_SCREEN as Screen, undefined, row.refId ?? undefined);
      if (row.orderExternalId) {
        useOrdersStore.setState({ query: row.orderExternalId, filter: 'all', offset: 0 });
        return go('orders');
      }
      return;
    case null:
      return;
  }
}
