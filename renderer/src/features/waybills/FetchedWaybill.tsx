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
  const ready = mine ? [...mine].reverse().find((w) => w.state === 'ready') : undefined;
  if (!ready) return null;
  const route = [ready.routing.routeCode ?? ready.routing.sortCode, ready.routing.hubName].filter(Boolean).join(' · ');
  return (
    <div className="order-fetched small" data-testid="order-fetched-waybill">
      {t('waybillsUi.orderNumbers')}
      {t('common.colon')}
      <strong className="mono">{ready.trackingNo}</strong>
      {route && <span className="muted"> {route}</span>}
    </div>
  );
}
