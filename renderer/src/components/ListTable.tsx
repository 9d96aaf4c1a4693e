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
