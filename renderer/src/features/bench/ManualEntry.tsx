import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBenchStore } from './bench.store';

/** Typing a code by hand when a label will not scan (source 'manual', recorded as such). */
export function ManualEntry() {
  const { t } = useTranslation();
  const scan = useBenchStore((s) => s.scan);
  const [code, setCode] = useState('');
  return (
    <form
      className="manual-entry"
      onSubmit={(e) => {
        e.preventDefault();
        const value = code.trim();
        if (!value) return;
        setCode('');
        void scan(value, 'manual');
      }}
    >
      <label htmlFor="manual-code">{t('bench.manualLabel')}</label>
      <div className="row-gap">
        <input
          id="manual-code"
          className="input"
          value={code}
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('bench.manualPlaceholder')}
          data-testid="manual-code"
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="btn" data-testid="manual-submit" disabled={!code.trim()}>
          {t('bench.manualSubmit')}
        </button>
      </div>
    </form>
  );
}
