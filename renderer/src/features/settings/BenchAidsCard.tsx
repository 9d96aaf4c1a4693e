import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '#shared/contract/settings.contract';
import type { NumberRange } from '../../components/NumberField';
import { promptVoice } from '../../lib/speech-prompts';

/** A number box of the settings form, reporting its problems to the form. */
export type NumberFieldOf = (id: string, label: string, range: NumberRange, value: number, onValue: (n: number) => void) => ReactNode;

/** Pack video (budget, retention) and spoken prompts: both per bench, both off until asked for. */
export function BenchAidsCard({ draft, set, field }: { draft: Settings; set: (patch: Partial<Settings>) => void; field: NumberFieldOf }) {
  const { t } = useTranslation();
  const video = draft.packVideo;
  const setVideo = (patch: Partial<Settings['packVideo']>) => set({ packVideo: { ...video, ...patch } });
  const [voice, setVoice] = useState(() => promptVoice());
  useEffect(() => {
    // Browsers fill the voice list a moment after the page loads.
    const timer = setTimeout(() => setVoice(promptVoice()), 500);
    return () => clearTimeout(timer);
  }, []);
  return (
    <section className="card" data-testid="bench-aids">
      <h2>{t('settings.packVideoTitle')}</h2>
      <div className="form-grid">
        <label htmlFor="set-video">{t('settings.packVideoEnabled')}</label>
        <input id="set-video" type="checkbox" data-testid="set-packVideo" checked={video.enabled} onChange={(e) => setVideo({ enabled: e.target.checked })} />
        <label htmlFor="set-video-budget">{t('settings.packVideoBudget')}</label>
        {field('set-video-budget', t('settings.packVideoBudget'), { min: 0.1, max: 10_000, decimal: true }, video.budgetGb, (budgetGb) => setVideo({ budgetGb }))}
        <label htmlFor="set-video-days">{t('settings.packVideoRetention')}</label>
        {field('set-video-days', t('settings.packVideoRetention'), { min: 1, max: 3650 }, video.retentionDays, (retentionDays) => setVideo({ retentionDays }))}
        <span />
        <p className="muted small">{t('settings.packVideoWhere')}</p>
        <label htmlFor="set-attachment-budget">{t('settings.attachmentBudget')}</label>
        <input id="set-attachment-budget" className="input input-num" type="number" min={100} step={1} value={draft.attachmentBudgetMb} data-testid="set-attachmentBudgetMb"
          onChange={(e) => Number.isInteger(Number(e.target.value)) && Number(e.target.value) >= 100 && set({ attachmentBudgetMb: Number(e.target.value) })} />
        <span />
        <p className="muted small">{t('settings.attachmentBudgetWhere')}</p>
        <label htmlFor="set-speak">{t('settings.speakPrompts')}</label>
        <div>
          <input id="set-speak" type="checkbox" data-testid="set-speakPrompts" checked={draft.speakPrompts} onChange={(e) => set({ speakPrompts: e.target.checked })} />{' '}
          <span className="muted small" data-testid="speech-voice" data-found={voice !== null}>
            {voice ? t('settings.speechVoice', { name: voice.name }) : t('settings.speechNoVoice')}
          </span>
        </div>
      </div>
    </section>
  );
}
