import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { useNavStore } from '../../app/nav.store';
import { leaveEdits } from '../../components/UnsavedPrompt';
import { currentLanguage } from '../../i18n/setup';
import { formatAgo, formatSpan } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useSyncStore } from './sync.store';
import { useNow } from './use-now';
import './sync.css';

/** Past this, the PC's clock is worth a word (clocks never order anything; DESIGN §9). */
const clockWarnMs = 60_000;

function pendingText(t: TFunction, status: SyncStatus): string {
  // Alone, a bench keeps every op for a hub it may join one day: a count that only grows says nothing useful.
  if (!status.paired) return t('sync.notPaired');
  // Removed from the shop: nothing here is on its way anywhere, whatever the count.
  if (status.state === 'revoked') return status.pendingOps > 0 ? t('sync.notDelivered', { count: status.pendingOps }) : t('sync.notDelivering');
  if (status.state === 'syncing' && status.hubHead > status.cursor) return t('sync.catchingUp', { done: status.cursor, total: status.hubHead });
  if (status.pendingOps > 0) return t('sync.pending', { count: status.pendingOps });
  // Out of touch, nothing can be "all synced": only that nothing waits here.
  return t(status.state === 'offline' ? 'sync.nothingWaiting' : 'sync.allSent');
}

/** When the hub was last heard from: "synced just now" only while in touch, "last reached the hub …" when not. */
function lastText(t: TFunction, status: SyncStatus, ago: (iso: string) => string): string {
  const cut = status.state === 'offline' || status.state === 'revoked';
  if (!status.lastSyncAt) return t(cut ? 'sync.neverReached' : 'sync.neverSynced');
  return t(cut ? 'sync.lastReached' : 'sync.syncedAgo', { ago: ago(status.lastSyncAt) });
}

/**
 * The top bar's sync light, next to who is packing: 单机 / 在线 / 同步中 / 离线, what is waiting to go
 * out and when the last round was. It opens Settings at the sync panel (open flags are counted in the inbox's badge).
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.status);
  const go = useNavStore((s) => s.go);
  const now = useNow();
  if (!status) return null;
  const lang = currentLanguage();
  const last = lastText(t, status, (iso) => formatAgo(iso, lang, now, t('sync.justNow'), 'short'));
  const state = t(`sync.state.${status.state}`);
  const pending = pendingText(t, status);
  const files = status.paired && status.pendingFiles > 0 ? t('sync.pendingFiles', { count: status.pendingFiles }) : null;
  // The pill cuts its line short when the bar is full: the tooltip always has it whole.
  const sub = [pending, files, status.paired && last].filter(Boolean).join(' · ');
  const hint = [state, sub, t(`sync.stateHint.${status.state}`), status.hubUrl, status.lastError && hostText(t, status.lastError)]
    .filter(Boolean)
    .join('\n');
  return (
    <div className={`sync-indicator sync-${status.state}`} data-testid="sync-indicator" data-state={status.state}>
      <button type="button" className="sync-pill" title={hint} onClick={() => leaveEdits(() => go('settings', 'sync'))} data-testid="sync-open">
        <span className="sync-dot" aria-hidden />
        <span className="sync-text">
          <span className="sync-state sync-clamp" data-testid="sync-state">
            {state}
          </span>
          <span className="sync-sub sync-clamp" data-testid="sync-sub">
            <span data-testid="sync-pending" data-count={status.paired ? status.pendingOps : 0}>
              {pending}
            </span>
            {files && (
              <>
                {' · '}
                <span data-testid="sync-pending-files" data-count={status.pendingFiles}>
                  {files}
                </span>
              </>
            )}
            {status.paired && (
              <>
                {' · '}
                <span data-testid="sync-last">{last}</span>
              </>
            )}
          </span>
        </span>
      </button>
    </div>
  );
}

/** A hub presenting another certificate stops sync: said loudly, under the top bar, until it is sorted out. */
const identityChanged = (status: SyncStatus) => status.lastError?.key === 'sync.error.hubIdentityChanged';

/**
 * Notices under the top bar. Warnings never block work (a PC clock far off, ops from a newer
 * version, the photos' disk budget full with nothing the hub has); the alarm says sync stopped
 * because the hub's identity changed.
 */
export function SyncNotices() {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.status);
  if (!status) return null;
  const offset = status.clockOffsetMs;
  const clockOff = offset !== null && Math.abs(offset) > clockWarnMs;
  const alarm = identityChanged(status) && status.lastError;
  if (!clockOff && status.parkedOps <= 0 && !alarm && !status.storageWarning) return null;
  return (
    <div className="sync-notices" role="status" data-testid="sync-notices">
      {alarm && (
        <div className="identity-alarm" role="alert" data-testid="sync-identity-alarm">
          <strong>{t('sync.identityAlarmTitle')}</strong> {hostText(t, alarm)}
        </div>
      )}
      {clockOff && (
        <p data-testid="sync-clock-warning">{t(offset > 0 ? 'sync.clockBehind' : 'sync.clockAhead', { span: formatSpan(offset, currentLanguage()) })}</p>
      )}
      {status.parkedOps > 0 && <p data-testid="sync-parked">{t('sync.parked', { count: status.parkedOps })}</p>}
      {status.storageWarning && <p data-testid="sync-storage-warning">{hostText(t, status.storageWarning)}</p>}
    </div>
  );
}
