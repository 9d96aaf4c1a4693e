import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyHint } from '../../components/KeyHint';

export const MAX_PARCELS = 20;
const clamp = (n: number) => Math.min(MAX_PARCELS, Math.max(1, n));

/**
 * 包裹数: a box a packer types the count into (F3 selects it), + / − or the arrows step it, and
 * − / + buttons for the mouse. A text box, not a custom key handler: a scan that starts while it has
 * focus leaks its first key into it, and the wedge detector puts the box back as it was.
 */
export function ParcelCount({ value, onValue }: { value: number; onValue: (n: number) => void }) {
  const { t } = useTranslation();
  // What is being typed: "" between deleting a digit and typing the next one is not a count.
  const [draft, setDraft] = useState<string | null>(null);
  const step = (by: number) => {
    setDraft(null);
    onValue(clamp(value + by));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const by = e.key === '+' || e.key === 'ArrowUp' ? 1 : e.key === '-' || e.key === 'ArrowDown' ? -1 : 0;
    if (by === 0) return;
    e.preventDefault();
    step(by);
  };
  return (
    <div className="stepper">
      {/* Off the Tab order: the box steps with + / − itself, one stop instead of three. */}
      <button type="button" className="btn" tabIndex={-1} onClick={() => step(-1)} aria-label="−">
        −
      </button>
      <input
        id="ship-parcels"
        className="input input-num parcel-count"
        inputMode="numeric"
        autoComplete="off"
        maxLength={2}
        value={draft ?? String(value)}
        aria-keyshortcuts="F3"
        title={t('bench.parcelsKeys')}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, 2);
          setDraft(digits);
          const n = Number(digits);
          if (digits !== '' && n >= 1 && n <= MAX_PARCELS && n !== value) onValue(n);
        }}
        data-testid="parcel-count"
      />
      <button type="button" className="btn" tabIndex={-1} onClick={() => step(1)} aria-label="+">
        +
      </button>
      <KeyHint keys="F3" />
    </div>
  );
}
