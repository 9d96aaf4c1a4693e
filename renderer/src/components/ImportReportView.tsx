import { useTranslation } from 'react-i18next';
import type { RowError } from '#shared/contract/common';
import { hostText } from '../lib/host-text';

/** Where a problem is: the file (and sheet), or "pasted text" for a list typed into the page. */
function placeOf(e: RowError, pasted: string): string {
  if (e.file === '') return pasted;
  return e.sheet === undefined ? e.file : `${e.file} › ${e.sheet}`;
}

/**
 * An import's outcome: counts, and every problem naming file, row and column. A problem found in
 * many rows is one line: its first rows, and how many there are in all.
 */
export function ImportReportView(props: {
  stats: [label: string, value: number][];
  errors: readonly RowError[];
  warnings?: readonly RowError[];
  rejected: boolean;
  testId?: string;
}) {
  const { stats, errors, warnings = [], rejected, testId } = props;
  const { t } = useTranslation();
  const pasted = t('report.pasted');
  return (
    <div className={rejected ? 'report report-rejected' : 'report report-ok'} data-testid={testId ?? 'import-report'} data-rejected={rejected}>
      <p className="report-headline">{rejected ? t('report.rejected') : t('report.accepted')}</p>
      <dl className="report-stats">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {warnings.length > 0 && (
        <ul className="report-warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              {t('report.rowOf', { place: placeOf(w, pasted), row: w.row })}
              {t('common.colon')}
              {hostText(t, w.msg)}
              {w.repeats && <span className="muted"> {t('report.repeats', { count: w.repeats.count })}</span>}
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div className="table-wrap report-errors">
          <table className="table table-dense">
            <thead>
              <tr>
                <th>{t('report.file')}</th>
                <th className="num">{t('report.row')}</th>
                <th>{t('report.column')}</th>
                <th>{t('report.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={i} data-testid="report-problem">
                  <td className="report-file" title={placeOf(e, pasted)}>
                    {placeOf(e, pasted)}
                  </td>
                  <td className="num report-rows">{e.repeats ? `${e.repeats.rows.join(', ')}${e.repeats.count > e.repeats.rows.length ? ' …' : ''}` : e.row}</td>
                  <td className="report-column" title={e.column}>
                    {e.column ?? '—'}
                  </td>
                  <td>
                    {hostText(t, e.msg)}
                    {e.repeats && <span className="report-repeats"> {t('report.repeats', { count: e.repeats.count })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
