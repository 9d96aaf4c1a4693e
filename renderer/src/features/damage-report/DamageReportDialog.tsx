import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportedSources, type DamageReason } from '#shared/contract/damage.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { formatGrams } from '../../lib/format';
import { claimScans } from '../../lib/scan-sink';
import { playOutcome } from '../../lib/sounds';
import { PhotoCapture, usePhotoSet } from '../media/PhotoCapture';
import { useSerialStore } from '../serial/serial.store';
import { useBenchStore } from '../bench/bench.store';
import { useDamageReportStore, type DamageOrder } from './damage-report.store';
import { DamageOrderField } from './DamageOrderField';
import { ReasonButtons } from './ReasonButtons';
import { findSku } from './sku-lookup';
import './damage-report.css';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';

type Source = (typeof reportedSources)[number];

/** The damage form over the bench, while it is open (PD:DAMAGE or the 报损 button). */
export function DamageReportDialog() {
  const open = useDamageReportStore((s) => s.open);
  const seq = useDamageReportStore((s) => s.openSeq);
  return open ? <DamageForm key={seq} /> : null;
}

function DamageForm() {
  const { t } = useTranslation();
  const prefill = useDamageReportStore((s) => s.prefill);
  const serialSnaps = useDamageReportStore((s) => s.snapSeq);
  const { close, onFiled } = useDamageReportStore.getState();
  const [order, setOrder] = useState<DamageOrder | null>(prefill);
  const [skus, setSkus] = useState(prefill?.skus ?? []);
  const [skuCode, setSkuCode] = useState(prefill?.skus.length === 1 ? prefill.skus[0]!.skuCode : '');
  const [skuText, setSkuText] = useState('');
  const [skuProblem, setSkuProblem] = useState<string | null>(null);
  const [qty, setQty] = useState(1);
  const [reason, setReason] = useState<DamageReason | null>(null);
  const [source, setSource] = useState<Source>(prefill ? 'bench' : 'shelf');
  const [note, setNote] = useState('');
  const [scanInto, setScanInto] = useState<'order' | 'sku'>(prefill ? 'sku' : 'order');
  const [snaps, setSnaps] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const lookupRef = useRef<(code: string) => void>(() => {});
  const photos = usePhotoSet();
  // Photos taken and words typed about a broken item: closing by mistake asks first.
  const guarded = useUnsavedEdits(photos.hashes.length > 0 || note !== '' || reason !== null);
  const scale = useBenchStore((s) => s.state.weighing?.scale ?? null);
  const live = useSerialStore((s) => s.live);

  const chooseOrder = (found: DamageOrder | null) => {
    setOrder(found);
    setSkus(found?.skus ?? []);
    setSkuCode(found?.skus.length === 1 ? found.skus[0]!.skuCode : '');
    setSource(found === null ? 'shelf' : found.atBench ? 'bench' : found.trackingNo || found.shipped ? 'delivered' : 'bench');
    setScanInto('sku');
  };

  const pickSku = async (code: string) => {
    const text = code.trim();
    if (!text) return;
    const known = skus.find((s) => s.skuCode === text);
    if (known) return void (setSkuCode(known.skuCode), setSkuText(''), setSkuProblem(null));
    try {
      const hit = await findSku(text);
      if (!hit) return void (setSkuProblem(t('damageForm.skuUnknown', { code: text })), playOutcome('error'));
      // With an order, the item is one of its own (the host refuses any other); a barcode may still name one of them.
      const own = order && skus.find((s) => s.skuCode === hit.skuCode);
      if (own) return void (setSkuCode(own.skuCode), setSkuText(''), setSkuProblem(null));
      if (order) return void (setSkuProblem(t('damageForm.skuNotOnOrder', { code: hit.skuCode, order: order.externalId })), playOutcome('error'));
      setSkus((list) => (list.some((s) => s.skuCode === hit.skuCode) ? list : [...list, { skuCode: hit.skuCode, title: hit.name }]));
      setSkuCode(hit.skuCode);
      setSkuText('');
      setSkuProblem(null);
    } catch (e) {
      setError(toUiError(e));
    }
  };

  /** An item's barcode scanned where the order goes: with no order, the unit was found on the shelf (the keeper's case). */
  const pickShelfItem = async (code: string): Promise<boolean> => {
    if (order || !(await findSku(code.trim()))) return false;
    await pickSku(code);
    setScanInto('sku');
    return true;
  };

  // While the form is open the scanner types into it: never into the bench behind it.
  const onScan = useRef<(code: string) => void>(() => {});
  useEffect(() => {
    onScan.current = (code: string) => {
      const command = code.trim().toUpperCase();
      if (command === 'PD:PHOTO') return setSnaps((n) => n + 1);
      if (command === 'PD:CANCEL') return close();
      if (command.startsWith('PD:')) return;
      if (scanInto === 'order') lookupRef.current(code);
      else void pickSku(code);
    };
  });
  useEffect(() => claimScans((code) => onScan.current(code)), []);

  const noteMissing = reason === 'other' && note.trim() === '';
  const valid = skuCode !== '' && qty >= 1 && reason !== null && !noteMissing && !photos.saving;
  const submit = async () => {
    if (!valid || reason === null || busy) return;
    setBusy(true);
    setError(null);
    try {
      const report = await getApi().call('damage.report', {
        orderRef: order?.ref ?? null, skuCode, qty, reason, source, note, photoHashes: photos.hashes,
      });
      onFiled(report);
      useBenchStore.getState().damageFiled(report);
      useToastStore.getState().ok('damageForm.filed', { sku: report.skuCode, qty: report.qty, reason: t(`damageReview.reasons.${report.reason}`) });
    } catch (e) {
      setError(toUiError(e));
      setBusy(false);
    }
  };

  const weight = scale === 'connected' && live ? t('damageForm.weightLive', { weight: formatGrams(live.grams) }) : t('damageForm.weightNone');
  return (
    <Dialog
      title={order ? t('damageForm.titleOrder', { order: order.externalId }) : t('damageForm.title')}
      onClose={guarded(close)}
      testId="damage-dialog"
      wide
      actions={<ConfirmButtons onCancel={guarded(close)} label={busy ? t('damageForm.submitting') : t('damageForm.submit')} disabled={!valid || busy} onConfirm={() => void submit()} testId="damage-submit" />}
    >
      <div className="damage-form" data-scan-into={scanInto}>
        <div className="damage-fields">
          <DamageOrderField order={order} onChoose={chooseOrder} active={scanInto === 'order'} onFocus={() => setScanInto('order')} lookupRef={lookupRef} onNotOrder={pickShelfItem} />
          <div className="damage-form-row">
            <span className="damage-label">{t('damageForm.sku')}</span>
            <div className="damage-sku">
              {skus.length > 0 && (
                <div className="chip-row">
                  {skus.map((s) => (
                    <button type="button" key={s.skuCode} className={s.skuCode === skuCode ? 'chip chip-on' : 'chip'} onClick={() => setSkuCode(s.skuCode)} data-testid={`damage-sku-${s.skuCode}`} title={s.title}>
                      {s.skuCode} <span className="damage-sku-title">{s.title}</span>
                    </button>
                  ))}
                </div>
              )}
              <input
                className={scanInto === 'sku' ? 'input damage-scan-on' : 'input'}
                value={skuText}
                placeholder={t('damageForm.skuHint')}
                onFocus={() => setScanInto('sku')}
                onChange={(e) => setSkuText(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), void pickSku(skuText))}
                data-testid="damage-sku-input"
              />
              {skuProblem && <span className="error-text small">{skuProblem}</span>}
            </div>
          </div>
          <div className="damage-form-row">
            <label className="damage-label" htmlFor="damage-qty">{t('damageForm.qty')}</label>
            <div className="row-gap">
              <button type="button" className="btn" onClick={() => setQty((n) => Math.max(1, n - 1))} aria-label="−">−</button>
              <input id="damage-qty" className="input input-num" type="number" min={1} max={100000} value={qty} onChange={(e) => setQty(Math.max(1, Math.floor(Number(e.target.value) || 1)))} data-testid="damage-qty" />
              <button type="button" className="btn" onClick={() => setQty((n) => n + 1)} aria-label="+">+</button>
              <span className="muted small damage-weight" data-testid="damage-weight">{weight}</span>
            </div>
          </div>
          <div className="damage-form-row">
            <span className="damage-label">{t('damageForm.reason')}</span>
            <ReasonButtons value={reason} onChange={setReason} testId="damage-reason" />
          </div>
          <div className="damage-form-row">
            <span className="damage-label">{t('damageForm.source')}</span>
            <div className="segmented">
              {reportedSources.map((s) => (
                <button type="button" key={s} className={s === source ? 'seg seg-on' : 'seg'} onClick={() => setSource(s)} disabled={s === 'bench' && !order} data-testid={`damage-source-${s}`}>
                  {t(`damageReview.sources.${s}`)}
                </button>
              ))}
            </div>
          </div>
          <div className="damage-form-row">
            <label className="damage-label" htmlFor="damage-note">{t('damageForm.note')}</label>
            <div>
              <textarea id="damage-note" className={noteMissing ? 'input input-bad damage-form-note' : 'input damage-form-note'} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="damage-note" />
              {noteMissing && <span className="error-text small">{t('damageForm.noteRequired')}</span>}
            </div>
          </div>
          {error && <ErrorText error={error} />}
        </div>
        <PhotoCapture set={photos} snapSignal={snaps + serialSnaps} testId="damage-photos-capture" />
      </div>
    </Dialog>
  );
}
