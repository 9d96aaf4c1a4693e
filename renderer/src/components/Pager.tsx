import { useTranslation } from 'react-i18next';

/** Previous / next paging for long lists. */
export function Pager(props: { offset: number; limit: number; total: number; onPage: (offset: number) => void }) {
  const { offset, limit, total, onPage } = props;
  const { t } = useTranslation();
  if (total <= limit && offset === 0) return <div className="pager muted">{t('common.count', { count: total })}</div>;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <div className="pager">
      <button type="button" className="btn" disabled={offset === 0} onClick={() => onPage(offset - limit)}>
        {t('common.prev')}
      </button>
      <span>{t('common.range', { from, to, total })}</span>
      <button type="button" className="btn" disabled={to >= total} onClick={() => onPage(offset + limit)}>
        {t('common.next')}
      </button>
    </div>
  );
}
