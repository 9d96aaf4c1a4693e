import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { NumberField } from '../../components/NumberField';
import { useCatalogStore } from './catalog.store';
import { StockKindChips, StockNoteField } from './StockKindChips';
import { disposeKinds, type DisposeKind } from '#shared/ops/stock-delta.op';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';

/**
 * 报废: damaged units leave the damaged count for good, thrown away or sent back to the supplier.
 * Never more than the count holds: the box stops there, and the host refuses it too (another bench
 * may have disposed of some meanwhile).
 */
export function StockDisposeDialog() {
  const { t } = useTranslation();
  const sku = useCatalogStore((s) => s.disposing);
  const saving = useCatalogStore((s) => s.saving);
  const error = useCatalogStore((s) => s.dialogError);
  const { disposeDamaged, closeDispose, clearDialogError } = useCatalogStore.getState();
  const [qty, setQty] = useState(Math.max(1, sku?.damaged ?? 1));
  const [problem, setProblem] = useState<string | null>(null);
  const [kind, setKind] = useState<DisposeKind | null>(null);
  const [note, setNote] = useState('');
  const guarded = useUnsavedEdits(kind !== null || note !== '' || problem !== null || qty !== Math.max(1, sku?.damaged ?? 1));
  if (!sku) return null;
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    clearDialogError();
  };
  const valid = problem === null && kind !== null;
  // The button says what is chosen: units sent back to the supplier are not thrown away.
  return (
    <Dialog
      title={t('catalog.disposeTitle', { code: sku.code })}
      onClose={guarded(closeDispose)}
      testId="dispose-dialog"
      onSubmit={() => {
        if (valid && !saving && kind !== null) void disposeDamaged(qty, kind, note.trim());
      }}
      actions={<ConfirmButtons onCancel={guarded(closeDispose)} label={kind === 'supplier' ? t('catalog.reasons.supplier') : t('catalog.dispose')} disabled={!valid || saving} testId="dispose-save" />}
    >
      <p className="dialog-lead">{t('catalog.disposeLead', { name: sku.name, damaged: sku.damaged })}</p>
      <div className="form-grid">
        <label htmlFor="dispose-qty">{t('catalog.disposeQty')}</label>
        <NumberField
          id="dispose-qty"
          label={t('catalog.disposeQty')}
          range={{ min: 1, max: Math.max(1, sku.damaged) }}
          value={qty}
          onValue={changed(setQty)}
          onProblem={setProblem}
          testId="dispose-qty"
        />
        <StockKindChips id="dispose-kind" label={t('catalog.reason')} kinds={disposeKinds} value={kind} onChange={changed(setKind)} />
        <StockNoteField id="dispose-note" value={note} onChange={changed(setNote)} problem={null} />
      </div>
      <ErrorText error={error} />
    </Dialog>
  );
}
