import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '#shared/contract/errors';
import { invalidFields, type UiError } from '../api/errors';
import { hostText } from '../lib/host-text';

/** Plain words for an error code where the caller knows better than the generic text (a wrong PIN). */
export type ErrorOverrides = Partial<Record<ErrorCode, string>>;

/** One line for an error: the localised meaning of its code, then the host's own (safe) message. */
export function describeError(t: TFunction, error: UiError, overrides?: ErrorOverrides): string {
  const own = overrides?.[error.code];
  if (own) return own;
  const headline = t(`errors.${error.code}`, { ref: error.ref ?? '—', defaultValue: t('errors.INTERNAL', { ref: error.ref ?? '—' }) });
  const message = error.msg ? hostText(t, error.msg) : '';
  // A refusal that says what it is ("运单 … 已作废", "包裹还没有称重…") needs no "与已有数据冲突" in front:
  // the generic words only make a packer read past them.
  if (error.code === 'CONFLICT' && message) return message;
  if (error.code === 'INTERNAL' || !message || sameWords(headline).includes(sameWords(message))) return headline;
  return `${headline}${t('common.colon')}${message}`;
}

/** Text as compared for repetition: lower case, without the punctuation and spaces at its ends. */
const sameWords = (text: string): string => text.toLowerCase().replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');

/** A localised error, with the fields an INVALID_INPUT names. */
export function ErrorText({ error, testId, overrides }: { error: UiError | null | undefined; testId?: string; overrides?: ErrorOverrides }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = error.code === 'INVALID_INPUT' && !overrides?.INVALID_INPUT ? invalidFields(error.details) : [];
  return (
    <div className="error-text" role="alert" data-testid={testId ?? 'error'} data-code={error.code}>
      <span>{describeError(t, error, overrides)}</span>
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
