import { useTranslation } from 'react-i18next';
import { DeadlineLeft } from '../../components/DeadlineLeft';
import { ListTable, SortHeader } from '../../components/ListTable';
import { formatDateTime, isLate } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { ClipsButton } from '../media/ClipsButton';
import { standingNow, useGuardStore } from '../guard/guard.store';
import { StandingTag } from '../guard/StandingTag';
import { useTrackingStore } from '../tracking/tracking.store';
import { useOrdersStore } from './orders.store';

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
          <tr key={o.id} className={late ? 'row-late' : o.blockedReason ? 'row-blocked' : ''} data-testid={`order-row-${o.externalId}`} data-late={late}>
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
              {o.packState === 'open' && <DeadlineLeft deadline={o.shipDeadline} now={now} block />}
              {o.packState === 'open' && !o.blockedReason && guard && <StandingTag standing={standingNow(o.shipDeadline, guard, now)} />}
            </td>
            <td>
              <span className={`tag tag-${o.blockedReason ? 'blocked' : o.deliveredAt ? 'shipped' : o.packState}`} data-testid="order-state">
                {o.blockedReason ? t('orders.blocked') : t(`orders.packState.${o.deliveredAt ? 'delivered' : o.packState}`)}
              </span>
              {o.packState === 'shipped' && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => void useTrackingStore.getState().show(o.id)} data-testid={`order-tracking-${o.externalId}`}>
                  {t('tracking.timeline.button')}
                </button>
              )}
              <div className="small muted">{t(`platformStatus.${o.platformStatus}`)}</div>
              {o.blockedReason && <div className="small blocked-reason">{hostText(t, o.blockedReason)}</div>}
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
