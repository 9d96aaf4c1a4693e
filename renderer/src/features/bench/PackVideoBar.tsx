import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { setSpeechPrompts } from '../../lib/speech-prompts';
import { useSettingsStore } from '../settings/settings.store';
import { useBenchStore } from './bench.store';
import { usePackVideoStore } from './pack-video.store';

/**
 * The pack video's line on the bench: what is on tape, a camera or upload problem, and a warning
 * when the clips near their disk budget. The recorder follows the bench store from here, outside
 * the scan path: a scan's answer repaints the bench first, the recorder hears of it after.
 */
export function PackVideoBar() {
  const { t } = useTranslation();
  const enabled = useSettingsStore((s) => s.settings?.packVideo.enabled ?? false);
  const recording = usePackVideoStore((s) => s.recording);
  const error = usePackVideoStore((s) => s.error);
  const usage = usePackVideoStore((s) => s.usage);
  const uploaded = usePackVideoStore((s) => s.uploaded);
  const speak = useSettingsStore((s) => s.settings?.speakPrompts ?? false);
  useEffect(() => setSpeechPrompts(speak), [speak]);

  useEffect(() => {
    if (!useSettingsStore.getState().settings) void useSettingsStore.getState().load();
  }, []);
  useEffect(() => {
    const video = usePackVideoStore.getState();
    video.enable(enabled);
    if (!enabled) return;
    video.follow(useBenchStore.getState().state);
    const off = useBenchStore.subscribe((s, before) => {
      if (s.state !== before.state) queueMicrotask(() => usePackVideoStore.getState().follow(s.state));
    });
    return () => {
      off();
      usePackVideoStore.getState().enable(false);
    };
  }, [enabled]);

  if (!enabled) return null;
  return (
    <div className="pack-video-bar" data-testid="pack-video" data-recording={recording ?? ''} data-uploaded={uploaded}>
      {recording && (
        <span className="pack-video-rec">
          <span className="rec-dot" aria-hidden="true" /> {t('media.recording')} <span className="mono">{recording}</span>
        </span>
      )}
      {error && <span className="pack-video-error" role="alert">{hostText(t, error)}</span>}
      {usage?.nearlyFull && (
        <span className="pack-video-budget" role="alert" data-testid="pack-video-budget">
          {t('media.budgetNearlyFull', { used: formatBytes(usage.usedBytes), budget: formatBytes(usage.budgetBytes) })}
        </span>
      )}
    </div>
  );
}
