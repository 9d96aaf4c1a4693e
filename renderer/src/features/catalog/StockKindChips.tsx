import { useTranslation } from 'react-i18next';
import type { StockKind } from '#shared/domain/stock-reasons';

/**
 * Why stock moves, as one required choice of kinds (two cells of a .form-grid). The kind is sent as
 * data, not as its text, so the audit shows it in each reader's language.
 */
export function StockKindChips<K extends StockKind>(props: { id: string; label: string; kinds: readonly K[]; value: K | null; onChange: (kind: K) => void }) {
  const { t } = useTranslation();
  const { id, label, kinds, value, onChange } = props;
  return (
    <>
      <span id={`${id}-label`}>
        {label}
        <b className="required"> *</b>
      </span>
      <div className="chip-row" role="radiogroup" aria-labelledby={`${id}-label`} data-testid={id}>
        {kinds.map((k) => (
          <button type="button" key={k} role="radio" aria-checked={k === value} className={k === value ? 'chip chip-on' : 'chip'} onClick={() => onChange(k)} data-testid={`${id}-${k}`}>
            {t(`catalog.reasons.${k}`)}
          </button>
        ))}
      </div>
    </>
  );
}

/** The supervisor's own words beside the kind (kept as typed); needed when the kind says nothing by itself. */
export function StockNoteField(props: { id: string; value: string; onChange: (note: string) => void; problem: string | null }) {
  const { t } = useTranslation();
  const { id, value, onChange, problem } = props;
  return (
    <>
      <label htmlFor={id}>{t('catalog.note')}</label>
      <div className="field-stack">
        <input
          id={id}
          className="input"
          value={value}
          maxLength={200}
          placeholder={t('catalog.noteHint')}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => onChange(e.target.value)}
          data-testid={id}
        />
        {problem && (
          <span id={`${id}-problem`} className="field-problem" role="alert" data-testid={`${id}-problem`}>
            {problem}
          </span>
        )}
      </div>
    </>
  );
}
