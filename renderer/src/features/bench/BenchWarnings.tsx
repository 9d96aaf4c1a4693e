import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { hostText } from '../../lib/host-text';
import { useBenchStore } from './bench.store';
import { labelNoteText } from './label-note';

/** Problems after a parcel was committed: shown until the next order opens; a label's, until it prints. */
export const BenchWarnings = memo(function BenchWarnings() {
  const { t } = useTranslation();
  const warnings = useBenchStore((s) => s.warnings);
  const labels = useBenchStore((s) => s.labels);
  const notes = Object.entries(labels).flatMap(([tracking, note]) => {
    const text = labelNoteText(t, tracking, note);
    return text === null ? [] : [{ tracking, text }];
  });
  if (warnings.length === 0 && notes.length === 0) return null;
  return (
    <section className="bench-warnings" role="alert" data-testid="bench-warnings" data-count={warnings.length + notes.length}>
      <strong>{t('bench.warnings')}</strong>
      <ul>
        {notes.map((n) => (
          <li key={n.tracking} data-testid="print-unconfirmed">
            {n.text}
          </li>
        ))}
        {warnings.map((w) => (
          <li key={JSON.stringify(w)}>{hostText(t, w)}</li>
        ))}
      </ul>
    </section>
  );
});
