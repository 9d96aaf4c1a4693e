import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/client';
import type { Settings } from '#shared/contract/settings.contract';
import { ErrorText } from '../../components/ErrorText';
import { NumberField, useFieldProblems, type NumberRange } from '../../components/NumberField';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { SyncPanel } from '../sync/SyncPanel';
import { useSettingsStore } from './settings.store';
import { UsersPanel } from './UsersPanel';
import { BenchAidsCard, type NumberFieldOf } from './BenchAidsCard';
import './settings.css';

/** 设置: language, pack rules, scanner timing, sender, packaging, users, stations & sync, system, sample data. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  useEffect(() => {
    const s = useSettingsStore.getState();
    void s.load();
    void s.loadInfo();
    void s.loadUsers();
    // What sync brings in (orders, users disabled at another bench) shows here without leaving the screen.
    return getApi().on('orders.changed', () => {
      void s.loadInfo();
      void s.loadUsers();
    });
  }, []);
  return (
    <div className="screen settings" data-testid="settings-screen">
      <ScreenHead title={t('nav.settings')} />
      <LanguageCard />
      {settings ? <SettingsForm key={JSON.stringify(settings)} initial={settings} /> : <ErrorText error={error} />}
      <SettingsPinDialog />
      <UsersPanel />
      <SyncPanel />
      <SystemCard />
    </div>
  );
}

function LanguageCard() {
  const { t } = useTranslation();
  const changeLanguage = useSettingsStore((s) => s.changeLanguage);
  const lang = currentLanguage();
  return (
    <section className="card">
      <h2>{t('settings.language')}</h2>
      <div className="segmented">
        {(['zh-CN', 'en'] as const).map((l) => (
          <button type="button" key={l} className={lang === l ? 'seg seg-on' : 'seg'} aria-pressed={lang === l} onClick={() => void changeLanguage(l)} data-testid={`lang-${l}`}>
            {t('language.autonym', { lng: l })}
          </button>
        ))}
      </div>
    </section>
  );
}

type NumKey = 'shipPromiseHours' | 'idleLockMinutes' | 'packagingWeightG' | 'weightTolerancePct' | 'weightToleranceG';
/** The host's limits (settings.contract), said here so the box can refuse before the host does. */
const numLimits: Record<NumKey, NumberRange> = {
  shipPromiseHours: { min: 1, max: 720 },
  idleLockMinutes: { min: 0, max: 240 },
  packagingWeightG: { min: 0, max: 100_000 },
  weightTolerancePct: { min: 0, max: 100 },
  weightToleranceG: { min: 0, max: 10_000 },
};

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const saving = useSettingsStore((s) => s.saving);
  const saved = useSettingsStore((s) => s.saved);
  const error = useSettingsStore((s) => s.error);
  const { save, edited } = useSettingsStore.getState();
  const [draft, setDraft] = useState<Settings>(initial);
  const { problems, reporter } = useFieldProblems();
  const [refused, setRefused] = useState(false);
  const set = (patch: Partial<Settings>) => {
    edited();
    setDraft({ ...draft, ...patch });
  };
  const setScanner = (patch: Partial<Settings['scanner']>) => set({ scanner: { ...draft.scanner, ...patch } });
  const setSender = (patch: Partial<Settings['sender']>) => set({ sender: { ...draft.sender, ...patch } });
  const field: NumberFieldOf = (id, label, range, value, onValue) => (
    <NumberField id={id} label={label} range={range} value={value} onValue={onValue} onProblem={reporter(id)} testId={id} />
  );
  const num = (key: NumKey) => field(`set-${key}`, t(`settings.${key}`), numLimits[key], draft[key], (n) => set({ [key]: n }));
  const { language: _language, ...patch } = draft;
  const invalid = problems.length > 0;
  // A field holding text that is no value yet (a problem) is an edit too.
  useUnsavedEdits(invalid || JSON.stringify(draft) !== JSON.stringify(initial));
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // A field that holds no valid value is never saved as its last good one behind the user's back.
        setRefused(invalid);
        if (!invalid) void save(patch);
      }}
    >
      <section className="card">
        <h2>{t('settings.packing')}</h2>
        <div className="form-grid">
          <label htmlFor="set-shipPromiseHours">{t('settings.shipPromiseHours')}</label>
          {num('shipPromiseHours')}
          <label htmlFor="set-auto">{t('settings.autoComplete')}</label>
          <input id="set-auto" type="checkbox" checked={draft.autoCompleteOnLastScan} onChange={(e) => set({ autoCompleteOnLastScan: e.target.checked })} />
          <label htmlFor="set-idleLockMinutes">{t('settings.idleLockMinutes')}</label>
          <div>
            {num('idleLockMinutes')} <span className="muted small">{t('settings.idleLockHint')}</span>
          </div>
          <label htmlFor="set-privacy">{t('settings.privacyMasking')}</label>
          <input id="set-privacy" type="checkbox" checked={draft.privacyMasking} onChange={(e) => set({ privacyMasking: e.target.checked })} />
          <label htmlFor="set-packagingWeightG">{t('settings.packagingWeightG')}</label>
          {num('packagingWeightG')}
          <label htmlFor="set-weightTolerancePct">{t('settings.weightTolerancePct')}</label>
          {num('weightTolerancePct')}
          <label htmlFor="set-weightToleranceG">{t('settings.weightToleranceG')}</label>
          <div>
            {num('weightToleranceG')} <span className="muted small">{t('settings.weightToleranceHint')}</span>
          </div>
        </div>
      </section>
      <section className="card">
        <h2>{t('settings.scanner')}</h2>
        <p className="muted small">{t('settings.scannerHint')}</p>
        <div className="form-grid">
          <label htmlFor="set-prefix">{t('settings.prefix')}</label>
          <input id="set-prefix" className="input input-num" maxLength={8} value={draft.scanner.prefix} onChange={(e) => setScanner({ prefix: e.target.value })} data-testid="set-prefix" />
          <label htmlFor="set-terminator">{t('settings.terminator')}</label>
          <select
            id="set-terminator"
            className="input"
            value={draft.scanner.terminator}
            onChange={(e) => setScanner({ terminator: e.target.value as Settings['scanner']['terminator'] })}
            data-testid="set-terminator"
          >
            <option value="Enter">Enter</option>
            <option value="Tab">Tab</option>
            <option value="none">{t('settings.terminatorNone')}</option>
          </select>
          <label htmlFor="set-minLength">{t('settings.minLength')}</label>
          {field('set-minLength', t('settings.minLength'), { min: 1, max: 64 }, draft.scanner.minLength, (minLength) => setScanner({ minLength }))}
          <label htmlFor="set-maxGap">{t('settings.maxGapMs')}</label>
          {field('set-maxGap', t('settings.maxGapMs'), { min: 5, max: 200 }, draft.scanner.maxGapMs, (maxGapMs) => setScanner({ maxGapMs }))}
        </div>
      </section>
      <section className="card">
        <h2>{t('settings.sender')}</h2>
        <div className="form-grid">
          <label htmlFor="set-sender-name">{t('settings.senderName')}</label>
          <input id="set-sender-name" className="input" maxLength={40} value={draft.sender.name} onChange={(e) => setSender({ name: e.target.value })} />
          <label htmlFor="set-sender-phone">{t('settings.senderPhone')}</label>
          <input id="set-sender-phone" className="input" maxLength={40} value={draft.sender.phone} onChange={(e) => setSender({ phone: e.target.value })} />
          <label htmlFor="set-sender-address">{t('settings.senderAddress')}</label>
          <input id="set-sender-address" className="input" maxLength={200} value={draft.sender.address} onChange={(e) => setSender({ address: e.target.value })} />
        </div>
      </section>
      <BenchAidsCard draft={draft} set={set} field={field} />
      <div className="row-gap sticky-actions" data-testid="settings-actions">
        <button type="submit" className="btn btn-primary btn-lg" disabled={saving} data-testid="settings-save">
          {saving ? t('common.working') : t('common.save')}
        </button>
        {saved && !invalid && <span className="ok-text" data-testid="settings-saved">{t('common.saved')}</span>}
        {refused && invalid && (
          <span className="error-text" role="alert" data-testid="settings-invalid">
            {t('settings.fixFirst', { count: problems.length })}
          </span>
        )}
        <ErrorText error={error} />
      </div>
    </form>
  );
}

/** A packer's Save: a supervisor's PIN authorises it (checked and audited by the host), as at the bench. */
function SettingsPinDialog() {
  const { t } = useTranslation();
  const ask = useSettingsStore((s) => s.pinAsk);
  const saving = useSettingsStore((s) => s.saving);
  const { authorize, cancelPin } = useSettingsStore.getState();
  if (!ask) return null;
  return <SupervisorPinDialog action={t('settings.saveAction')} error={ask.error} busy={saving} onSubmit={(pin) => void authorize(pin)} onCancel={cancelPin} />;
}

function SystemCard() {
  const { t } = useTranslation();
  const info = useSettingsStore((s) => s.info);
  const samples = useSettingsStore((s) => s.samples);
  const samplesLoading = useSettingsStore((s) => s.samplesLoading);
  const loadSamples = useSettingsStore((s) => s.loadSamples);
  return (
    <section className="card" data-testid="system-info">
      <h2>{t('settings.system')}</h2>
      {info && (
        <dl className="kv">
          <dt>{t('settings.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('settings.station')}</dt>
          <dd className="mono">{info.stationId}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('settings.schema')}</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>{t('settings.counts')}</dt>
          <dd>{t('settings.countsValue', { orders: info.orders, skus: info.skus })}</dd>
        </dl>
      )}
      <div className="row-gap">
        <button type="button" className="btn" disabled={samplesLoading} onClick={() => void loadSamples()} data-testid="settings-load-samples">
          {samplesLoading ? t('common.working') : t('settings.loadSamples')}
        </button>
        {samples && <span className="ok-text">{t('settings.samplesLoaded', samples)}</span>}
      </div>
    </section>
  );
}
