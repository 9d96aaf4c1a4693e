import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, isLate } from '../../lib/format';
import { DeadlineLeft } from '../../components/DeadlineLeft';
import { hostText } from '../../lib/host-text';
import { FetchedWaybill } from '../waybills/FetchedWaybill';
import { useBenchStore } from './bench.store';
import { carrierName } from '../../lib/carrier-name';

/** The open order: id, receiver, deadline and why it is blocked (or that it is open for a reship). */
export const OrderCard = memo(function OrderCard() {
  const { t, i18n } = useTranslation();
  const order = useBenchStore((s) => s.state.order);
  const shipments = useBenchStore((s) => s.state.shipments);
  const left = useBenchStore((s) => s.state.lines.reduce((n, l) => n + Math.max(0, l.qty - l.verified), 0));
  if (!order) return null;
  const late = isLate(order.shipDeadline);
  const active = shipments.filter((s) => s.voidedAt === null);
  return (
    <section className="card order-card" data-testid="order-card" data-order-id={order.id}>
      <div className="order-card-id" data-testid="order-id">
        {order.externalId}
      </div>
      <div className="order-card-status">
        {/* A file that did not say the status (null): nothing is claimed for the platform. */}
        {order.platformStatus === null ? t('orders.platformUnknown') : t('orders.platformSays', { status: t(`platformStatus.${order.platformStatus}`) })}
      </div>
      <dl className="kv">
        <dt>{t('bench.receiver')}</dt>
        <dd data-testid="order-receiver">
          {order.receiverName} · {order.province} {order.city}
        </dd>
        <dt>{t('bench.buyer')}</dt>
        <dd>{order.buyerNick || '—'}</dd>
        <dt>{t('bench.deadline')}</dt>
        <dd className={late ? 'late' : ''} data-testid="order-deadline" data-late={late}>
          {formatDateTime(order.shipDeadline, i18n.language)}
          {active.length === 0 && !order.blockedReason && <DeadlineLeft deadline={order.shipDeadline} className="deadline-left" />}
        </dd>
      </dl>
      {active.length === 0 && <FetchedWaybill orderId={order.id} />}
      {order.blockedReason && active.length === 0 && (
        <div className="order-blocked" role="alert" data-testid="order-blocked">
          {t('bench.blockedReason', { reason: hostText(t, order.blockedReason) })}
        </div>
      )}
      {order.reship && (
        <div className="order-reship" role="status" data-testid="order-reship">
          {t('bench.reship', {
            sku: order.reship.skuCode, qty: order.reship.qty, reason: t(`damageReview.reasons.${order.reship.reason}`), tracking: order.reship.ofTrackingNo ?? '—',
          })}
        </div>
      )}
      {active.length > 0 && !order.reship && (
        <div className="order-shipped" data-testid="order-shipped">
          {left > 0 ? t('bench.partlyShippedNote', { count: left }) : t('bench.shippedNote')}
        </div>
      )}
      {active.length > 0 && (
        <ul className="order-shipments" data-testid="order-shipments">
          {active.map((s) => (
            <li key={s.id}>
              {carrierName(t, s.carrierCode, s.carrierName)} <strong>{s.trackingNo}</strong> ({s.parcelNo}/{s.parcelCount})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
