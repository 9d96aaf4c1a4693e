import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxStore } from '../inbox/inbox.store';
import { useOrdersStore } from '../orders/orders.store';
import { useGuardStore } from './guard.store';
import './guard.css';

/** Deadlines move with the clock alone: read again each minute, whenever the inbox's counts change, and after an import. */
const EVERY_MS = 60_000;

/**
 * The top bar's late-shipping count, a small pill on the 订单 tab (eleven screens, the sync light, the
 * inbox count and the user already fill the bar at 1366 px): open orders due within the shop's
 * risk hours, red when some are already late. A click on it opens Orders at "due soon" (the tab it
 * sits in does the navigation).
 */
export function GuardBadge() {
  const { t } = useTranslation();
  const summary = useGuardStore((s) => s.summary);
  useEffect(() => {
    const { load } = useGuardStore.getState();
    void load();
    const timer = setInterval(() => void load(), EVERY_MS);
    const off = useInboxStore.subscribe((now, before) => {
      if (now.counts !== before.counts) void load();
    });
    // An import brings orders due soon (or already late): the strip over them counted the old ones.
    const offImports = useOrdersStore.subscribe((now, before) => {
      if (now.report !== before.report && now.report) void load();
    });
    return () => {
      clearInterval(timer);
      off();
      offImports();
    };
  }, []);
  if (!summary || summary.atRisk === 0) return null;
  const label = t('guard.badge', { count: summary.atRisk, hours: summary.riskHours, late: summary.late });
  return (
    <span
      className={summary.late > 0 ? 'guard-badge guard-badge-late' : 'guard-badge'}
      onClick={() => useOrdersStore.getState().setFilter('at-risk')}
      role="status"
      aria-label={label}
      title={label}
      data-testid="guard-badge"
      data-count={summary.atRisk}
    >
      {summary.atRisk > 99 ? '99+' : summary.atRisk}
    </span>
  );
}
