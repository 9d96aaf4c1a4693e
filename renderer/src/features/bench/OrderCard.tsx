import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, isLate } from '../../lib/format';
import { DeadlineLeft } from '../../components/DeadlineLeft';
import { useBenchStore } from './bench.store';

/** The open order: id, receiver, deadline and why it is blocked. */
export const OrderCard = memo(function OrderCard() {
  const { t, i18n } = useTranslation();
  const order = useBenchStore((s) => s.state.order);
  const shipments = useBenchStore((s) => s.state.shipments);
  if (!order) return null;
  const late = isLate(order.shipDeadline);
  const active = shipments.filter((s) => s.voidedAt === null);
  return (
    <section className="card order-card" data-testid="order-card" data-order-id={order.id}>
      <div className="order-card-id" data-testid="order-id">
        {order.externalId}
      </div>
      <div className="order-card-status">{t(`platformStatus.${order.platformStatus}`)}</div>
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
          {active.length === 0 && <DeadlineLeft deadline={order.shipDeadline} className="deadline-left" />}
        </dd>
      </dl>
      {order.blockedReason && active.length === 0 && (
        <div className="order-blocked" role="alert" data-testid="order-blocked">
          {t('bench.blockedReason', { reason: order.blockedReason })}
        </div>
      )}
      {active.length > 0 && (
        <div className="order-shipped" data-testid="order-shipped">
          {t('bench.shippedNote')}
        </div>
      )}
      {active.length > 0 && (
        <ul className="order-shipments" data-testid="order-shipments">
          {active.map((s) => (
            <li key={s.id}>
              {s.carrierName} <strong>{s.trackingNo}</strong> ({s.parcelNo}/{s.parcelCount})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});

/** 买家留言 and 卖家备注, big and highlighted: they change what goes in the box. */
export const OrderNotes = memo(function OrderNotes() {
  const { t } = useTranslation();
  const buyerMessage = useBenchStore((s) => s.state.order?.buyerMessage ?? '');
  const sellerMemo = useBenchStore((s) => s.state.order?.sellerMemo ?? '');
  if (!buyerMessage.trim() && !sellerMemo.trim()) return null;
  return (
    <section className="order-notes" data-testid="order-notes" role="note">
      {buyerMessage.trim() && (
        <div className="order-note" data-testid="buyer-message">
          <span className="order-note-label">{t('bench.buyerMessage')}</span>
          <span className="order-note-text">{buyerMessage}</span>
        </div>
      )}
      {sellerMemo.trim() && (
        <div className="order-note" data-testid="seller-memo">
          <span className="order-note-label">{t('bench.sellerMemo')}</span>
          <span className="order-note-text">{sellerMemo}</span>
        </div>
      )}
    </section>
  );
});

/** Problems after a parcel was committed: shown until the next order opens. */
export const BenchWarnings = memo(function BenchWarnings() {
  const { t } = useTranslation();
  const warnings = useBenchStore((s) => s.warnings);
  const printUnconfirmed = useBenchStore((s) => s.printUnconfirmed);
  if (warnings.length === 0 && printUnconfirmed === null) return null;
  return (
    <section className="bench-warnings" role="alert" data-testid="bench-warnings" data-count={warnings.length + (printUnconfirmed ? 1 : 0)}>
      <strong>{t('bench.warnings')}</strong>
      <ul>
        {printUnconfirmed && <li data-testid="print-unconfirmed">{t('bench.printUnconfirmed', { tracking: printUnconfirmed })}</li>}
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </section>
  );
});

/** The waybill just printed, as the host rendered it. */
export const LabelPreview = memo(function LabelPreview() {
  const { t } = useTranslation();
  const preview = useBenchStore((s) => s.preview);
  if (!preview) return null;
  return (
    <section className="card label-preview">
      <h3>{t('bench.labelPreview')}</h3>
      <img
        src={`data:image/png;base64,${preview.pngBase64}`}
        alt={t('bench.labelPreviewAlt')}
        data-testid="label-preview"
        data-shipment-id={preview.shipmentId}
        style={{ aspectRatio: `${preview.widthMm} / ${preview.heightMm}` }}
      />
    </section>
  );
});
