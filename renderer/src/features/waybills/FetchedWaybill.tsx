import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useWaybillsStore } from './waybills.store';
import './waybills.css';

/** On the bench's order card: the e-waybill number fetched for this order (打单拣货), with its routing. */
export function FetchedWaybill({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const mine = useWaybillsStore((s) => (s.ofOrder?.orderId === orderId ? s.ofOrder.numbers : null));
  useEffect(() => {
    void useWaybillsStore.getState().loadOfOrder(orderId);
  }, [orderId]);
  // A 子母件's parent is the order's number; its children follow it (the card names how many).
  const live = mine?.filter((w) => w.state === 'ready') ?? [];
  const ready = live.find((w) => w.parentNo === null) ?? live.at(-1);
  if (!ready) return null;
  const children = live.filter((w) => w.parentNo === ready.trackingNo).length;
  const route = [ready.routing.routeCode ?? ready.routing.sortCode, ready.routing.hubName].filter(Boolean).join(' · ');
  return (
    <div className="order-fetched small" data-testid="order-fetched-waybill">
      {t('waybillsUi.orderNumbers')}
      {t('common.colon')}
      <strong className="mono">{ready.trackingNo}</strong>
      {children > 0 && <span> {t('waybillsUi.orderChildren', { count: children })}</span>}
      {route && <span className="muted"> {route}</span>}
    </div>
  );
}
