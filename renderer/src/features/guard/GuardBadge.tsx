import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../../app/nav.store';
import { useInboxStore } from '../inbox/inbox.store';
import { useOrdersStore } from '../orders/orders.store';
import { useGuardStore } from './guard.store';
import './guard.css';

/** Deadlines move with the clock alone: read again each minute, and whenever the inbox's counts change. */
const EVERY_MS = 60_000;

/**
 * The top bar's late-shipping count: open orders due within the shop's risk hours, red when some
 * are already late. A click opens the Orders screen at "due soon". Small on purpose: eleven
 * screens share the bar at 1366 px.
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
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);
  if (!summary || summary.atRisk === 0) return null;
  const open = () => {
    useOrdersStore.getState().setFilter('at-risk');
    useNavStore.getState().go('orders');
  };
  const label = t('guard.badge', { count: summary.atRisk, hours: summary.riskHours, late: summary.late });
  return (
    <button
      type="button"
      className={summary.late > 0 ? 'guard-badge guard-badge-late' : 'guard-badge'}
      onClick={open}
      aria-label={label}
      title={label}
      data-testid="guard-badge"
      data-count={summary.atRisk}
    >
      {t('guard.badgeMark')} {summary.atRisk > 99 ? '99+' : summary.atRisk}
    </button>
  );
}
