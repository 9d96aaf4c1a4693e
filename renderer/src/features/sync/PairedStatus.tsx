import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { currentLanguage } from '../../i18n/setup';
import { formatAgo, formatDateTime, formatSpan } from '../../lib/format';
import { formatFingerprint } from '#shared/domain/fingerprint';
import { hostText } from '../../lib/host-text';
import { useSyncStore } from './sync.store';
import { useNow } from './use-now';

/** A paired station: where its hub is, how sync stands, sync now, and leaving the hub (admin). */
export function PairedStatus({ status, admin }: { status: SyncStatus; admin: boolean }) {
  const { t } = useTranslation();
  const busy = useSyncStore((s) => s.busy);
  const error = useSyncStore((s) => s.error);
  const syncNow = useSyncStore((s) => s.syncNow);
  const [confirming, setConfirming] = useState(false);
  const now = useNow();
  const lang = currentLanguage();
  const revoked = status.state === 'revoked';
  const unpairButton = (label: string, className: string) => (
    <button type="button" className={`btn ${className}`} disabled={busy !== null} onClick={() => setConfirming(true)} data-testid="sync-unpair">
      {label}
    </button>
  );
  return (
    <div className="paired-status" data-testid="paired-status">
      {revoked && (
        <div className="identity-alarm" role="alert" data-testid="sync-revoked">
          <strong>{t('sync.panel.revokedTitle')}</strong>
          <p>{t('sync.panel.revokedLead')}</p>
          <p>{t('sync.panel.revokedHowTo', { stationId: status.stationId })}</p>
          {admin ? <div className="row-gap">{unpairButton(t('sync.panel.repair'), 'btn-primary')}</div> : <p>{t('sync.panel.revokedAdminOnly')}</p>}
        </div>
      )}
      <dl className="kv sync-kv">
        <dt>{t('sync.panel.hubUrl')}</dt>
        <dd className="mono" data-testid="sync-hub-url">
          {status.hubUrl ?? '—'}
        </dd>
        <dt>{t('sync.panel.fingerprint')}</dt>
        <dd className="mono small" data-testid="sync-hub-fingerprint">
          {status.hubFingerprint ? formatFingerprint(status.hubFingerprint) : t('sync.panel.notEncrypted')}
        </dd>
        <dt>{t('sync.panel.stationName')}</dt>
        <dd data-testid="sync-station-name">{status.stationName ?? '—'}</dd>
        <dt>{t('sync.panel.role')}</dt>
        <dd>{status.role ? t(`sync.stationRoles.${status.role}`) : '—'}</dd>
        <dt>{t('sync.panel.state')}</dt>
        <dd>
          <span className={`sync-tag sync-tag-${status.state}`} data-testid="sync-panel-state">
            {t(`sync.state.${status.state}`)}
          </span>{' '}
          {!revoked && <span className="muted small">{t(`sync.stateHint.${status.state}`)}</span>}
          {status.lastError && status.state === 'offline' && (
            <div className="warn-text small" data-testid="sync-last-error">
              {hostText(t, status.lastError)}
            </div>
          )}
        </dd>
        <dt>{t('sync.panel.lastSync')}</dt>
        <dd>
          {formatDateTime(status.lastSyncAt, lang)}
          {status.lastSyncAt && <span className="muted"> ({formatAgo(status.lastSyncAt, lang, now, t('sync.justNow'))})</span>}
        </dd>
        <dt>{t('sync.panel.pending')}</dt>
        <dd data-testid="sync-panel-pending">{t('sync.panel.pendingValue', { count: status.pendingOps })}</dd>
        <dt>{t('sync.panel.cursor')}</dt>
        <dd className="mono">{status.cursor}</dd>
        <dt>{t('sync.panel.epoch')}</dt>
        <dd className="mono" title={status.hubEpoch ?? ''}>
          {status.hubEpoch ? status.hubEpoch.slice(0, 8) : '—'}
        </dd>
        <dt>{t('sync.panel.clock')}</dt>
        <dd data-testid="sync-clock">{clockText(t, status, lang, now)}</dd>
        <dt>{t('sync.panel.stationId')}</dt>
        <dd className="mono">{status.stationId}</dd>
      </dl>
      <div className="row-gap">
        {/* Removed from the shop, a sync round cannot get through: pairing again (above) is the way on. */}
        <button type="button" className={revoked ? 'btn' : 'btn btn-primary'} disabled={busy !== null} onClick={() => void syncNow()} data-testid="sync-now">
          {busy === 'now' ? t('sync.panel.syncing') : t('sync.panel.syncNow')}
        </button>
        {admin && !revoked && unpairButton(t('sync.panel.unpair'), 'btn-danger-outline')}
      </div>
      <ErrorText error={error} testId="sync-error" overrides={{ HUB_UNREACHABLE: t('sync.panel.unreachable') }} />
      {confirming && <UnpairDialog pending={status.pendingOps} onClose={() => setConfirming(false)} />}
    </div>
  );
}

/** The PC's clock against the hub's: measured in touch with the hub, so out of touch it says when. */
function clockText(t: TFunction, status: SyncStatus, lang: string, now: number): string {
  const offset = status.clockOffsetMs;
  if (offset === null) return '—';
  const clock = Math.abs(offset) <= 60_000 ? t('sync.panel.clockOk') : t(offset > 0 ? 'sync.panel.clockBehind' : 'sync.panel.clockAhead', { span: formatSpan(offset, lang) });
  if (status.state !== 'offline' && status.state !== 'revoked') return clock;
  if (!status.lastSyncAt) return '—';
  const ago = formatAgo(status.lastSyncAt, lang, now, t('sync.justNow'));
  return t(status.state === 'revoked' ? 'sync.panel.clockCheckedAgoRevoked' : 'sync.panel.clockCheckedAgo', { clock, ago });
}

/** Leaving the hub loses nothing: ops not yet sent stay in this station's outbox. */
function UnpairDialog({ pending, onClose }: { pending: number; onClose: () => void }) {
  const { t } = useTranslation();
  const busy = useSyncStore((s) => s.busy === 'unpair');
  const unpair = useSyncStore((s) => s.unpair);
  const error = useSyncStore((s) => s.error);
  const confirm = async () => {
    if (await unpair()) onClose();
  };
  return (
    <Dialog
      title={t('sync.unpairDialog.title')}
      onClose={onClose}
      testId="unpair-dialog"
      actions={<ConfirmButtons onCancel={onClose} label={t('sync.panel.unpair')} disabled={busy} onConfirm={() => void confirm()} testId="unpair-confirm" danger />}
    >
      <p className="dialog-lead">{t('sync.unpairDialog.lead')}</p>
      <p className="dialog-notice" data-testid="unpair-pending">
        {pending > 0 ? t('sync.unpairDialog.pending', { count: pending }) : t('sync.unpairDialog.nothingPending')}
      </p>
      <ErrorText error={error} testId="unpair-error" />
    </Dialog>
  );
}
