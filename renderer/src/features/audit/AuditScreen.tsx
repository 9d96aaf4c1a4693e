import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditFilters, type AuditEntry } from '#shared/contract/audit.contract';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { ListTable } from '../../components/ListTable';
import { Pager } from '../../components/Pager';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { benchName, userName } from '../../lib/bench-names';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { AuditFilters } from './AuditFilters';
import { useAuditStore } from './audit.store';
import './audit.css';

/** 审计记录: who did what a permission guards, and who authorised it, at every bench (supervisors and admins). */
export function AuditScreen() {
  const { t } = useTranslation();
  const s = useAuditStore();
  // What narrows the list: the words and each criterion set.
  const active = (s.query.trim() !== '' ? 1 : 0) + Object.values(s.criteria).filter((v) => v !== '').length;
  const narrowed = active > 0;
  // On a phone the filters fold behind one button (desk.css), so the entries are what the page opens on.
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Days as the date boxes give them (YYYY-MM-DD) compare as text.
  const reversed = s.criteria.from !== '' && s.criteria.to !== '' && s.criteria.from > s.criteria.to;
  useEffect(() => {
    void useAuditStore.getState().load();
    void useAuditStore.getState().loadFacets();
  }, []);
  return (
    <div className="screen audit" data-testid="audit-screen">
      <ScreenHead title={t('audit.title')}>
        <FilterButtons filters={auditFilters} value={s.filter} onPick={s.setFilter} label={(f) => t(`audit.filters.${f}`)} testIdPrefix="audit-filter" />
        <button type="button" className="btn" disabled={s.exporting} onClick={() => void s.exportCsv()} data-testid="audit-export">
          {s.exporting ? t('common.working') : t('audit.export')}
        </button>
      </ScreenHead>
      <p className="muted audit-lead">{t('audit.lead')}</p>
      <button type="button" className="btn audit-filters-toggle" aria-expanded={filtersOpen} onClick={() => setFiltersOpen(!filtersOpen)} data-testid="audit-filters-toggle">
        {narrowed ? t('audit.filtersActive', { count: active }) : t('audit.filtersToggle')}
      </button>
      <AuditFilters open={filtersOpen} />
      {s.exported && (
        <p className="ok-text" role="status" data-testid="audit-exported">
          {s.exported.rows < s.exported.total
            ? t('audit.exportedSome', { rows: s.exported.rows, total: s.exported.total, file: s.exported.fileName })
            : t('audit.exported', { rows: s.exported.rows, file: s.exported.fileName })}
        </p>
      )}
      <ErrorText error={s.exportError} testId="audit-export-error" />
      <ErrorText error={s.error} />
      <ListTable
        items={s.entries}
        columns={6}
        loading={s.loading}
        emptyText={reversed ? t('audit.rangeReversed') : narrowed ? t('audit.emptyFiltered') : s.filter === 'all' ? t('audit.empty') : t('audit.emptyAuthorized')}
        testId="audit-table"
        head={
          <>
            <th>{t('audit.colTime')}</th>
            <th>{t('audit.colBench')}</th>
            <th>{t('audit.colWhat')}</th>
            <th>{t('audit.colTarget')}</th>
            <th>{t('audit.colUser')}</th>
            <th>{t('audit.colAuthorizer')}</th>
          </>
        }
        row={(e) => <AuditRow key={`${e.kind}:${e.id}`} entry={e} />}
      />
      <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} onLimit={s.setLimit} />
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="audit-row" data-kind={entry.kind}>
      <td className="small nowrap">{formatDateTime(entry.at, currentLanguage(), { seconds: true })}</td>
      <td data-testid="audit-bench" data-label={t('audit.colBench')}>
        {entry.bench ? benchName(t, entry.bench) : '—'}
      </td>
      <td>
        <span className={entry.kind === 'op' ? 'tag tag-open' : 'tag'}>{t(`audit.kinds.${entry.kind}`)}</span> {hostText(t, entry.what)}
        {entry.category && <div className="small muted" data-testid="audit-category">{t(`audit.categories.${entry.category}`)}</div>}
      </td>
      <td className="audit-target">
        {entry.target !== '' && <span className="mono">{entry.target}</span>}
        {entry.count > 1 ? (
          <span className="muted"> {t(entry.target === '' ? 'audit.batchNoTarget' : 'audit.more', { count: entry.count })}</span>
        ) : (
          entry.target === '' && '—'
        )}
        {entry.note && <div className="small muted">{hostText(t, entry.note)}</div>}
      </td>
      <td data-testid="audit-user" data-label={t('audit.colUser')}>
        {entry.user ? userName(t, entry.user) : '—'}
      </td>
      <td data-testid="audit-authorizer" data-label={t('audit.colAuthorizer')}>
        {entry.authorizedBy ? userName(t, entry.authorizedBy) : '—'}
      </td>
    </tr>
  );
}
