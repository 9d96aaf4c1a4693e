import { useTranslation } from 'react-i18next';
import { useGuardStore, pickupLabel } from './guard.store';

/**
 * Above the Orders screen's guard lists: how many are due and late ("due soon"), or what must leave
 * with the next courier pickup and how many of those are already lost ("before pickup"), plus the
 * packed orders whose parcels still wait for the courier (once the shop hands over).
 */
export function GuardStrip({ view }: { view: 'at-risk' | 'pickup' }) {
  const { t } = useTranslation();
  const s = useGuardStore((x) => x.summary);
  if (!s) return null;
  const pickup = pickupLabel(s);
  const text =
    view === 'at-risk'
      ? t('guard.strip.atRisk', { count: s.atRisk, hours: s.riskHours, late: s.late })
      : t('guard.strip.pickup', { pickup: t(pickup.key, { time: pickup.time }), count: s.beforePickup, late: s.late, misses: s.missesPickup - s.late });
  return (
    <div className={s.late > 0 ? 'guard-strip guard-strip-late' : 'guard-strip'} role="status" data-testid="guard-strip">
      <strong>{text}</strong>
      {view === 'pickup' && s.awaitingHandover > 0 && <span data-testid="guard-awaiting-handover">{t('guard.strip.awaitingHandover', { count: s.awaitingHandover })}</span>}
    </div>
  );
}
