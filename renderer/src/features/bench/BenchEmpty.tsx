import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/client';
import { useNavStore } from '../../app/nav.store';

/** Once the station is known to hold orders, the bench stops asking (a count of a million rows is not free between scans). */
let holdsOrders = false;

/** For tests: forget what the bench learned. */
export const forgetHeldOrders = (): void => {
  holdsOrders = false;
};

/**
 * The bench with no order open. A fresh station with no orders at all said "scan an order" to a
 * seller who had none to scan: it says where orders come from instead.
 */
export function BenchEmpty() {
  const { t } = useTranslation();
  const [none, setNone] = useState(false);
  useEffect(() => {
    if (holdsOrders) return;
    let live = true;
    getApi()
      .call('orders.list', { query: '', state: 'all', sort: 'deadline', dir: 'asc', limit: 1, offset: 0 })
      .then(({ total }) => {
        holdsOrders = total > 0;
        if (live) setNone(total === 0);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="bench-empty" data-testid="bench-empty">
      <div className="bench-empty-icon" aria-hidden>
        ▥
      </div>
      <p>{t('bench.emptyTitle')}</p>
      <p className="muted">{t('bench.emptyHint')}</p>
      {none && (
        <p className="bench-empty-none" data-testid="bench-no-orders">
          {t('bench.noOrdersYet')}{' '}
          <button type="button" className="btn" onClick={() => useNavStore.getState().go('orders')} data-testid="bench-go-import">
            {t('bench.goImport')}
          </button>
        </p>
      )}
    </div>
  );
}
