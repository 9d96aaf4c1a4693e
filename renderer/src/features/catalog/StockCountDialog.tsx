import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { NumberField } from '../../components/NumberField';
import { useCatalogStore } from './catalog.store';
import { signed } from '#shared/domain/signed';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';

const COUNT_RANGE = { min: 0, max: 10_000_000 };

/**
 * 盘点: what is on the shelf now, typed as counted (no sum in the head). Kept as a count: the hub books
 * the difference to what this bench knew, so picks at other benches it had not seen yet are kept.
 */
export function StockCountDialog() {
  const { t } = useTranslation();
  const sku = useCatalogStore((s) => s.counting);
  const saving = useCatalogStore((s) => s.saving);
  const error = useCatalogStore((s) => s.dialogError);
  const { countStock, closeCount } = useCatalogStore.getState();
  const [counted, setCounted] = useState(Math.max(0, sku?.onHand ?? 0));
  const [problem, setProblem] = useState<string | null>(null);
  const guarded = useUnsavedEdits(problem !== null || counted !== Math.max(0, sku?.onHand ?? 0));
  if (!sku) return null;
  const difference = counted - sku.onHand;
  return (
    <Dialog
      title={t('catalog.countTitle', { code: sku.code })}
      onClose={guarded(closeCount)}
      testId="count-dialog"
      onSubmit={() => {
        if (problem === null && !saving) void countStock(counted);
      }}
      actions={<ConfirmButtons onCancel={guarded(closeCount)} label={t('common.save')} disabled={problem !== null || saving} testId="count-save" />}
    >
      <p className="dialog-lead">
        {sku.name} · {t('catalog.onHand')}: <b>{sku.onHand}</b>
      </p>
      <div className="form-grid">
        <label htmlFor="count-qty">{t('catalog.counted')}</label>
        <div className="field-stack">
          <NumberField id="count-qty" label={t('catalog.counted')} range={COUNT_RANGE} value={counted} onValue={setCounted} onProblem={setProblem} testId="count-qty" />
          {problem === null && (
            <span className="muted small" data-testid="count-difference">
              {difference === 0 ? t('catalog.countSame') : t('catalog.countDifference', { diff: signed(difference) })}
            </span>
          )}
        </div>
      </div>
      <ErrorText error={error} />
    </Dialog>
  );
}
