import { useTranslation } from 'react-i18next';
import { auditKindNames } from '#shared/domain/audit-kinds';
import { SearchBox } from '../../components/SearchBox';
import { benchName, userName } from '../../lib/bench-names';
import { noCriteria, useAuditStore } from './audit.store';

/** Kind, person, bench, Beijing days and words: each narrows the list the host sends. `open`: unfolded on a phone. */
export function AuditFilters({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const criteria = useAuditStore((s) => s.criteria);
  const facets = useAuditStore((s) => s.facets);
  const query = useAuditStore((s) => s.query);
  const { setCriteria, setQuery } = useAuditStore.getState();
  const narrowed = query !== '' || Object.values(criteria).some((v) => v !== '');
  const reversed = criteria.from !== '' && criteria.to !== '' && criteria.from > criteria.to;
  return (
    <div className={open ? 'audit-filters audit-filters-open' : 'audit-filters'} data-testid="audit-filters">
      <label>
        {t('audit.filterKind')}
        <select className="input" value={criteria.kind} onChange={(e) => setCriteria({ kind: e.target.value as typeof criteria.kind })} data-testid="audit-kind">
          <option value="">{t('audit.anyKind')}</option>
          {auditKindNames.map((k) => (
            <option key={k} value={k}>
              {t(`audit.categories.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.filterPerson')}
        <select className="input" value={criteria.person} onChange={(e) => setCriteria({ person: e.target.value })} data-testid="audit-person">
          <option value="">{t('audit.anyone')}</option>
          {facets?.people.map((p) => (
            <option key={p.id} value={p.id}>
              {userName(t, p)}
              {p.active ? '' : ` (${t('audit.inactive')})`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.filterBench')}
        <select className="input" value={criteria.bench} onChange={(e) => setCriteria({ bench: e.target.value })} data-testid="audit-bench-filter">
          <option value="">{t('audit.anyBench')}</option>
          {facets?.benches.map((b) => (
            <option key={b.id} value={b.id}>
              {benchName(t, b)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('audit.from')}
        <input className="input" type="date" value={criteria.from} max={criteria.to || undefined} onChange={(e) => setCriteria({ from: e.target.value })} aria-invalid={reversed} data-testid="audit-from" />
      </label>
      <label>
        {t('audit.to')}
        <input className="input" type="date" value={criteria.to} min={criteria.from || undefined} onChange={(e) => setCriteria({ to: e.target.value })} aria-invalid={reversed} data-testid="audit-to" />
      </label>
      <SearchBox value={query} label={t('audit.search')} onSearch={setQuery} testId="audit-search" />
      {narrowed && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            setQuery('');
            setCriteria(noCriteria);
          }}
          data-testid="audit-clear"
        >
          {t('audit.clearFilters')}
        </button>
      )}
    </div>
  );
}
