import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxKinds, type InboxResolution } from '#shared/contract/inbox.contract';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { benchName, saidName } from '../../lib/bench-names';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useSessionStore } from '../session/session.store';
import { InboxRowCard } from './InboxRowCard';
import { InboxSettingsDialog } from './InboxSettingsDialog';
import { useInboxStore, type InboxView } from './inbox.store';
import { ResolveDialog } from './ResolveDialog';
import './inbox.css';

const views: InboxView[] = ['open', 'resolved'];

/**
 * 异常收件箱: everything that needs a human, from every bench, the same list at each. Filter by
 * kind and bench; open a row where it can be acted on; resolve it with a note. `thresholds`: the
 * shop's thresholds can be set here (at a bench; the phone's desk leaves the shop's set-up alone).
 */
export function InboxScreen({ thresholds = true }: { thresholds?: boolean }) {
  const { t } = useTranslation();
  const s = useInboxStore();
  const role = useSessionStore((st) => st.session?.user?.role);
  const supervisor = role === 'supervisor' || role === 'admin';
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    void useInboxStore.getState().load();
  }, []);
  // The chips count what the bench filter shows; the top bar's badge stays the shop's.
  const counts = s.bench !== null && s.benchCounts ? s.benchCounts : s.counts;
  return (
    <div className="screen inbox" data-testid="inbox-screen">
      <ScreenHead title={t('inbox.title')}>
        <div className="inbox-head-tools">
          <FilterButtons filters={views} value={s.view} onPick={s.setView} label={(v) => t(`inbox.views.${v}`)} testIdPrefix="inbox-view" />
          {supervisor && thresholds && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                void useInboxStore.getState().loadSettings();
                setEditing(true);
              }}
              data-testid="inbox-settings"
            >
              {t('inbox.settings.open')}
            </button>
          )}
        </div>
      </ScreenHead>
      {s.view === 'open' && (
        <div className="inbox-filters">
          <div className="chip-row" role="group" aria-label={t('inbox.filterKind')}>
            <button type="button" className={s.kind === null ? 'chip chip-on' : 'chip'} aria-pressed={s.kind === null} onClick={() => s.setKind(null)} data-testid="inbox-kind-all">
              {t('inbox.allKinds')} <b>{counts?.total ?? 0}</b>
            </button>
            {inboxKinds
              .filter((k) => (counts?.byKind[k] ?? 0) > 0 || s.kind === k)
              .map((k) => (
                <button type="button" key={k} className={s.kind === k ? 'chip chip-on' : 'chip'} aria-pressed={s.kind === k} onClick={() => s.setKind(k)} data-testid={`inbox-kind-${k}`}>
                  {t(`inbox.kinds.${k}`)} <b>{counts?.byKind[k] ?? 0}</b>
                </button>
              ))}
          </div>
          {s.benches.length > 0 && (
            <label className="inbox-bench-filter">
              {t('inbox.filterBench')}
              <select className="input" value={s.bench ?? ''} onChange={(e) => s.setBench(e.target.value || null)} data-testid="inbox-bench">
                <option value="">{t('inbox.allBenches')}</option>
                {s.benches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {benchName(t, b)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      <ErrorText error={s.error} />
      {s.view === 'open' ? (
        <ul className="inbox-list" data-testid="inbox-list" aria-busy={s.loading}>
          {s.rows.length === 0 && <li className="inbox-empty muted">{s.loading ? t('common.loading') : s.kind || s.bench ? t('inbox.emptyFiltered') : t('inbox.empty')}</li>}
          {s.rows.map((row) => (
            <InboxRowCard key={row.key} row={row} canResolve onResolve={s.openResolve} />
          ))}
        </ul>
      ) : (
        <ResolvedList resolutions={s.resolutions} loading={s.loading} />
      )}
      {s.resolving && <ResolveDialog key={s.resolving.row.key} />}
      {editing && s.settings && <InboxSettingsDialog settings={s.settings} onSave={s.saveSettings} onClose={() => setEditing(false)} />}
    </div>
  );
}

function ResolvedList({ resolutions, loading }: { resolutions: InboxResolution[]; loading: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <ul className="inbox-list" data-testid="inbox-resolved-list">
      {resolutions.length === 0 && <li className="inbox-empty muted">{loading ? t('common.loading') : t('inbox.noneResolved')}</li>}
      {resolutions.map((r) => {
        // What it was about, as on the open row: the order, the parcel, the SKU.
        const refs = [
          r.orderExternalId && t('inbox.ref.order', { order: r.orderExternalId }),
          r.trackingNo && t('inbox.ref.parcel', { trackingNo: r.trackingNo }),
          r.skuCode && t('inbox.ref.sku', { sku: r.skuCode }),
        ].filter(Boolean);
        return (
          <li key={r.key} className="inbox-row inbox-done" data-testid="inbox-resolution" data-kind={r.kind}>
            <div className="inbox-row-head">
              <span className="tag tag-shipped">{t(`inbox.kinds.${r.kind}`)}</span>
              <time className="small muted" dateTime={r.at}>
                {formatDateTime(r.at, lang)}
              </time>
              {r.bench && <span className="small">{benchName(t, r.bench)}</span>}
              {r.by && (
                <span className="small" data-testid="inbox-resolution-by">
                  {r.authorizedBy
                    ? t('inbox.resolvedByAuthorized', { name: saidName(t, r.by), authorizer: saidName(t, r.authorizedBy) })
                    : t('inbox.resolvedBy', { name: saidName(t, r.by) })}
                </span>
              )}
              {refs.length > 0 && (
                <span className="inbox-refs mono small" data-testid="inbox-resolution-refs">
                  {refs.join(' · ')}
                </span>
              )}
            </div>
            {r.evidence && <p className="inbox-evidence muted">{hostText(t, r.evidence)}</p>}
            <p className="inbox-note-text">{r.note}</p>
          </li>
        );
      })}
    </ul>
  );
}
