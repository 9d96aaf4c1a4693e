import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../../api/errors';
import { DigitsInput } from '../../components/DigitsInput';
import { ErrorText, type ErrorOverrides } from '../../components/ErrorText';
import { hostText } from '../../lib/host-text';
import { checkPairDraft, isInsecureHubUrl, normalizeHubUrl, type PairField } from './pair-form';
import { useSyncStore, type PairDraft } from './sync.store';

/**
 * Joins this station to the shop's hub (admin) with what the hub PC shows: its address, its
 * certificate fingerprint and a one-time code. The fingerprint is what keeps an impostor out.
 */
export function PairForm() {
  const { t } = useTranslation();
  const busy = useSyncStore((s) => s.busy === 'pair');
  const error = useSyncStore((s) => s.pairError);
  const { pair, clearPairError } = useSyncStore.getState();
  const [draft, setDraft] = useState<PairDraft>({ hubUrl: '', code: '', stationName: '', fingerprint: '', insecureHttp: false });
  const [checked, setChecked] = useState(false);
  const [triedUrl, setTriedUrl] = useState('');
  const problems = checkPairDraft(draft);
  const insecure = isInsecureHubUrl(draft.hubUrl);
  const edit = (patch: Partial<PairDraft>) => {
    setDraft({ ...draft, ...patch });
    if (error) clearPairError();
  };
  const submit = () => {
    setChecked(true);
    const hubUrl = normalizeHubUrl(draft.hubUrl);
    if (busy || !hubUrl || Object.keys(problems).length > 0) return;
    setTriedUrl(hubUrl);
    void pair({ ...draft, hubUrl, stationName: draft.stationName.trim(), fingerprint: insecure ? '' : draft.fingerprint.trim(), insecureHttp: insecure && draft.insecureHttp });
  };
  const problemOf = (f: PairField) => (checked ? problems[f] : undefined);
  const aria = (f: PairField) => (problemOf(f) ? { 'aria-invalid': true, 'aria-describedby': `pair-${f}-problem` } : {});
  const inputClass = (f: PairField, base: string) => (problemOf(f) ? `${base} input-bad` : base);
  // The address and the fingerprint: long text read off the hub PC, never spell-checked or remembered.
  const longText = (f: 'hubUrl' | 'fingerprint', className: string, placeholder: string, testId: string) => (
    <input
      id={`pair-${f}`}
      className={inputClass(f, className)}
      value={draft[f]}
      maxLength={200}
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      {...aria(f)}
      onChange={(e) => edit({ [f]: e.target.value })}
      data-testid={testId}
    />
  );
  return (
    <form
      className="pair-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="pair-form"
    >
      <p className="muted">{t('sync.pairForm.lead')}</p>
      <div className="form-grid">
        <Field id="hubUrl" label={t('sync.pairForm.hubUrl')} hint={t('sync.pairForm.hubUrlHint')} problem={problemOf('hubUrl')}>
          {longText('hubUrl', 'input input-wide', 'https://192.168.1.10:5180', 'pair-hub-url')}
        </Field>
        {insecure ? (
          <Field id="insecureHttp" label="" problem={problemOf('insecureHttp')}>
            <div className="insecure-warning" role="alert" data-testid="pair-insecure-warning">
              <strong>{t('sync.pairForm.insecureTitle')}</strong>
              <p>{t('sync.pairForm.insecureLead')}</p>
              <label className="inline-field">
                <input type="checkbox" checked={draft.insecureHttp} onChange={(e) => edit({ insecureHttp: e.target.checked })} data-testid="pair-insecure" />
                {t('sync.pairForm.insecureConfirm')}
              </label>
            </div>
          </Field>
        ) : (
          <Field id="fingerprint" label={t('sync.pairForm.fingerprint')} hint={t('sync.pairForm.fingerprintHint')} problem={problemOf('fingerprint')}>
            {longText('fingerprint', 'input input-wide mono', '3F2A 9C1B 77E0 D4C5 8A1E', 'pair-fingerprint')}
          </Field>
        )}
        <Field id="code" label={t('sync.pairForm.code')} problem={problemOf('code')}>
          <span className={problemOf('code') ? 'field-bad' : undefined}>
            <DigitsInput
              id="pair-code"
              value={draft.code}
              maxLength={8}
              autoComplete="off"
              placeholder="12345678"
              {...aria('code')}
              onDigits={(digits) => edit({ code: digits })}
              data-testid="pair-code"
            />
          </span>
          <span className="muted small"> {t('sync.pairForm.codeHint')}</span>
        </Field>
        <Field id="stationName" label={t('sync.pairForm.name')} problem={problemOf('stationName')}>
          <input
            id="pair-stationName"
            className={inputClass('stationName', 'input')}
            value={draft.stationName}
            maxLength={60}
            placeholder={t('sync.pairForm.namePlaceholder')}
            {...aria('stationName')}
            onChange={(e) => edit({ stationName: e.target.value })}
            data-testid="pair-name"
          />
        </Field>
      </div>
      <div className="row-gap">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="pair-submit">
          {busy ? t('sync.pairForm.pairing') : t('sync.pairForm.submit')}
        </button>
      </div>
      <PairError error={error} hubUrl={triedUrl} />
    </form>
  );
}

/** One row of the form: its label, the input, a hint, and what is wrong with it once tried. */
function Field({ id, label, hint, problem, children }: { id: PairField; label: string; hint?: string; problem: string | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`pair-${id}`}>{label}</label>
      <div>
        {children}
        {hint && <div className="muted small">{hint}</div>}
        {problem && (
          <div className="field-problem" id={`pair-${id}-problem`} data-testid={`pair-${id}-problem`}>
            {t(problem)}
          </div>
        )}
      </div>
    </>
  );
}

/** Why pairing failed, in words that say what to check: the address, the fingerprint, or the code. */
function PairError({ error, hubUrl }: { error: UiError | null; hubUrl: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error.msg?.key === 'sync.pair.fingerprintMismatch') {
    return (
      <div className="error-text identity-alarm" role="alert" data-testid="pair-error" data-code="fingerprint-mismatch">
        <strong>{t('sync.pairForm.fingerprintMismatchTitle')}</strong>
        <p>{hostText(t, error.msg)}</p>
      </div>
    );
  }
  const unreachable = t('sync.pairForm.unreachable', { url: hubUrl });
  const hostSays = error.msg ? hostText(t, error.msg) : '';
  const refused = hostSays || t('sync.pairForm.refused');
  const overrides: ErrorOverrides = { HUB_UNREACHABLE: unreachable, TIMEOUT: unreachable, FORBIDDEN: refused, NOT_FOUND: refused, CONFLICT: refused };
  return <ErrorText error={error} overrides={overrides} testId="pair-error" />;
}
