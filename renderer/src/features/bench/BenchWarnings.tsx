import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { hostText } from '../../lib/host-text';
import { useBenchStore } from './bench.store';

/** Problems after a parcel was committed: shown until the next order opens. */
export const BenchWarnings = memo(function BenchWarnings() {
  const { t } = useTranslation();
  const warnings = useBenchStore((s) => s.warnings);
  const printUnconfirmed = useBenchStore((s) => s.printUnconfirmed);
  if (warnings.length === 0 && printUnconfirmed === null) return null;
  return (
    <section className="bench-warnings" role="alert" data-testid="bench-warnings" data-count={warnings.length + (printUnconfirmed ? 1 : 0)}>
      <strong>{t('bench.warnings')}</strong>
      <ul>
        {printUnconfirmed && <li data-testid="print-unconfirmed">{t('bench.printUnconfirmed', { tracking: printUnconfirmed })}</li>}
        {warnings.map((w) => (
          <li key={JSON.stringify(w)}>{hostText(t, w)}</li>
        ))}
      </ul>
    </section>
  );
});
