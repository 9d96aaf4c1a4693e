import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '#shared/contract/orders.contract';
import { DeadlineLeft } from '../../components/DeadlineLeft';
import { ListTable, SortHeader } from '../../components/ListTable';
import { formatDateTime, isLate } from '../../lib/format';
import { ClipsButton } from '../media/ClipsButton';
import { standingNow, useGuardStore } from '../guard/guard.store';
import { StandingTag } from '../guard/StandingTag';
import { useTrackingStore } from '../tracking/tracking.store';
import { useOrderDetailStore } from './order-detail.store';
import { BlockedReason } from './BlockedReason';
import { OrderStateTag } from './OrderStateTag';
import { useOrdersStore } from './orders.store';

/**
 * The row's own controls (tick box, tracking, clips) keep their meaning; the rest of the row opens the
 * detail. The clips dialog is rendered inside its cell, so a click in it bubbles here too.
 */
const ownControl = 'input, button, a, select, textarea, label, .dialog-backdrop';

const openDetail = (o: OrderSummary) => void useOrderDetailStore.getState().show({ id: o.id, externalId: o.externalId });

function onRowClick(e: MouseEvent<HTMLTableRowElement>, o: OrderSummary) {
  if (e.target instanceof Element && e.target.closest(ownControl)) return;
  // Dragging over an order id to copy it is not a request to open it.
  if (window.getSelection()?.toString()) return;
  openDetail(o);
}

function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, o: OrderSummary) {
  if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
  e.preventDefault();
  openDetail(o);
}

export function OrdersTable() {
  const { t, i18n } = useTranslation();
  const orders = useOrdersStore((s) => s.orders);
  const selected = useOrdersStore((s) => s.selected);
  const loading = useOrdersStore((s) => s.loading);
  const sort = useOrdersStore((s) => s.sort);
  const dir = useOrdersStore((s) => s.dir);
  const { toggle, toggleAllOnPage, setSort } = useOrdersStore.getState();
  const sorted = { sort, dir, onSort: setSort };
  const allOnPage = orders.length > 0 && orders.every((o) => selected.includes(o.id));
  const now = Date.now();
  const guard = useGuardStore((g) => g.summary);
  return (
    <ListTable
      items={orders}
      columns={9}
      loading={loading}
      emptyText={t('orders.noMatch')}
      testId="orders-table"
      className="orders-table"
      head={
        <>
          <th className="col-check">
            <input type="checkbox" checked={allOnPage} onChange={toggleAllOnPage} aria-label={t('orders.selectPage')} />
          </th>
          <SortHeader label={t('orders.colId')} sortKey="externalId" {...sorted} />
          <th>{t('orders.colBuyer')}</th>
          <th>{t('orders.colReceiver')}</th>
          <th className="num">{t('orders.colItems')}</th>
          <SortHeader label={t('orders.colPaid')} sortKey="paidAt" {...sorted} />
          <SortHeader label={t('orders.colDeadline')} sortKey="deadline" {...sorted} />
          <th>{t('orders.colState')}</th>
          <th>{t('orders.colNotes')}</th>
        </>
      }
      row={(o) => {
        const late = o.packState === 'open' && isLate(o.shipDeadline, now);
        return (
          <tr
            key={o.id}
            className={late ? 'row-open row-late' : o.blockedReason ? 'row-open row-blocked' : 'row-open'}
            data-testid={`order-row-${o.externalId}`}
            data-late={late}
            tabIndex={0}
            aria-haspopup="dialog"
            title={t('orders.detail.open')}
            onClick={(e) => onRowClick(e, o)}
            onKeyDown={(e) => onRowKey(e, o)}
          >
            <td className="col-check">
              <input type="checkbox" checked={selected.includes(o.id)} onChange={() => toggle(o.id)} aria-label={o.externalId} />
            </td>
            <td className="mono">
              {o.externalId}
              {o.clipCount > 0 && (
                <div>
                  <ClipsButton orderId={o.id} externalId={o.externalId} />
                </div>
              )}
            </td>
            <td>{o.buyerNick}</td>
            <td>
              {o.receiverName}
              <div className="muted small">
                {o.province} {o.city}
              </div>
            </td>
            <td className="num">{o.itemCount}</td>
            <td className="small nowrap">{formatDateTime(o.paidAt, i18n.language)}</td>
            <td className={late ? 'late small nowrap' : 'small nowrap'}>
              {formatDateTime(o.shipDeadline, i18n.language)}
              {/* Time left only for an order that may still ship: a refunded or cancelled one has none to run out. */}
              {o.packState === 'open' && !o.blockedReason && <DeadlineLeft deadline={o.shipDeadline} now={now} block />}
              {o.packState === 'open' && !o.blockedReason && guard && <StandingTag standing={standingNow(o.shipDeadline, guard, now)} />}
            </td>
            <td>
              <OrderStateTag order={o} />
              {o.packState === 'shipped' && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => void useTrackingStore.getState().show(o.id)} data-testid={`order-tracking-${o.externalId}`}>
                  {t('tracking.timeline.button')}
                </button>
              )}
              {/* An order whose file did not say the status (null) claims none in the list. */}
              {o.platformStatus !== null && <div className="small muted">{t('orders.platformSays', { status: t(`platformStatus.${o.platformStatus}`) })}</div>}
              {o.blockedReason && (
                <div>
                  <BlockedReason reason={o.blockedReason} className="small blocked-reason" />
                </div>
              )}
            </td>
            <td className="small notes-cell">
              {o.buyerMessage && (
                <div>
                  <b>{t('bench.buyerMessage')}</b> {o.buyerMessage}
                </div>
              )}
              {o.sellerMemo && (
                <div>
                  <b>{t('bench.sellerMemo')}</b> {o.sellerMemo}
                </div>
              )}
            </td>
          </tr>
        );
      }}
    />
  );
}
