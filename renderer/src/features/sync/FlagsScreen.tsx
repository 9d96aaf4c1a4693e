import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flag } from '#shared/contract/sync.contract';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { ListTable } from '../../components/ListTable';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useSessionStore } from '../session/session.store';
import { flagStations, isSevereFlag, useFlagKindLabel } from './flag-labels';
import { useFlagsStore, type FlagFilter } from './flags.store';
import { ResolveFlagDialog } from './ResolveFlagDialog';
import './sync.css';

const filters: FlagFilter[] = ['open', 'all'];

/** 冲突与异常: what sync could not settle by rule, for a supervisor to look at and close with a note. */
export function FlagsScreen() {
  const { t } = useTranslation();
  const s = useFlagsStore();
  const role = useSessionStore((st) => st.session?.user?.role);
  const canResolve = role === 'supervisor' || role === 'admin';
  useEffect(() => {
    void useFlagsStore.getState().load();
  }, []);
  return (
    <div className="screen flags" data-testid="flags-screen">
      <ScreenHead title={t('flags.title')}>
        <FilterButtons filters={filters} value={s.filter} onPick={s.setFilter} label={(f) => t(`flags.filters.${f}`)} testIdPrefix="flags-filter" />
      </ScreenHead>
      <p className="muted flags-lead">{canResolve ? t('flags.lead') : t('flags.readOnly')}</p>
      <ErrorText error={s.error} />
      <ListTable
        items={s.flags}
        columns={7}
        loading={s.loading}
        emptyText={s.filter === 'open' ? t('flags.emptyOpen') : t('flags.emptyAll')}
        testId="flags-table"
        head={
          <>
            <th>{t('flags.colTime')}</th>
            <th>{t('flags.colKind')}</th>
            <th>{t('flags.colOrder')}</th>
            <th>{t('flags.colStations')}</th>
            <th>{t('flags.colDetail')}</th>
            <th>{t('flags.colState')}</th>
            <th />
          </>
        }
        row={(f) => <FlagRow key={f.flagId} flag={f} canResolve={canResolve} />}
      />
      {s.resolving && <ResolveFlagDialog key={s.resolving.flag.flagId} />}
    </div>
  );
}

function FlagRow({ flag, canResolve }: { flag: Flag; canResolve: boolean }) {
  const { t } = useTranslation();
  const kindLabel = useFlagKindLabel();
  const openResolve = useFlagsStore((s) => s.openResolve);
  const lang = currentLanguage();
  const resolved = flag.resolvedAt !== null;
  return (
    <tr className={resolved ? 'flag-resolved' : ''} data-testid="flag-row" data-kind={flag.kind} data-flag-id={flag.flagId} data-resolved={resolved}>
      <td className="small nowrap">{formatDateTime(flag.raisedAt, lang)}</td>
      <td>
        <span className={isSevereFlag(flag.kind) ? 'tag tag-blocked' : 'tag tag-warn'} title={flag.kind}>
          {kindLabel(flag.kind)}
        </span>
      </td>
      <td className="mono" data-label={t('flags.colOrder')}>
        {flag.orderExternalId ?? '—'}
      </td>
      <td data-label={t('flags.colStations')}>{flagStations(t, flag)}</td>
      <td className="flag-detail">{hostText(t, flag.message)}</td>
      <td data-testid="flag-state">
        {resolved ? (
          <>
            <span className="tag tag-shipped">{t('flags.resolved')}</span>
            <div className="small">{flag.resolution}</div>
            <div className="small muted">{formatDateTime(flag.resolvedAt, lang)}</div>
          </>
        ) : (
          <span className="tag tag-blocked">{t('flags.open')}</span>
        )}
      </td>
      <td className="actions">
        {!resolved && canResolve && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => openResolve(flag)} data-testid="flag-resolve">
            {t('flags.resolve')}
          </button>
        )}
      </td>
    </tr>
  );
}
