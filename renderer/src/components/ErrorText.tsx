import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { invalidFields, type UiError } from '../api/errors';

/** One line for an error: the localised meaning of its code, then the host's own (safe) message. */
export function describeError(t: TFunction, error: UiError): string {
  const headline = t(`errors.${error.code}`, { ref: error.ref ?? '—', defaultValue: t('errors.INTERNAL', { ref: error.ref ?? '—' }) });
  if (error.code === 'INTERNAL' || !error.message || error.message === headline) return headline;
  return `${headline}：${error.message}`;
}

/** A localised error, with the fields an INVALID_INPUT names. */
export function ErrorText({ error, testId }: { error: UiError | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = error.code === 'INVALID_INPUT' ? invalidFields(error.details) : [];
  return (
    <div className="error-text" role="alert" data-testid={testId ?? 'error'} data-code={error.code}>
      <span>{describeError(t, error)}</span>
      {fields.length > 0 && (
        <ul className="error-fields">
          {fields.map((f, i) => (
            <li key={i}>
              {f.path ? <code>{f.path}</code> : null} {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
