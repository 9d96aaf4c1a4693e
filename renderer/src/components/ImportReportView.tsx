import { useTranslation } from 'react-i18next';

export type ReportRowError = { file?: string; row?: number; line?: number; column?: string | undefined; message: string };

/** An import's outcome: counts, and every per-row problem naming file, row and column. */
export function ImportReportView(props: {
  stats: [label: string, value: number][];
  errors: ReportRowError[];
  warnings?: string[];
  rejected: boolean;
  testId?: string;
}) {
  const { stats, errors, warnings = [], rejected, testId } = props;
  const { t } = useTranslation();
  const shown = errors.slice(0, 500);
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
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div className="table-wrap report-errors">
          <table className="table table-dense">
            <thead>
              <tr>
                <th>{t('report.file')}</th>
                <th>{t('report.row')}</th>
                <th>{t('report.column')}</th>
                <th>{t('report.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <tr key={i}>
                  <td>{e.file ?? '—'}</td>
                  <td className="num">{e.row ?? e.line ?? '—'}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.length > shown.length && <p className="muted">{t('report.more', { count: errors.length - shown.length })}</p>}
        </div>
      )}
    </div>
  );
}
