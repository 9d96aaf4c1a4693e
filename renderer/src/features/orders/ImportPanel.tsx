import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { ImportReportView } from '../../components/ImportReportView';
import { readFileAsBase64 } from '../../lib/files';
import { hostText } from '../../lib/host-text';
import { MappingEditor } from './MappingEditor';
import { useOrdersStore } from './orders.store';

const maxFiles = 4;

/** Import a Taobao export (the 订单 + 宝贝 pair), a 千牛 XLSX, or any CSV through a saved column mapping. */
export function ImportPanel() {
  const { t } = useTranslation();
  const importing = useOrdersStore((s) => s.importing);
  const progress = useOrdersStore((s) => s.progress);
  const report = useOrdersStore((s) => s.report);
  const importError = useOrdersStore((s) => s.importError);
  const mappings = useOrdersStore((s) => s.mappings);
  const mappingName = useOrdersStore((s) => s.mappingName);
  const { importFiles, setMappingName, clearReport } = useOrdersStore.getState();
  const [editing, setEditing] = useState(false);
  const [tooMany, setTooMany] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onFiles = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (input.current) input.current.value = '';
    setTooMany(files.length > maxFiles);
    if (files.length === 0 || files.length > maxFiles) return;
    const payload = await Promise.all(files.map(async (f) => ({ name: f.name, base64: await readFileAsBase64(f) })));
    await importFiles(payload);
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <section className="card import-panel" data-testid="orders-import">
      <div className="import-row">
        <label className="btn btn-primary file-button">
          {t('orders.importFiles')}
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple
            disabled={importing}
            onChange={(e) => void onFiles(e.target.files)}
            data-testid="orders-import-file"
          />
        </label>
        <label className="inline-field">
          {t('orders.mapping')}
          <select className="input" value={mappingName} onChange={(e) => setMappingName(e.target.value)} data-testid="mapping-select">
            <option value="">{t('orders.mappingAuto')}</option>
            {mappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="mapping-edit">
          {t('orders.editMapping')}
        </button>
        <span className="muted small">{t('orders.importHint')}</span>
      </div>
      {tooMany && <div className="error-text">{t('orders.tooManyFiles', { max: maxFiles })}</div>}
      {importing && (
        <div className="progress" data-testid="import-progress">
          <div className="progress-label">
            {progress ? t(`orders.phase.${progress.phase}`) : t('common.working')}
            {pct !== null && ` ${pct}%`}
          </div>
          <div className="progress-bar">
            <div className="progress-fill" style={{ width: `${pct ?? 5}%` }} />
          </div>
        </div>
      )}
      <ErrorText error={importError} testId="import-error" />
      {importError && <p className="muted small">{t('report.nothingImported')}</p>}
      {report && (
        <div>
          <ImportReportView
            rejected={report.rejected}
            errors={report.errors}
            stats={[
              [t('orders.report.read'), report.ordersRead],
              [t('orders.report.created'), report.created],
              [t('orders.report.updated'), report.updated],
              [t('orders.report.unchanged'), report.unchanged],
              [t('orders.report.statusChanges'), report.statusChanges],
            ]}
          />
          {report.notices.length > 0 && (
            <div className="report-warnings" role="status" data-testid="import-notices">
              {report.notices.map((n) => (
                <p key={n.key}>{hostText(t, n)}</p>
              ))}
            </div>
          )}
          {report.linesWithoutSku.count > 0 && (
            <div className="report-warnings report-no-sku" role="alert" data-testid="lines-without-sku" data-count={report.linesWithoutSku.count}>
              <p>{t('orders.report.linesWithoutSku', { count: report.linesWithoutSku.count })}</p>
              <ul>
                {report.linesWithoutSku.lines.map((l) => (
                  <li key={`${l.orderId}:${l.lineNo}`}>{t('orders.report.lineWithoutSku', { order: l.orderId, line: l.lineNo, title: l.title })}</li>
                ))}
                {report.linesWithoutSku.count > report.linesWithoutSku.lines.length && (
                  <li>{t('orders.report.moreLinesWithoutSku', { count: report.linesWithoutSku.count - report.linesWithoutSku.lines.length })}</li>
                )}
              </ul>
            </div>
          )}
          <div className="import-report-foot">
            <span className="muted small">{report.format && `${t('orders.report.formatName')}${t('common.colon')}${t(`orders.formats.${report.format}`)}`}</span>
            <button type="button" className="btn btn-small" onClick={clearReport} data-testid="import-report-close">
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
      {editing && <MappingEditor onClose={() => setEditing(false)} />}
    </section>
  );
}
