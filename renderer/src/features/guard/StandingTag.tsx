import { useTranslation } from 'react-i18next';
import type { GuardStanding } from '#shared/domain/ship-guard';

/** "Late" / "due before pickup" / "this pickup" / "due soon" under a deadline; nothing for an order in time. */
export function StandingTag({ standing }: { standing: GuardStanding }) {
  const { t } = useTranslation();
  // 'late' already shows as the deadline's own "late by …" text.
  if (standing === 'ok' || standing === 'late') return null;
  return (
    <div>
      <span className={`guard-standing guard-standing-${standing}`} data-testid="guard-standing" data-standing={standing}>
        {t(`guard.standing.${standing}`)}
      </span>
    </div>
  );
}
