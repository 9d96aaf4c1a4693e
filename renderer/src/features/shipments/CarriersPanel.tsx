import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { ImportReportView } from '../../components/ImportReportView';
import type { FileInput } from '#shared/contract/common';
import { readFileAsBase64, readFileAsText } from '../../lib/files';
import { carrierLabel } from '../../lib/format';
import { useCarriersStore } from './carriers.store';

/** Below this many free numbers a pool is shown as running low. */
export const poolLowAt = 50;

/** Carriers with their waybill-number pools, and adding numbers (a list, or ranges a-b). */
export function CarriersPanel() {
  const { t, i18n } = useTranslation();
  const s = useCarriersStore();
  const [carrierCode, setCarrierCode] = useState('');
  const [text, setText] = useState('');
  // An uploaded file is sent as it is (the text box shows it); typing into the box sends the text instead.
  const [file, setFile] = useState<FileInput | null>(null);
  useEffect(() => {
    void useCarriersStore.getState().load();
  }, []);
  // No carrier is preselected: with the list's first (顺丰) chosen for them, sellers pasted their
  // 圆通 numbers into 顺丰's pool, where they cannot be taken back (a number is never freed again).
  const target = carrierCode;
  const onFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFile({ name: chosen.name, base64: await readFileAsBase64(chosen) });
    setText(await readFileAsText(chosen));
  };
  const submit = async () => {
    if (await s.importPool(target, file ? { file } : { text })) {
      setText('');
      setFile(null);
    }
  };
  return (
    <div className="carriers">
      <ErrorText error={s.error} />
      <div className="table-wrap">
        <table className="table" data-testid="carriers-table">
          <thead>
            <tr>
              <th>{t('carriers.name')}</th>
              <th>{t('carriers.code')}</th>
              <th>{t('carriers.enabled')}</th>
              <th className="num">{t('carriers.free')}</th>
              <th className="num">{t('carriers.used')}</th>
              <th className="num">{t('carriers.void')}</th>
            </tr>
          </thead>
          <tbody>
            {s.carriers.map((c) => {
              // A carrier never given numbers is not "running low", it is simply not set up.
              const inUse = c.pool.free > 0 || c.pool.used > 0;
              const low = c.enabled && inUse && c.pool.free < poolLowAt;
              return (
                <tr key={c.code} className={low ? 'row-late' : ''} data-testid={`carrier-row-${c.code}`}>
                  <td>{carrierLabel(c, i18n.language)}</td>
                  <td className="mono">{c.code}</td>
                  <td>
                    <input type="checkbox" checked={c.enabled} onChange={(e) => void s.setEnabled(c.code, e.target.checked)} aria-label={c.name} />
                  </td>
                  <td className={inUse ? 'num' : 'num muted'} data-testid={`pool-free-${c.code}`}>
                    {c.pool.free}
                    {low && <span className="tag tag-blocked">{t('carriers.low')}</span>}
                  </td>
                  <td className="num">{c.pool.used}</td>
                  <td className="num">{c.pool.void}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section className="card pool-import" data-testid="pool-import">
        <h2>{t('carriers.poolImport')}</h2>
        <p className="muted small">{t('carriers.poolHint')}</p>
        <div className="row-gap">
          <select className="input" value={target} onChange={(e) => setCarrierCode(e.target.value)} data-testid="pool-carrier">
            <option value="" disabled>
              {t('carriers.poolChooseCarrier')}
            </option>
            {s.carriers.map((c) => (
              <option key={c.code} value={c.code}>
                {carrierLabel(c, i18n.language)} ({c.code})
              </option>
            ))}
          </select>
          <label className="btn file-button">
            {t('carriers.poolFile')}
            <input type="file" accept=".txt,.csv,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} />
          </label>
        </div>
        <textarea
          className="input pool-text"
          rows={6}
          value={text}
          placeholder={'SF1234567890123\nYT8000000000-YT8000000099'}
          onChange={(e) => {
            setText(e.target.value);
            setFile(null);
          }}
          data-scan-target="field"
          data-testid="pool-text"
        />
        <button type="button" className="btn btn-primary" disabled={!target || !text.trim() || s.importing} onClick={() => void submit()} data-testid="pool-submit">
          {s.importing ? t('common.working') : t('carriers.poolAdd')}
        </button>
        <ErrorText error={s.poolError} />
        {s.poolReport && (
          <ImportReportView
            testId="pool-report"
            rejected={s.poolReport.rejected}
            errors={s.poolReport.errors}
            warnings={s.poolReport.warnings}
            stats={[
              [t('carriers.added'), s.poolReport.added],
              [t('carriers.duplicates'), s.poolReport.duplicates],
              ...(s.poolReport.heldElsewhere > 0 ? [[t('carriers.heldElsewhere'), s.poolReport.heldElsewhere] as [string, number]] : []),
            ]}
          />
        )}
      </section>
    </div>
  );
}
