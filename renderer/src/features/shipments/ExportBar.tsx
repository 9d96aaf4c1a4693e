import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastStore } from '../../app/toast.store';
import { downloadBase64 } from '../../lib/files';
import { EXPORTER_ROLES, type ExportSummary } from '#shared/contract/shipments.contract';
import { notHandedOverText, numberChangeText } from '#shared/domain/batch-ship-notes';
import { extraParcelText } from '#shared/domain/split-shipment';
import { hostText } from '../../lib/host-text';
import { useSessionStore } from '../session/session.store';
import { useShipmentsStore, type ExportChoice, type ExportFileKind } from './shipments.store';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileKind = (value: string): ExportFileKind => (value === 'utf-8' || value === 'xlsx' ? value : 'gbk');

/**
 * The 批量发货 export: CSV or XLSX, encoding, only what is new, only parcels handed to the courier (on by
 * default once the shop hands parcels over), and before anything is written, what the file will
 * hold and what it holds back: parcels still on the bench (named), partial parcels the platform cannot
 * take as a split (each with why; they go when the rest of the order ships), and an order shipped at two
 * benches, until a supervisor decides which parcel is kept (the file never picks one). Parcels whose numbers the
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
  const [exported, setExported] = useState<Pick<ExportSummary, 'extra' | 'extraCount' | 'changes' | 'changeCount' | 'elsewhere' | 'elsewhereCount'> | null>(null);
  const extras = exported ?? preview;
  // Again when the options change, and when the list changed (a parcel voided, a new page read).
  useEffect(() => {
    void loadPreview(choice);
  }, [choice, total, loadPreview]);
  const onlyHandedOver = choice.onlyHandedOver ?? preview?.onlyHandedOver ?? false;
  // A packer sees what the file would hold, but the export is the owner's job (the host refuses it too): said, not hidden.
  const role = useSessionStore((s) => s.session?.user?.role);
  const refused = role !== undefined && !(EXPORTER_ROLES as readonly string[]).includes(role);
  // No rows and nothing else to stamp: an export would do nothing, so the button rests and the bar says why.
  const nothing = preview?.rows === 0 && preview.changeCount === 0 && preview.elsewhereCount === 0;
  const run = async () => {
    const file = await exportBatchShip(kind, choice);
    if (!file) return;
    const { extra, extraCount, changes, changeCount, elsewhere, elsewhereCount } = file;
    setExported(extraCount > 0 || changeCount > 0 || elsewhereCount > 0 ? { extra, extraCount, changes, changeCount, elsewhere, elsewhereCount } : null);
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
        <button
          type="button"
          className="btn btn-primary"
          disabled={exporting || refused || nothing}
          onClick={() => void run()}
          data-testid="export-button"
          aria-describedby={refused ? 'export-refused' : nothing ? 'export-nothing' : undefined}
        >
          {exporting ? t('common.working') : t('shipments.export')}
        </button>
      </div>
      {refused && (
        <p className="muted small" id="export-refused" data-testid="export-refused">
          {t('export.managersOnly')}
        </p>
      )}
      {preview && (
        <div className="export-preview small" data-testid="export-preview">
          {nothing ? <span id="export-nothing">{t('shipments.exportEmpty')}</span> : <span>{t('export.preview', { rows: preview.rows, parcels: preview.parcels })}</span>}
          {preview.notHandedOver > 0 && (
            <span className="warn-text" data-testid="export-not-handed-over">
              {' · '}
              {hostText(t, notHandedOverText(preview, t('common.listSep')))}
            </span>
          )}
        </div>
      )}
      {preview && preview.heldCount > 0 && (
        <ParcelList testId="export-held" itemTestId="export-held" heading={t('export.heldCount', { count: preview.heldCount })} items={preview.held} count={preview.heldCount}>
          {(h) => (
            <>
              <span className="mono">
                {h.orderExternalId} · {h.trackingNo}
              </span>{' '}
              {hostText(t, h.reason)}
            </>
          )}
        </ParcelList>
      )}
      {extras && extras.extraCount > 0 && (
        <ParcelList testId="export-extra" itemTestId="export-extra" heading={t('export.extraCount', { count: extras.extraCount })} items={extras.extra} count={extras.extraCount} mono>
          {(x) => hostText(t, extraParcelText(x))}
        </ParcelList>
      )}
      {extras && extras.changeCount > 0 && (
        <ParcelList testId="export-changes" itemTestId="export-change" heading={t('export.changeCount', { count: extras.changeCount })} items={extras.changes} count={extras.changeCount} mono>
          {(c) => hostText(t, numberChangeText(c))}
        </ParcelList>
      )}
      {extras && extras.elsewhereCount > 0 && (
        <ParcelList testId="export-elsewhere" itemTestId="export-elsewhere" heading={t('export.elsewhereCount', { count: extras.elsewhereCount })} items={extras.elsewhere} count={extras.elsewhereCount} mono>
          {(x) => t('export.elsewhereLine', { order: x.orderExternalId, carrier: x.carrierName, tracking: x.trackingNo })}
        </ParcelList>
      )}
    </div>
  );
}

/** One list under the bar: its heading, the parcels the host sent (the first few), and how many more there are. */
function ParcelList<T extends { trackingNo: string }>(props: {
  testId: string; itemTestId: string; heading: string; items: readonly T[]; count: number; mono?: boolean; children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { items, count } = props;
  return (
    <div className="export-held" data-testid={props.testId}>
      <strong className="warn-text">{props.heading}</strong>
      <ul>
        {items.map((x) => (
          <li key={x.trackingNo} className={props.mono ? 'mono' : undefined} data-testid={`${props.itemTestId}-${x.trackingNo}`}>
            {props.children(x)}
          </li>
        ))}
        {count > items.length && <li className="muted">{t('export.heldMore', { count: count - items.length })}</li>}
      </ul>
    </div>
  );
}
