import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastStore } from '../../app/toast.store';
import { downloadBase64 } from '../../lib/files';
import type { ExportSummary } from '#shared/contract/shipments.contract';
import { notHandedOverText, numberChangeText } from '#shared/domain/batch-ship-notes';
import { extraParcelText } from '#shared/domain/split-shipment';
import { hostText } from '../../lib/host-text';
import { useShipmentsStore, type ExportChoice, type ExportFileKind } from './shipments.store';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileKind = (value: string): ExportFileKind => (value === 'utf-8' || value === 'xlsx' ? value : 'gbk');

/**
 * The 批量发货 export: CSV or XLSX, encoding, only what is new, only parcels handed to the courier (on by
 * default once the shop hands parcels over), and before anything is written, what the file will
 * hold and what it holds back: parcels still on the bench (named), partial parcels the platform cannot
 * take as a split (each with why; they go when the rest of the order ships). Parcels whose numbers the
 * file cannot carry (a second parcel of an order) are listed, and stay listed after the export, for
 * the seller to add on the platform by hand; so are reshipped orders whose uploaded number the seller
 * must change there (修改物流单号): the export stamps them, so the list after it is the last time.
 */
export function ExportBar() {
  const { t } = useTranslation();
  const exporting = useShipmentsStore((s) => s.exporting);
  const preview = useShipmentsStore((s) => s.preview);
  const total = useShipmentsStore((s) => s.total);
  const { exportBatchShip, loadPreview } = useShipmentsStore.getState();
  const [kind, setKind] = useState<ExportFileKind>('gbk');
  const [choice, setChoice] = useState<ExportChoice>({ onlyNotExported: true, onlyHandedOver: null });
  const [exported, setExported] = useState<Pick<ExportSummary, 'extra' | 'extraCount' | 'changes' | 'changeCount'> | null>(null);
  const extras = exported ?? preview;
  // Again when the options change, and when the list changed (a parcel voided, a new page read).
  useEffect(() => {
    void loadPreview(choice);
  }, [choice, total, loadPreview]);
  const onlyHandedOver = choice.onlyHandedOver ?? preview?.onlyHandedOver ?? false;
  const run = async () => {
    const file = await exportBatchShip(kind, choice);
    if (!file) return;
    setExported(file.extraCount > 0 || file.changeCount > 0 ? { extra: file.extra, extraCount: file.extraCount, changes: file.changes, changeCount: file.changeCount } : null);
    if (file.rows === 0) {
      useToastStore.getState().ok('shipments.exportEmpty');
      return;
    }
    downloadBase64(file.fileName, file.base64, kind === 'xlsx' ? XLSX_MIME : 'text/csv');
    useToastStore.getState().ok('shipments.exportDone', { rows: file.rows, file: file.fileName });
  };
  return (
    <div className="export-bar card" data-testid="export-bar">
      <div className="export-controls">
        <strong>{t('shipments.exportTitle')}</strong>
        <select className="input" value={kind} onChange={(e) => setKind(fileKind(e.target.value))} data-testid="export-encoding" aria-label={t('shipments.fileKind')}>
          <option value="gbk">{t('shipments.encodingGbk')}</option>
          <option value="utf-8">UTF-8 CSV</option>
          <option value="xlsx">{t('shipments.fileXlsx')}</option>
        </select>
        <label className="inline-field">
          <input type="checkbox" checked={choice.onlyNotExported} onChange={(e) => setChoice({ ...choice, onlyNotExported: e.target.checked })} />
          {t('shipments.onlyNotExported')}
        </label>
        <label className="inline-field">
          <input type="checkbox" checked={onlyHandedOver} onChange={(e) => setChoice({ ...choice, onlyHandedOver: e.target.checked })} data-testid="export-only-handed-over" />
          {t('export.onlyHandedOver')}
        </label>
        <button type="button" className="btn btn-primary" disabled={exporting} onClick={() => void run()} data-testid="export-button">
          {exporting ? t('common.working') : t('shipments.export')}
        </button>
      </div>
      {preview && (
        <div className="export-preview small" data-testid="export-preview">
          <span>{t('export.preview', { rows: preview.rows, parcels: preview.parcels })}</span>
          {preview.notHandedOver > 0 && (
            <span className="warn-text" data-testid="export-not-handed-over">
              {' · '}
              {hostText(t, notHandedOverText(preview, t('common.listSep')))}
            </span>
          )}
        </div>
      )}
      {preview && preview.heldCount > 0 && (
        <div className="export-held" data-testid="export-held">
          <strong className="warn-text">{t('export.heldCount', { count: preview.heldCount })}</strong>
          <ul>
            {preview.held.map((h) => (
              <li key={h.trackingNo} data-testid={`export-held-${h.trackingNo}`}>
                <span className="mono">
                  {h.orderExternalId} · {h.trackingNo}
                </span>{' '}
                {hostText(t, h.reason)}
              </li>
            ))}
            {preview.heldCount > preview.held.length && <li className="muted">{t('export.heldMore', { count: preview.heldCount - preview.held.length })}</li>}
          </ul>
        </div>
      )}
      {extras && extras.extraCount > 0 && (
        <div className="export-held" data-testid="export-extra">
          <strong className="warn-text">{t('export.extraCount', { count: extras.extraCount })}</strong>
          <ul>
            {extras.extra.map((x) => (
              <li key={x.trackingNo} className="mono" data-testid={`export-extra-${x.trackingNo}`}>
                {hostText(t, extraParcelText(x))}
              </li>
            ))}
            {extras.extraCount > extras.extra.length && <li className="muted">{t('export.heldMore', { count: extras.extraCount - extras.extra.length })}</li>}
          </ul>
        </div>
      )}
      {extras && extras.changeCount > 0 && (
        <div className="export-held" data-testid="export-changes">
          <strong className="warn-text">{t('export.changeCount', { count: extras.changeCount })}</strong>
          <ul>
            {extras.changes.map((c) => (
              <li key={c.trackingNo} className="mono" data-testid={`export-change-${c.trackingNo}`}>
                {hostText(t, numberChangeText(c))}
              </li>
            ))}
            {extras.changeCount > extras.changes.length && <li className="muted">{t('export.heldMore', { count: extras.changeCount - extras.changes.length })}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
