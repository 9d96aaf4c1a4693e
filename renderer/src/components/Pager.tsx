import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Page sizes offered where a list lets the reader choose (the host caps a page at 200 or more). */
export const pageSizes = [20, 50, 100, 200] as const;

/**
 * Previous / next paging for long lists. With `onLimit` the reader also chooses the page size and
 * jumps to a page by its number.
 */
export function Pager(props: { offset: number; limit: number; total: number; onPage: (offset: number) => void; onLimit?: (limit: number) => void }) {
  const { offset, limit, total, onPage, onLimit } = props;
  const { t } = useTranslation();
  const size = onLimit && (
    <label className="pager-size">
      {t('pager.size')}{' '}
      <select className="input" value={limit} onChange={(e) => onLimit(Number(e.target.value))} data-testid="pager-size">
        {pageSizes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
  if (total <= limit && offset === 0) {
    return (
      <div className="pager muted">
        {t('common.count', { count: total })}
        {size}
      </div>
    );
  }
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <div className="pager">
      <button type="button" className="btn" disabled={offset === 0} onClick={() => onPage(offset - limit)} data-testid="pager-prev">
        {t('common.prev')}
      </button>
      <span data-testid="pager-range">{t('common.range', { from, to, total })}</span>
      <button type="button" className="btn" disabled={to >= total} onClick={() => onPage(offset + limit)} data-testid="pager-next">
        {t('common.next')}
      </button>
      {onLimit && <PageJump key={`${offset}/${limit}`} page={Math.floor(offset / limit) + 1} pages={pages} onPage={(page) => onPage((page - 1) * limit)} />}
      {size}
    </div>
  );
}

/** "第 [3] 页，共 40 页 跳转": a page number typed is kept as typed until it is one of the pages. */
function PageJump({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(page));
  const wanted = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  const ok = wanted >= 1 && wanted <= pages;
  return (
    <form
      className="pager-jump"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok && wanted !== page) onPage(wanted);
      }}
    >
      <label>
        {t('pager.page')}{' '}
        <input
          className="input input-num"
          inputMode="numeric"
          size={4}
          value={text}
          aria-invalid={!ok}
          onChange={(e) => setText(e.target.value)}
          data-testid="pager-page"
        />{' '}
        {t('pager.of', { pages })}
      </label>
      <button type="submit" className="btn" disabled={!ok} data-testid="pager-go">
        {t('pager.go')}
      </button>
    </form>
  );
}
