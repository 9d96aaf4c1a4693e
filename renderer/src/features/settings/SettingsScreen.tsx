import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '#shared/contract/settings.contract';
import { ErrorText } from '../../components/ErrorText';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { SyncPanel } from '../sync/SyncPanel';
import { useSettingsStore } from './settings.store';
import { UsersPanel } from './UsersPanel';
import { BenchAidsCard } from './BenchAidsCard';
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
  }, []);
  return (
    <div className="screen settings" data-testid="settings-screen">
      <ScreenHead title={t('nav.settings')} />
      <LanguageCard />
      {settings ? <SettingsForm key={JSON.stringify(settings)} initial={settings} /> : <ErrorText error={error} />}
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
const numLimits: Record<NumKey, [number, number]> = {
  shipPromiseHours: [1, 720],
  idleLockMinutes: [0, 240],
  packagingWeightG: [0, 100_000],
  weightTolerancePct: [0, 100],
  weightToleranceG: [0, 10_000],
};

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const saving = useSettingsStore((s) => s.saving);
  const saved = useSettingsStore((s) => s.saved);
  const error = useSettingsStore((s) => s.error);
  const update = useSettingsStore((s) => s.update);
  const [draft, setDraft] = useState<Settings>(initial);
  const set = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
  const setScanner = (patch: Partial<Settings['scanner']>) => set({ scanner: { ...draft.scanner, ...patch } });
  const setSender = (patch: Partial<Settings['sender']>) => set({ sender: { ...draft.sender, ...patch } });
  const num = (key: NumKey) => <WholeNumber id={`set-${key}`} limits={numLimits[key]} value={draft[key]} onValue={(n) => set({ [key]: n })} testId={`set-${key}`} />;
  const { language: _language, ...patch } = draft;
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void update(patch);
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
          {num('weightToleranceG')}
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
          <WholeNumber id="set-minLength" limits={[1, 64]} value={draft.scanner.minLength} onValue={(minLength) => setScanner({ minLength })} />
          <label htmlFor="set-maxGap">{t('settings.maxGapMs')}</label>
          <WholeNumber id="set-maxGap" limits={[5, 200]} value={draft.scanner.maxGapMs} onValue={(maxGapMs) => setScanner({ maxGapMs })} />
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
      <BenchAidsCard draft={draft} set={set} />
      <div className="row-gap sticky-actions">
        <button type="submit" className="btn btn-primary btn-lg" disabled={saving} data-testid="settings-save">
          {saving ? t('common.working') : t('common.save')}
        </button>
        {saved && <span className="ok-text">{t('common.saved')}</span>}
        <ErrorText error={error} />
      </div>
    </form>
  );
}

/** A whole-number box that keeps what is typed within its limits, so a draft is never out of range. */
function WholeNumber(props: { id: string; limits: [number, number]; value: number; onValue: (n: number) => void; testId?: string }) {
  const { id, limits, value, onValue, testId } = props;
  return (
    <input
      id={id}
      className="input input-num"
      type="number"
      min={limits[0]}
      max={limits[1]}
      value={value}
      onChange={(e) => onValue(clamp(Number(e.target.value), limits))}
      data-testid={testId}
    />
  );
}

function clamp(n: number, [lo, hi]: [number, number]): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.round(n))) : lo;
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
