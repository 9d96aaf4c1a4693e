import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { Pager } from '../../components/Pager';
import { ImportPanel } from './ImportPanel';
import { OrdersTable } from './OrdersTable';
import { useOrdersStore, type OrderFilter } from './orders.store';
import './orders.css';

const filters: OrderFilter[] = ['all', 'open', 'late', 'blocked', 'shipped'];

/** 订单: import platform exports, find orders, see deadlines and blocks, print pick slips. */
export function OrdersScreen() {
  const { t } = useTranslation();
  const s = useOrdersStore();
  useEffect(() => {
    void useOrdersStore.getState().load();
    void useOrdersStore.getState().loadMappings();
  }, []);
  const empty = s.loaded && s.total === 0 && s.query === '' && s.filter === 'all';
  return (
    <div className="screen orders" data-testid="orders-screen">
      <div className="screen-head">
        <h1>{t('nav.orders')}</h1>
        <div className="toolbar">
          <input
            className="input input-search"
            type="search"
            value={s.query}
            placeholder={t('orders.search')}
            aria-label={t('orders.search')}
            onChange={(e) => s.setQuery(e.target.value)}
            data-testid="orders-search"
          />
          <div className="segmented" role="group" aria-label={t('orders.filter')}>
            {filters.map((f) => (
              <button
                type="button"
                key={f}
                className={s.filter === f ? 'seg seg-on' : 'seg'}
                aria-pressed={s.filter === f}
                onClick={() => s.setFilter(f)}
                data-testid={`orders-filter-${f}`}
              >
                {t(`orders.filters.${f}`)}
              </button>
            ))}
          </div>
        </div>
      </div>
      <ImportPanel />
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
            {s.selected.length > 0 && (
              <button type="button" className="btn btn-ghost" onClick={s.clearSelection}>
                {t('orders.clearSelection')}
              </button>
            )}
            {s.lastPrint && (
              <span className="ok-text" data-testid="orders-print-result">
                {t('devices.printed', { printer: s.lastPrint.printer, file: s.lastPrint.file ?? '—' })}
              </span>
            )}
          </div>
          <OrdersTable />
          <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} />
        </>
      )}
    </div>
  );
}
