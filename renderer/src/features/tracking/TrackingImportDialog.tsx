import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { ImportReportView } from '../../components/ImportReportView';
import { readFileAsBase64 } from '../../lib/files';
import { useTrackingStore } from './tracking.store';

/**
 * A supervisor imports tracking from a file (issue 10: works offline): the columns it reads, the
 * encoding, then the report with every bad row named by row and column.
 */
export function TrackingImportDialog({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const s = useTrackingStore();
  const [encoding, setEncoding] = useState<'auto' | 'gbk' | 'utf-8'>('auto');
  const input = useRef<HTMLInputElement>(null);
  if (!s.importOpen) return null;
  const close = () => s.setImportOpen(false);
  const onFile = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    const report = await s.importFile({ name: file.name, base64: await readFileAsBase64(file) }, encoding);
    if (report && !report.rejected) onImported();
  };
  return (
    <Dialog
      title={t('tracking.import.title')}
      onClose={close}
      wide
      testId="tracking-import-dialog"
      actions={
        <button type="button" className="btn" onClick={close}>
          {t('common.close')}
        </button>
      }
    >
      <p className="small">{t('tracking.import.lead')}</p>
      <div className="tracking-import-form">
        <label className="inline-field">
          {t('tracking.import.encoding')}
          <select className="input" value={encoding} onChange={(e) => setEncoding(e.target.value as typeof encoding)} data-testid="tracking-import-encoding">
            <option value="auto">{t('tracking.import.encodingAuto')}</option>
            <option value="gbk">GBK</option>
            <option value="utf-8">UTF-8</option>
          </select>
        </label>
        <label className="btn btn-primary file-button">
          {s.importing ? t('common.working') : t('tracking.import.choose')}
          <input ref={input} type="file" accept=".csv,text/csv,.txt" disabled={s.importing} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="tracking-import-file" />
        </label>
      </div>
      <ErrorText error={s.importError} />
      {s.report && (
        <ImportReportView
          rejected={s.report.rejected}
          errors={s.report.errors}
          testId="tracking-import-report"
          stats={[
            [t('tracking.import.statRows'), s.report.rowsRead],
            [t('tracking.import.statParcels'), s.report.parcels],
            [t('tracking.import.statDelivered'), s.report.delivered],
            [t('tracking.import.statReturned'), s.report.returned],
            [t('tracking.import.statProblem'), s.report.problem],
            [t('tracking.import.statUnknown'), s.report.unknownParcels],
          ]}
        />
      )}
    </Dialog>
  );
}
