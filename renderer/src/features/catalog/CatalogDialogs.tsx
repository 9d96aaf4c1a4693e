import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';
import { useCatalogStore } from './catalog.store';
import { DELTA_RANGE, readDelta, readSafetyStock, readUnits, readWeight, SAFETY_RANGE, UNITS_RANGE, WEIGHT_MAX_G } from './catalog-fields';
import { StockKindChips, StockNoteField } from './StockKindChips';
import { adjustKinds, type AdjustKind } from '#shared/ops/stock-delta.op';
import './catalog.css';

type BarcodeRow = { barcode: string; units: string };

/**
 * Edits one SKU; barcodes are replaced by the list shown (a case pack has units > 1). A box that
 * cannot be read says why under it; the host's refusal goes as soon as the form is changed.
 */
export function SkuEditDialog() {
  const { t } = useTranslation();
  const editing = useCatalogStore((s) => s.editing);
  const saving = useCatalogStore((s) => s.saving);
  const error = useCatalogStore((s) => s.dialogError);
  const { saveSku, closeEdit, clearDialogError } = useCatalogStore.getState();
  const sku = editing?.sku;
  const [code, setCode] = useState(sku?.code ?? '');
  const [name, setName] = useState(sku?.name ?? '');
  const [weight, setWeight] = useState(sku?.weightG === null || sku?.weightG === undefined ? '' : String(sku.weightG));
  const [location, setLocation] = useState(sku?.location ?? '');
  const [safety, setSafety] = useState(sku?.safetyStock === null || sku?.safetyStock === undefined ? '' : String(sku.safetyStock));
  const [rows, setRows] = useState<BarcodeRow[]>(sku?.barcodes.map((b) => ({ barcode: b.barcode, units: String(b.units) })) ?? []);
  const fields = JSON.stringify([code, name, weight, location, safety, rows]);
  const [opened] = useState(fields);
  const guarded = useUnsavedEdits(fields !== opened);
  if (!editing) return null;

  /** Every change to the form: the host's refusal was about the form as it was. */
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    clearDialogError();
  };
  const weightRead = readWeight(weight);
  const weightProblem =
    weightRead.problem === 'format' ? t('catalog.weightBad', { value: weight.trim() }) : weightRead.problem === 'tooHeavy' ? t('catalog.weightTooHeavy', { max: WEIGHT_MAX_G }) : null;
  const safetyRead = readSafetyStock(safety);
  const safetyProblem = safetyRead.problem ? t('numberField.whole', { field: t('catalog.safetyStock'), min: SAFETY_RANGE.min, max: SAFETY_RANGE.max }) : null;
  const unitsProblem = t('numberField.whole', { field: t('catalog.units'), min: UNITS_RANGE.min, max: UNITS_RANGE.max });
  const rowBad = (r: BarcodeRow) => r.barcode.trim() !== '' && readUnits(r.units) === null;
  const cleanRows = rows.filter((r) => r.barcode.trim() !== '');
  const valid = code.trim() !== '' && !rows.some(rowBad) && weightProblem === null && safetyProblem === null;
  const submit = () =>
    void saveSku({
      code: code.trim(),
      name: name.trim(),
      weightG: weightRead.grams,
      location: location.trim(),
      safetyStock: safetyRead.value,
      barcodes: cleanRows.map((r) => ({ barcode: r.barcode.trim(), units: readUnits(r.units) ?? 1 })),
    });
  const setRow = (i: number, patch: Partial<BarcodeRow>) => changed(setRows)(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Dialog
      title={editing.isNew ? t('catalog.newSku') : t('catalog.editSku', { code: editing.sku.code })}
      onClose={guarded(closeEdit)}
      testId="sku-dialog"
      actions={<ConfirmButtons onCancel={guarded(closeEdit)} label={t('common.save')} disabled={!valid || saving} onConfirm={submit} testId="sku-save" />}
    >
      <div className="form-grid">
        <label htmlFor="sku-code">{t('catalog.code')}</label>
        <input id="sku-code" className="input" value={code} disabled={!editing.isNew} maxLength={64} onChange={(e) => changed(setCode)(e.target.value)} data-scan-target="field" />
        <label htmlFor="sku-name">{t('catalog.name')}</label>
        <input id="sku-name" className="input" value={name} maxLength={200} onChange={(e) => changed(setName)(e.target.value)} />
        <label htmlFor="sku-weight">{t('catalog.weightG')}</label>
        <CheckedField id="sku-weight" value={weight} onValue={changed(setWeight)} problem={weightProblem} maxLength={32} placeholder={t('catalog.weightHint')} />
        <label htmlFor="sku-location">{t('catalog.location')}</label>
        <input id="sku-location" className="input" value={location} maxLength={64} onChange={(e) => changed(setLocation)(e.target.value)} />
        <label htmlFor="sku-safety">{t('catalog.safetyStock')}</label>
        <CheckedField
          id="sku-safety"
          value={safety}
          onValue={changed(setSafety)}
          problem={safetyProblem}
          maxLength={16}
          placeholder={t('catalog.safetyStockNone')}
          numeric
          hint={t('catalog.safetyStockHint')}
        />
      </div>
      <h3>{t('catalog.barcodes')}</h3>
      <p className="muted small">{t('catalog.barcodesHint')}</p>
      <div className="barcode-rows" data-scan-target="field">
        {rows.map((r, i) => (
          <div key={i} className="field-stack">
            <div className="row-gap">
              <input className="input" value={r.barcode} placeholder={t('catalog.barcode')} onChange={(e) => setRow(i, { barcode: e.target.value })} aria-label={t('catalog.barcode')} />
              <span>×</span>
              <input
                className="input input-num"
                value={r.units}
                inputMode="numeric"
                onChange={(e) => setRow(i, { units: e.target.value })}
                aria-label={t('catalog.units')}
                aria-invalid={rowBad(r)}
                aria-describedby={rowBad(r) ? `sku-units-${i}-problem` : undefined}
              />
              <button type="button" className="btn btn-small btn-ghost" onClick={() => changed(setRows)(rows.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
            </div>
            {rowBad(r) && (
              <span id={`sku-units-${i}-problem`} className="field-problem" role="alert" data-testid="sku-units-problem">
                {unitsProblem}
              </span>
            )}
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => changed(setRows)([...rows, { barcode: '', units: '1' }])}>
          {t('catalog.addBarcode')}
        </button>
      </div>
      <ErrorText error={error} />
    </Dialog>
  );
}

/** A number box that says under it why what it holds cannot be read, or else its hint (if any). */
function CheckedField(props: { id: string; value: string; onValue: (value: string) => void; problem: string | null; maxLength: number; placeholder: string; numeric?: boolean; hint?: string }) {
  const { id, value, onValue, problem, maxLength, placeholder, numeric, hint } = props;
  const below = problem ? `${id}-problem` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field-stack">
      <input
        id={id}
        className="input input-num"
        value={value}
        inputMode={numeric ? 'numeric' : undefined}
        maxLength={maxLength}
        placeholder={placeholder}
        aria-invalid={problem !== null}
        aria-describedby={below}
        onChange={(e) => onValue(e.target.value)}
        data-testid={id}
      />
      {problem ? (
        <span id={below} className="field-problem" role="alert" data-testid={below}>
          {problem}
        </span>
      ) : (
        hint && (
          <span id={below} className="muted small">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/**
 * A stock movement as a signed delta with why: a kind (kept as data, so each reader sees it in their
 * own language) and the supervisor's own words; the ledger is never overwritten. The change is
 * checked here (a whole number within the op's cap, not 0), and one that takes the shelf below zero
 * is flagged before saving: it may still be saved, as the books may be catching up with the shelf.
 * Damaged units leave the shelf for the damaged count, as a damage decision keeps them apart.
 */
export function StockAdjustDialog() {
  const { t, i18n } = useTranslation();
  const sku = useCatalogStore((s) => s.adjusting);
  const saving = useCatalogStore((s) => s.saving);
  const error = useCatalogStore((s) => s.dialogError);
  const { adjustStock, closeAdjust, clearDialogError } = useCatalogStore.getState();
  const [delta, setDelta] = useState('');
  const [kind, setKind] = useState<AdjustKind | null>(null);
  const [note, setNote] = useState('');
  const guarded = useUnsavedEdits(delta !== '' || kind !== null || note !== '');
  if (!sku) return null;
  const read = readDelta(delta);
  const n = read.delta;
  const count = new Intl.NumberFormat(i18n.language);
  const problem =
    read.problem === 'whole'
      ? t('numberField.whole', { field: t('catalog.delta'), min: count.format(DELTA_RANGE.min), max: count.format(DELTA_RANGE.max) })
      : read.problem === 'zero'
        ? t('catalog.deltaZero')
        : kind === 'damaged' && n !== null && n > 0
          ? t('catalog.damagedNegative')
          : null;
  // No preview of a change that cannot be saved (+3 as 破损 does not add three to the shelf).
  const after = n === null || problem !== null ? null : sku.onHand + n;
  const belowZero = n !== null && n < 0 && after !== null && after < 0;
  const noteNeeded = kind === 'other' && note.trim() === '';
  const valid = n !== null && problem === null && kind !== null && !noteNeeded;
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    clearDialogError();
  };
  return (
    <Dialog
      title={t('catalog.adjustTitle', { code: sku.code })}
      onClose={guarded(closeAdjust)}
      testId="stock-dialog"
      onSubmit={() => {
        if (valid && !saving && n !== null && kind !== null) void adjustStock(n, kind, note.trim());
      }}
      actions={<ConfirmButtons onCancel={guarded(closeAdjust)} label={t('common.save')} disabled={!valid || saving} testId="stock-save" />}
    >
      <p className="dialog-lead">
        {sku.name} · {t('catalog.onHand')}: <b>{sku.onHand}</b>
        {after !== null && (
          <>
            {' → '}
            <b className={after < 0 ? 'negative' : undefined} data-testid="stock-after">
              {after}
            </b>
          </>
        )}
      </p>
      <div className="form-grid">
        <label htmlFor="stock-delta">{t('catalog.delta')}</label>
        <div className="field-stack">
          <input
            id="stock-delta"
            className="input input-num"
            value={delta}
            placeholder="+10 / -2"
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'stock-delta-problem' : belowZero ? 'stock-delta-warning' : undefined}
            onChange={(e) => changed(setDelta)(e.target.value)}
            data-testid="stock-delta"
          />
          {problem && (
            <span id="stock-delta-problem" className="field-problem" role="alert" data-testid="stock-delta-problem">
              {problem}
            </span>
          )}
          {belowZero && (
            <span id="stock-delta-warning" className="field-warning" role="status" data-testid="stock-delta-warning">
              {t('catalog.belowZero', { after })}
            </span>
          )}
          {kind === 'damaged' && n !== null && n < 0 && (
            <span className="muted small" data-testid="stock-damaged-after">
              {t('catalog.damagedHint', { damaged: sku.damaged, after: sku.damaged - n })}
            </span>
          )}
        </div>
        <StockKindChips id="stock-kind" label={t('catalog.reason')} kinds={adjustKinds} value={kind} onChange={changed(setKind)} />
        <StockNoteField id="stock-note" value={note} onChange={changed(setNote)} problem={noteNeeded ? t('catalog.noteNeeded') : null} />
      </div>
      <ErrorText error={error} />
    </Dialog>
  );
}
