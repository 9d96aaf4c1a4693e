import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list's table in its scroll box. With no rows it shows one row saying the list is loading, or
 * else why it is empty, so a slow search never reads as "nothing found".
 */
export function ListTable<T>(props: {
  items: readonly T[];
  /** One <tr> per item. */
  row: (item: T) => ReactNode;
  /** The header cells; `columns` says how many, for the empty row to span them all. */
  head: ReactNode;
  columns: number;
  loading: boolean;
  emptyText: string;
  testId: string;
  /** A class for the table besides "table". */
  className?: string;
}) {
  const { items, row, head, columns, loading, emptyText, testId, className } = props;
  const { t } = useTranslation();
  return (
    <div className="table-wrap" aria-busy={loading}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted center">
                {loading ? t('common.loading') : emptyText}
              </td>
            </tr>
          )}
          {items.map(row)}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A column header that sorts the list (the host sorts): clicking it sorts by this column, clicking
 * again turns the order round. The arrow, and aria-sort, say which way.
 */
export function SortHeader<K extends string>(props: { label: string; sortKey: K; sort: K; dir: 'asc' | 'desc'; onSort: (key: K) => void; className?: string }) {
  const { label, sortKey, sort, dir, onSort, className } = props;
  const { t } = useTranslation();
  const active = sort === sortKey;
  return (
    <th className={className ? `th-sort ${className}` : 'th-sort'} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} data-testid={`sort-${sortKey}`}>
      <button type="button" onClick={() => onSort(sortKey)} title={active ? t(dir === 'asc' ? 'common.sortAsc' : 'common.sortDesc') : undefined}>
        {label}
        <span className={active ? 'sort-arrow' : 'sort-arrow sort-arrow-idle'} aria-hidden>
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
