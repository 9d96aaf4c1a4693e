import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '#shared/contract/orders.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import { formatFen } from '#shared/domain/money';
import { DeadlineLeft } from '../../components/DeadlineLeft';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime } from '../../lib/format';
import { OrderLinesTable } from './OrderLinesTable';
import { OrderParcelsTable } from './OrderParcelsTable';
import { BlockedReason } from './BlockedReason';
import { OrderStateTag } from './OrderStateTag';
import { ReleaseHoldForm } from './ReleaseHoldForm';
import { useOrderDetailStore } from './order-detail.store';

type Fact = [label: string, value: ReactNode, testId?: string];

/**
 * One order as the office reads it, without opening it at the bench (which would start a packing
 * session): status, dates, the full receiver, the buyer's message and the seller's memo, the lines
 * and the parcels. Nothing is masked: the owner's own screen, as the list beside it.
 */
export function OrderDetailDialog() {
  const { t } = useTranslation();
  const s = useOrderDetailStore();
  if (s.showing === null) return null;
  const o = s.order;
  return (
    <Dialog
      title={t('orders.detail.title', { id: s.showing.externalId })}
      onClose={s.close}
      wide
      testId="order-detail"
      actions={
        <button type="button" className="btn" onClick={s.close} data-testid="order-detail-close">
          {t('common.close')}
        </button>
      }
    >
      <ErrorText error={s.error} testId="order-detail-error" />
      {s.loading && <p className="muted">{t('common.loading')}</p>}
      {o && (
        <>
          <StatusLine order={o} parcels={s.parcels} />
          <ReleaseHoldForm key={o.id} order={o} onReleased={s.replaced} />
          <Facts facts={orderFacts(o, t)} testId="order-detail-facts" />
          <section className="order-detail-section">
            <h3>{t('orders.colReceiver')}</h3>
            <Facts facts={receiverFacts(o, t)} testId="order-detail-receiver" />
          </section>
          <section className="order-detail-section">
            <h3>{t('orders.detail.notes')}</h3>
            <Facts
              facts={[
                [t('bench.buyerMessage'), noteValue(o.buyerMessage, t), 'order-detail-buyer-message'],
                [t('bench.sellerMemo'), noteValue(o.sellerMemo, t), 'order-detail-seller-memo'],
              ]}
              className="order-detail-notes"
            />
          </section>
          <OrderLinesTable lines={o.lines} />
        </>
      )}
      {!s.error && <OrderParcelsTable parcels={s.parcels} error={s.parcelsError} />}
    </Dialog>
  );
}

/** The state tag, the platform's status, and why the bench must not ship it when it must not. */
function StatusLine({ order: o, parcels }: { order: Order; parcels: readonly Shipment[] | null }) {
  const { t } = useTranslation();
  // A parcel the last handover that named it listed missing (少件) and none has taken since: tagged as the list does.
  const handoverMissing = (parcels ?? []).some((p) => p.voidedAt === null && p.handedOverAt === null && p.handover?.state === 'missing');
  return (
    <p className="order-detail-status" data-testid="order-detail-status">
      {/* A file that did not say the status (null): nothing is claimed for the platform. */}
      <OrderStateTag order={{ ...o, handoverMissing }} />{' '}
      <span className="muted">{o.platformStatus === null ? t('orders.platformUnknown') : t('orders.platformSays', { status: t(`platformStatus.${o.platformStatus}`) })}</span>
      {o.blockedReason && <> <BlockedReason reason={o.blockedReason} className="blocked-reason" /></>}
    </p>
  );
}

function Facts({ facts, testId, className }: { facts: Fact[]; testId?: string; className?: string }) {
  return (
    <dl className={className ? `order-detail-facts ${className}` : 'order-detail-facts'} data-testid={testId}>
      {facts.map(([label, value, id]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd data-testid={id}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

/** A message in the notes' colour, which is how the packer spots one; 无 in plain muted text, so nothing looks like a note. */
const noteValue = (text: string, t: T) => (text ? <span className="order-detail-note">{text}</span> : <span className="muted">{t('orders.detail.none')}</span>);
const yuan = (fen: number | null) => (fen === null ? '—' : `¥${formatFen(fen)}`);

function orderFacts(o: Order, t: T): Fact[] {
  const lang = currentLanguage();
  const facts: Fact[] = [
    [t('orders.colBuyer'), o.buyerNick || '—'],
    [t('orders.detail.createdAt'), formatDateTime(o.createdAt, lang)],
    [t('orders.colPaid'), formatDateTime(o.paidAt, lang)],
    [
      t('orders.colDeadline'),
      <>
        {formatDateTime(o.shipDeadline, lang)}
        {o.packState === 'open' && !o.blockedReason && <DeadlineLeft deadline={o.shipDeadline} className="muted small" block />}
      </>,
      'order-detail-deadline',
    ],
    [t('orders.detail.paid'), yuan(o.paidFen)],
    [t('orders.detail.postage'), yuan(o.postageFen)],
  ];
  if (o.deliveredAt) facts.push([t('orders.detail.deliveredAt'), formatDateTime(o.deliveredAt, lang)]);
  // A waybill the shop already put on the platform (pre-printed), before Packdesk shipped anything.
  if (o.carrierName || o.trackingNo) facts.push([t('orders.detail.platformShipping'), `${o.carrierName} ${o.trackingNo}`.trim()]);
  return facts;
}

function receiverFacts(o: Order, t: T): Fact[] {
  const r = o.receiver;
  const address = [r.province, r.city, r.district, r.detail].filter((part) => part.trim() !== '').join(' ');
  return [
    [t('orders.detail.name'), r.name || '—', 'order-detail-receiver-name'],
    [t('orders.detail.mobile'), r.mobile || '—'],
    [t('orders.detail.phone'), r.phone || '—'],
    [t('orders.detail.address'), address || '—', 'order-detail-address'],
    [t('orders.detail.zip'), r.zip || '—'],
  ];
}
