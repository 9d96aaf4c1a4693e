import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { Pager } from '../../components/Pager';
import { ScreenHead } from '../../components/ScreenHead';
import { SearchBox } from '../../components/SearchBox';
import { GuardStrip } from '../guard/GuardStrip';
import { PrintQueueBadge } from '../print-queue/PrintQueuePanel';
import { useGuardStore } from '../guard/guard.store';
import { TrackingDialog } from '../tracking/TrackingDialog';
import { ImportPanel } from './ImportPanel';
import { OrderDetailDialog } from './OrderDetailDialog';
import { OrdersTable } from './OrdersTable';
import { WaybillReprintDialog } from './WaybillReprintDialog';
import { useOrdersStore, type OrderFilter } from './orders.store';
import './orders.css';

const filters: OrderFilter[] = ['all', 'open', 'at-risk', 'pickup', 'late', 'blocked', 'shipped', 'handover-missing', 'delivered'];

/** 订单: import platform exports, find orders, see deadlines and blocks, print pick slips. */
export function OrdersScreen() {
  const { t } = useTranslation();
  const s = useOrdersStore();
  useEffect(() => {
    void useOrdersStore.getState().load();
    void useOrdersStore.getState().loadMappings();
  }, []);
  const pickupTime = useGuardStore((g) => g.summary?.pickupTime ?? '');
  // The guard's lists say what they hold, with the numbers the top bar counts (read again on arrival).
  useEffect(() => {
    if (s.filter === 'at-risk' || s.filter === 'pickup') void useGuardStore.getState().load();
  }, [s.filter]);
  const empty = s.loaded && s.total === 0 && s.query === '' && s.filter === 'all';
  return (
    <div className="screen orders" data-testid="orders-screen">
      <ScreenHead title={t('nav.orders')}>
        <div className="toolbar">
          <SearchBox value={s.query} label={t('orders.search')} onSearch={s.setQuery} testId="orders-search" />
          <FilterButtons
            filters={filters}
            value={s.filter}
            onPick={s.setFilter}
            label={(f) => (f === 'pickup' ? t('orders.filters.pickup', { time: pickupTime }) : t(`orders.filters.${f}`))}
            testIdPrefix="orders-filter"
            ariaLabel={t('orders.filter')}
          />
        </div>
      </ScreenHead>
      <ImportPanel />
      {(s.filter === 'at-risk' || s.filter === 'pickup') && <GuardStrip view={s.filter} />}
      <ErrorText error={s.error} />
      {empty ? (
        <div className="empty-state" data-testid="orders-empty">
          <p>{t('orders.empty')}</p>
          <button type="button" className="btn btn-primary btn-lg" disabled={s.samplesLoading} onClick={() => void s.loadSamples()} data-testid="load-samples">
            {s.samplesLoading ? t('common.working') : t('settings.loadSamples')}
          </button>
        </div>
      ) : (
        <>
          <div className="selection-bar">
            <span>{t('orders.selected', { count: s.selected.length })}</span>
            <button type="button" className="btn" disabled={s.selected.length === 0 || s.printing} onClick={() => void s.printPickSlips()} data-testid="print-pick-slips">
              {t('orders.printPickSlips')}
            </button>
            <button type="button" className="btn" disabled={s.selected.length === 0 || s.printing} onClick={() => void s.printPickList()} data-testid="print-pick-list">
              {t('orders.printPickList')}
            </button>
            <button type="button" className="btn" disabled={s.selected.length === 0 || s.printing} onClick={() => void s.printWaybills()} data-testid="print-waybills">
              {t('orders.printWaybills')}
            </button>
            {s.selected.length > 0 && (
              <button type="button" className="btn btn-ghost" onClick={s.clearSelection}>
                {t('orders.clearSelection')}
              </button>
            )}
            {/* The labels print through the label queue: it shows how each one goes, and takes Retry and Reprint. */}
            {s.lastWaybills && (
              <>
                <span className="ok-text" data-testid="orders-waybills-result">
                  {t('orders.waybillsQueued', s.lastWaybills)}
                </span>
                <PrintQueueBadge />
              </>
            )}
            {s.lastPrint && (
              <span className="ok-text" data-testid="orders-print-result">
                {t('devices.printed', { printer: s.lastPrint.printer, file: s.lastPrint.file ?? '—' })}
              </span>
            )}
          </div>
          <OrdersTable />
          <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} onLimit={s.setLimit} />
          {/* Before the tracking dialog: a parcel's timeline opened from the detail opens over it. */}
          <OrderDetailDialog />
          <WaybillReprintDialog />
          <TrackingDialog />
        </>
      )}
    </div>
  );
}
