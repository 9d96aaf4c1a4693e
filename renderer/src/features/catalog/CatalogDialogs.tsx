import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { ReasonField } from '../../components/ReasonField';
import { parseSigned, parseWhole } from '../../lib/format';
import { useCatalogStore } from './catalog.store';
import './catalog.css';

type BarcodeRow = { barcode: string; units: string };

/** Edits one SKU; barcodes are replaced by the list shown (a case pack has units > 1). */
export function SkuEditDialog() {
  const { t } = useTranslation();
  const editing = useCatalogStore((s) => s.editing);
  const saving = useCatalogStore((s) => s.saving);
  const error = useCatalogStore((s) => s.dialogError);
  const { saveSku, closeEdit } = useCatalogStore.getState();
  const sku = editing?.sku;
  const [code, setCode] = useState(sku?.code ?? '');
  const [name, setName] = useState(sku?.name ?? '');
  const [weight, setWeight] = useState(sku?.weightG === null || sku?.weightG === undefined ? '' : String(sku.weightG));
  const [location, setLocation] = useState(sku?.location ?? '');
  const [rows, setRows] = useState<BarcodeRow[]>(sku?.barcodes.map((b) => ({ barcode: b.barcode, units: String(b.units) })) ?? []);
  if (!editing) return null;

  const cleanRows = rows.filter((r) => r.barcode.trim() !== '');
  const rowsValid = cleanRows.every((r) => (parseWhole(r.units) ?? 0) >= 1);
  const weightValid = weight.trim() === '' || parseWhole(weight) !== null;
  const valid = code.trim() !== '' && rowsValid && weightValid;
  const submit = () =>
    void saveSku({
      code: code.trim(),
      name: name.trim(),
      weightG: weight.trim() === '' ? null : parseWhole(weight),
      location: location.trim(),
      barcodes: cleanRows.map((r) => ({ barcode: r.barcode.trim(), units: parseWhole(r.units) ?? 1 })),
    });
  const setRow = (i: number, patch: Partial<BarcodeRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Dialog
      title={editing.isNew ? t('catalog.newSku') : t('catalog.editSku', { code: editing.sku.code })}
      onClose={closeEdit}
      testId="sku-dialog"
      actions={<ConfirmButtons onCancel={closeEdit} label={t('common.save')} disabled={!valid || saving} onConfirm={submit} testId="sku-save" />}
    >
      <div className="form-grid">
        <label htmlFor="sku-code">{t('catalog.code')}</label>
        <input id="sku-code" className="input" value={code} disabled={!editing.isNew} maxLength={64} onChange={(e) => setCode(e.target.value)} data-scan-target="field" />
        <label htmlFor="sku-name">{t('catalog.name')}</label>
        <input id="sku-name" className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="sku-weight">{t('catalog.weightG')}</label>
        <input id="sku-weight" className="input input-num" inputMode="numeric" value={weight} onChange={(e) => setWeight(e.target.value)} />
        <label htmlFor="sku-location">{t('catalog.location')}</label>
        <input id="sku-location" className="input" value={location} maxLength={64} onChange={(e) => setLocation(e.target.value)} />
      </div>
      <h3>{t('catalog.barcodes')}</h3>
      <p className="muted small">{t('catalog.barcodesHint')}</p>
      <div className="barcode-rows" data-scan-target="field">
        {rows.map((r, i) => (
          <div key={i} className="row-gap">
            <input className="input" value={r.barcode} placeholder={t('catalog.barcode')} onChange={(e) => setRow(i, { barcode: e.target.value })} aria-label={t('catalog.barcode')} />
            <span>×</span>
            <input className="input input-num" value={r.units} inputMode="numeric" onChange={(e) => setRow(i, { units: e.target.value })} aria-label={t('catalog.units')} />
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setRows([...rows, { barcode: '', units: '1' }])}>
          {t('catalog.addBarcode')}
        </button>
      </div>
      <ErrorText error={error} />
    </Dialog>
  );
}

/** A stock movement as a signed delta with a reason; the ledger is never overwritten. */
export function StockAdjustDialog() {
  const { t } = useTranslation();
  const sku = useCatalogStore((s) => s.adjusting);
  const saving = useCatalogStore((s) => s.saving);
  const error = useCatalogStore((s) => s.dialogError);
  const { adjustStock, closeAdjust } = useCatalogStore.getState();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  if (!sku) return null;
  const n = parseSigned(delta);
  const valid = n !== null && n !== 0 && reason.trim().length > 0;
  const reasons = [t('catalog.reasonReceived'), t('catalog.reasonCount'), t('catalog.reasonDamaged'), t('catalog.reasonReturned')];
  return (
    <Dialog
      title={t('catalog.adjustTitle', { code: sku.code })}
      onClose={closeAdjust}
      testId="stock-dialog"
      onSubmit={() => {
        if (valid && !saving && n !== null) void adjustStock(n, reason.trim());
      }}
      actions={<ConfirmButtons onCancel={closeAdjust} label={t('common.save')} disabled={!valid || saving} testId="stock-save" />}
    >
      <p className="dialog-lead">
        {sku.name} · {t('catalog.onHand')}: <b>{sku.onHand}</b>
        {n !== null && (
          <>
            {' → '}
            <b>{sku.onHand + n}</b>
          </>
        )}
      </p>
      <div className="form-grid">
        <label htmlFor="stock-delta">{t('catalog.delta')}</label>
        <input id="stock-delta" className="input input-num" value={delta} placeholder="+10 / -2" onChange={(e) => setDelta(e.target.value)} data-testid="stock-delta" />
        <ReasonField id="stock-reason" label={t('catalog.reason')} value={reason} onChange={setReason} options={reasons} placeholder={t('catalog.reasonHint')} />
      </div>
      <ErrorText error={error} />
    </Dialog>
  );
}
