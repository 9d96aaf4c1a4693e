import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { waybillProviderNames, type WaybillProviderName } from '#shared/domain/e-waybill';
import { ErrorText } from '../../components/ErrorText';
import { useToastStore } from '../../app/toast.store';
import { carrierLabel } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useCarriersStore } from '../shipments/carriers.store';
import { emptyDraft, providerForms, type AccountDraft, type AccountField, type AccountRow } from './provider-fields';
import { useWaybillAccountsStore } from './waybill-accounts.store';
import { useWaybillsStore } from './waybills.store';

/** The field an INVALID_INPUT names (waybills.keys.badField), e.g. "accounts.YTO.partnerId". */
function badField(error: { msg: { key: string; params?: Record<string, unknown> } | null } | null): string | null {
  return error?.msg?.key === 'waybills.keys.badField' ? String(error.msg.params?.['field'] ?? '') : null;
}

/** 电子面单账号 (admins): a provider's account typed in, saved sealed, tested; never shown back. */
export function WaybillAccountsCard() {
  const { t } = useTranslation();
  const providers = useWaybillsStore((s) => s.providers);
  const [provider, setProvider] = useState<WaybillProviderName>('kuaidi100');
  useEffect(() => {
    if (useCarriersStore.getState().carriers.length === 0) void useCarriersStore.getState().load();
    useWaybillAccountsStore.getState().reset();
  }, []);
  if (!providers) return null;
  const where = (name: WaybillProviderName) => providers.providers.find((p) => p.name === name);
  return (
    <section className="card wb-accounts" data-testid="wb-accounts">
      <h2>{t('waybillsUi.accountsTitle')}</h2>
      <p className="muted small" data-testid="wb-protection">
        {providers.hostsHub ? t('waybillsUi.keptAtHostedHub') : providers.viaHub ? t('waybillsUi.keptAtHub') : t(`waybillsUi.protection.${providers.protection}`)}
      </p>
      <div className="segmented wb-provider-tabs" role="tablist">
        {waybillProviderNames.map((name) => (
          <button
            type="button"
            role="tab"
            key={name}
            aria-selected={provider === name}
            className={provider === name ? 'seg seg-on' : 'seg'}
            onClick={() => {
              setProvider(name);
              useWaybillAccountsStore.getState().reset();
            }}
            data-testid={`wb-account-tab-${name}`}
          >
            {t(`waybills.provider.${name}`)}
            {where(name)?.where && <span className="wb-set-dot" aria-label={t('waybillsUi.configured')} />}
          </button>
        ))}
      </div>
      {providers.viaHub && !providers.hostsHub ? (
        <HubAccount provider={provider} carriers={where(provider)?.carriers ?? []} configured={!!where(provider)?.where} />
      ) : (
        <AccountForm key={provider} provider={provider} configured={!!where(provider)?.where} carriers={where(provider)?.carriers ?? []} />
      )}
    </section>
  );
}

/** Paired with a hub: the hub holds the accounts; this bench can only check them. */
function HubAccount({ provider, carriers, configured }: { provider: WaybillProviderName; carriers: string[]; configured: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="wb-account-form">
      <p data-testid="wb-account-state">{configured ? t('waybillsUi.hubHas', { carriers: carriers.join(t('common.listSep')) }) : t('waybillsUi.hubHasNot')}</p>
      {configured && <TestButton provider={provider} />}
    </div>
  );
}

function TestButton({ provider }: { provider: WaybillProviderName }) {
  const { t } = useTranslation();
  const testing = useWaybillAccountsStore((s) => s.testing);
  const tested = useWaybillAccountsStore((s) => s.tested);
  return (
    <>
      <button type="button" className="btn" disabled={testing} onClick={() => void useWaybillAccountsStore.getState().test(provider)} data-testid="wb-account-test">
        {testing ? t('waybillsUi.testing') : t('waybillsUi.test')}
      </button>
      {tested?.provider === provider && (
        <span className={tested.ok ? 'ok-text' : 'error-text'} role="status" data-testid="wb-test-result" data-ok={tested.ok}>
          {tested.ok ? t('waybillsUi.testOk') : tested.message ? hostText(t, tested.message) : t('waybillsUi.testFailed')}
        </span>
      )}
    </>
  );
}

function AccountForm({ provider, configured, carriers }: { provider: WaybillProviderName; configured: boolean; carriers: string[] }) {
  const { t } = useTranslation();
  const form = providerForms[provider];
  const s = useWaybillAccountsStore();
  const [draft, setDraft] = useState<AccountDraft>(emptyDraft);
  const bad = badField(s.error);
  const setCredential = (key: string, value: string) => setDraft({ ...draft, credentials: { ...draft.credentials, [key]: value } });
  const setRow = (i: number, row: AccountRow) => setDraft({ ...draft, rows: draft.rows.map((r, j) => (j === i ? row : r)) });
  const save = async () => {
    if (await s.save(provider, draft)) {
      setDraft(emptyDraft());
      useToastStore.getState().ok('waybillsUi.accountSaved');
    }
  };
  const remove = async () => {
    if (window.confirm(t('waybillsUi.removeConfirm', { provider: t(`waybills.provider.${provider}`) }))) await s.remove(provider);
  };
  return (
    // Typed (or pasted, or scanned from a QR code) account fields go into their boxes, never to the scan handler.
    <form
      className="wb-account-form"
      data-scan-target="field"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!s.saving) void save();
      }}
    >
      <p className="small" data-testid="wb-account-state">
        {configured ? t('waybillsUi.accountSet', { carriers: carriers.join(t('common.listSep')) || '—' }) : t('waybillsUi.accountNotSet')}
      </p>
      <div className="form-grid">
        {form.credentials.map((f) => (
          <FieldInput key={f.key} id={`wb-key-${f.key}`} field={f} value={draft.credentials[f.key] ?? ''} bad={bad === f.key} onValue={(v) => setCredential(f.key, v)} />
        ))}
        <label htmlFor="wb-key-endpoint">{t('waybillsUi.endpoint')}</label>
        <input
          id="wb-key-endpoint"
          className={bad === form.endpointKey ? 'input input-wide input-bad' : 'input input-wide'}
          maxLength={500}
          value={draft.endpoint}
          placeholder={t('waybillsUi.endpointHint')}
          onChange={(e) => setDraft({ ...draft, endpoint: e.target.value })}
          data-testid="wb-key-endpoint"
        />
      </div>
      <h3 className="wb-rows-title">{t(form.rows === 'accounts' ? 'waybillsUi.carrierAccounts' : 'waybillsUi.carrierTemplates')}</h3>
      <p className="muted small">{t(form.rows === 'accounts' ? 'waybillsUi.carrierAccountsHint' : 'waybillsUi.carrierTemplatesHint')}</p>
      {draft.rows.map((row, i) => (
        <CarrierRow
          key={i}
          index={i}
          row={row}
          fields={form.rowFields}
          badPath={bad?.startsWith(`${form.rows}.${row.carrierCode}.`) ? bad.slice(form.rows.length + row.carrierCode.length + 2) : null}
          onRow={(r) => setRow(i, r)}
          onRemove={() => setDraft({ ...draft, rows: draft.rows.filter((_, j) => j !== i) })}
        />
      ))}
      <button type="button" className="btn btn-small" onClick={() => setDraft({ ...draft, rows: [...draft.rows, { carrierCode: '', values: {} }] })} data-testid="wb-add-row">
        {t('waybillsUi.addCarrier')}
      </button>
      <div className="row-gap wb-account-actions">
        <button type="submit" className="btn btn-primary" disabled={s.saving} data-testid="wb-account-save">
          {s.saving ? t('common.working') : configured ? t('waybillsUi.replace') : t('common.save')}
        </button>
        {configured && <TestButton provider={provider} />}
        {configured && (
          <button type="button" className="btn btn-danger-outline" disabled={s.saving} onClick={() => void remove()} data-testid="wb-account-remove">
            {t('waybillsUi.remove')}
          </button>
        )}
        {s.saved && <span className="ok-text">{t('common.saved')}</span>}
      </div>
      <ErrorText error={s.error} testId="wb-account-error" />
    </form>
  );
}

function CarrierRow(props: { index: number; row: AccountRow; fields: AccountField[]; badPath: string | null; onRow: (r: AccountRow) => void; onRemove: () => void }) {
  const { index, row, fields, badPath, onRow, onRemove } = props;
  const { t, i18n } = useTranslation();
  const carriers = useCarriersStore((s) => s.carriers);
  return (
    <fieldset className="wb-carrier-row" data-testid={`wb-row-${index}`}>
      <div className="wb-carrier-head">
        <select className="input" value={row.carrierCode} aria-label={t('waybillsUi.carrier')} onChange={(e) => onRow({ ...row, carrierCode: e.target.value })} data-testid={`wb-row-${index}-carrier`}>
          <option value="">{t('waybillsUi.chooseCarrier')}</option>
          {carriers.map((c) => (
            <option key={c.code} value={c.code}>
              {carrierLabel(c, i18n.language)} ({c.code})
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-small btn-ghost" onClick={onRemove} data-testid={`wb-row-${index}-remove`}>
          {t('common.remove')}
        </button>
      </div>
      <div className="wb-row-fields">
        {fields.map((f) => (
          <div className="wb-row-field" key={f.key}>
            <FieldInput id={`wb-row-${index}-${f.key}`} field={f} value={row.values[f.key] ?? ''} bad={badPath === f.key} onValue={(v) => onRow({ ...row, values: { ...row.values, [f.key]: v } })} />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A label and its input: a password box for secrets, a select for the host's enums. */
function FieldInput({ id, field, value, bad, onValue }: { id: string; field: AccountField; value: string; bad: boolean; onValue: (v: string) => void }) {
  const { t } = useTranslation();
  const label = t(`waybillsUi.field.${field.key}`);
  const className = bad ? 'input input-bad' : 'input';
  return (
    <>
      <label htmlFor={id}>
        {label}
        {!field.optional && <span className="required">*</span>}
      </label>
      {field.options ? (
        <select id={id} className={className} value={value} onChange={(e) => onValue(e.target.value)} data-testid={id}>
          <option value="">{t('waybillsUi.default')}</option>
          {field.options.map((o) => (
            <option key={o} value={String(o)}>
              {t(`waybillsUi.option.${field.key}.${o}`, { defaultValue: String(o) })}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className={className}
          type={field.secret ? 'password' : 'text'}
          autoComplete={field.secret ? 'new-password' : 'off'}
          spellCheck={false}
          maxLength={field.key === 'url' ? 500 : 200}
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-invalid={bad}
          data-testid={id}
        />
      )}
    </>
  );
}
