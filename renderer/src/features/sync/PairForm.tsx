import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../../api/errors';
import { DigitsInput } from '../../components/DigitsInput';
import { ErrorText, type ErrorOverrides } from '../../components/ErrorText';
import { hostText } from '../../lib/host-text';
import { checkPairDraft, normalizeHubUrl, type PairField } from './pair-form';
import { useSyncStore, type PairDraft } from './sync.store';

/** Joins this station to the shop's hub with the one-time code the hub PC shows (admin). */
export function PairForm() {
  const { t } = useTranslation();
  const busy = useSyncStore((s) => s.busy === 'pair');
  const error = useSyncStore((s) => s.pairError);
  const { pair, clearPairError } = useSyncStore.getState();
  const [draft, setDraft] = useState<PairDraft>({ hubUrl: '', code: '', stationName: '' });
  const [checked, setChecked] = useState(false);
  const [triedUrl, setTriedUrl] = useState('');
  const problems = checkPairDraft(draft);
  const edit = (patch: Partial<PairDraft>) => {
    setDraft({ ...draft, ...patch });
    if (error) clearPairError();
  };
  const submit = () => {
    setChecked(true);
    const hubUrl = normalizeHubUrl(draft.hubUrl);
    if (busy || !hubUrl || Object.keys(problems).length > 0) return;
    setTriedUrl(hubUrl);
    void pair({ hubUrl, code: draft.code, stationName: draft.stationName.trim() });
  };
  const problemOf = (f: PairField) => (checked ? problems[f] : undefined);
  const aria = (f: PairField) => (problemOf(f) ? { 'aria-invalid': true, 'aria-describedby': `pair-${f}-problem` } : {});
  const inputClass = (f: PairField, base: string) => (problemOf(f) ? `${base} input-bad` : base);
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
        <label htmlFor="pair-hubUrl">{t('sync.pairForm.hubUrl')}</label>
        <div>
          <input
            id="pair-hubUrl"
            className={inputClass('hubUrl', 'input input-wide')}
            value={draft.hubUrl}
            maxLength={200}
            placeholder="http://192.168.1.10:5180"
            autoComplete="off"
            spellCheck={false}
            {...aria('hubUrl')}
            onChange={(e) => edit({ hubUrl: e.target.value })}
            data-testid="pair-hub-url"
          />
          <div className="muted small">{t('sync.pairForm.hubUrlHint')}</div>
          <FieldProblem field="hubUrl" problem={problemOf('hubUrl')} />
        </div>
        <label htmlFor="pair-code">{t('sync.pairForm.code')}</label>
        <div className={problemOf('code') ? 'field-bad' : undefined}>
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
          <span className="muted small"> {t('sync.pairForm.codeHint')}</span>
          <FieldProblem field="code" problem={problemOf('code')} />
        </div>
        <label htmlFor="pair-stationName">{t('sync.pairForm.name')}</label>
        <div>
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
          <FieldProblem field="stationName" problem={problemOf('stationName')} />
        </div>
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

/** What is wrong with one field, once the form has been tried. */
function FieldProblem({ field, problem }: { field: PairField; problem: string | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div className="field-problem" id={`pair-${field}-problem`} data-testid={`pair-${field}-problem`}>
      {t(problem)}
    </div>
  );
}

/** Why pairing failed, in words that say what to check: the address, or the code. */
function PairError({ error, hubUrl }: { error: UiError | null; hubUrl: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const unreachable = t('sync.pairForm.unreachable', { url: hubUrl });
  const hostSays = error.msg ? hostText(t, error.msg) : '';
  const refused = hostSays ? `${t('sync.pairForm.refused')}${t('common.colon')}${hostSays}` : t('sync.pairForm.refused');
  const overrides: ErrorOverrides = { HUB_UNREACHABLE: unreachable, TIMEOUT: unreachable, FORBIDDEN: refused, NOT_FOUND: refused };
  return <ErrorText error={error} overrides={overrides} testId="pair-error" />;
}
