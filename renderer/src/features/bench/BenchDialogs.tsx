import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchLine } from '#shared/contract/bench.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { NumberField } from '../../components/NumberField';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { useBenchStore, type AuthPrompt, type GatedAction } from './bench.store';
import { partialScanLength, useSkuBarcodes } from './partial-scan';

function actionLabel(t: TFunction, request: GatedAction, lines: BenchLine[]): string {
  switch (request.action) {
    case 'forceVerify': {
      const line = lines.find((l) => l.lineNo === request.lineNo);
      return t('supervisor.forceVerify', { line: request.lineNo, title: line ? `${line.title} ×${line.qty - line.verified}` : '' });
    }
    case 'bind':
      return t('supervisor.bind', { barcode: request.barcode, sku: request.skuCode });
    case 'bindLine':
      return t('supervisor.bindLine', { line: request.lineNo, sku: request.skuCode });
    case 'ship':
      return request.options.partial ? t('supervisor.partial') : t('supervisor.ship');
    case 'acceptWeight':
      return t('supervisor.acceptWeight');
  }
}

/** The supervisor PIN prompt for gated bench actions. */
export function BenchAuthDialog() {
  const auth = useBenchStore((s) => s.auth);
  // Mounted only while asked: a scan's new lines do not re-render a closed prompt.
  return auth ? <PinPrompt auth={auth} /> : null;
}

function PinPrompt({ auth }: { auth: AuthPrompt }) {
  const { t } = useTranslation();
  const lines = useBenchStore((s) => s.state.lines);
  const busy = useBenchStore((s) => s.busy === 'gated');
  const { submitAuth, cancelAuth } = useBenchStore.getState();
  return (
    <SupervisorPinDialog
      action={actionLabel(t, auth.request, lines)}
      error={auth.error}
      busy={busy}
      notice={auth.scanIgnored ? t('supervisor.scanIgnored') : undefined}
      onSubmit={(pin) => void submitAuth(pin)}
      onCancel={cancelAuth}
    />
  );
}

/** Binds an unknown barcode to one of the order's SKUs (or any SKU code), with a unit count for case packs. */
export function BindBarcodeDialog() {
  const bind = useBenchStore((s) => s.bind);
  return bind ? <BindForm key={bind.barcode} barcode={bind.barcode} /> : null;
}

const unitsRange = { min: 1, max: 10_000 };

function BindForm({ barcode }: { barcode: string }) {
  const { t } = useTranslation();
  const lines = useBenchStore((s) => s.state.lines);
  const busy = useBenchStore((s) => s.busy !== null);
  const { bindBarcode, closeBind } = useBenchStore.getState();
  const skus = [...new Set(lines.map((l) => l.skuCode).filter((c): c is string => !!c))];
  // The unknown code is most likely the next item still to verify, not one whose line is full.
  const open = lines.find((l) => l.skuCode && l.verified < l.qty)?.skuCode;
  const [skuCode, setSkuCode] = useState(open ?? skus[0] ?? '');
  const titleOf = (sku: string) => lines.find((l) => l.skuCode === sku)?.title ?? '';
  const [units, setUnits] = useState(1);
  const [unitsOk, setUnitsOk] = useState(true);
  const valid = skuCode.trim().length > 0 && unitsOk;
  const shortest = partialScanLength(barcode, useSkuBarcodes(skuCode));
  return (
    <Dialog
      title={t('bind.title')}
      onClose={closeBind}
      testId="bind-dialog"
      actions={
        <ConfirmButtons onCancel={closeBind} label={t('bind.submit')} disabled={!valid || busy} onConfirm={() => void bindBarcode(skuCode.trim(), units)} testId="bind-submit" />
      }
    >
      <p className="dialog-lead">
        {t('bind.lead')} <code data-testid="bind-code">{barcode}</code>
      </p>
      {shortest !== null && (
        <p className="warn-text" role="alert" data-testid="bind-partial">
          {t('bind.partialScan', { length: barcode.length, sku: skuCode.trim(), shortest })}
        </p>
      )}
      <div className="form-grid">
        <label htmlFor="bind-sku">{t('bind.sku')}</label>
        <div>
          <input
            id="bind-sku"
            className="input"
            list="bind-sku-options"
            value={skuCode}
            onChange={(e) => setSkuCode(e.target.value)}
            data-scan-target="field"
            data-testid="bind-sku"
          />
          <datalist id="bind-sku-options">
            {skus.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="chip-row">
            {skus.map((s) => (
              <button type="button" key={s} className={s === skuCode ? 'chip chip-on' : 'chip'} onClick={() => setSkuCode(s)} title={titleOf(s)} data-testid={`bind-chip-${s}`}>
                {s} <span className="muted">{titleOf(s)}</span>
              </button>
            ))}
          </div>
        </div>
        <label htmlFor="bind-units">{t('bind.units')}</label>
        <div>
          <NumberField id="bind-units" label={t('bind.units')} range={unitsRange} value={units} onValue={setUnits} onProblem={(p) => setUnitsOk(p === null)} />
          <span className="muted"> {t('bind.unitsHint')}</span>
        </div>
      </div>
      <p className="muted">{t('bind.after')}</p>
    </Dialog>
  );
}

/**
 * Binds a line the export gave no 商家编码 to the SKU just scanned: the packer picks the line (its
 * title, usually naming the product), a supervisor authorises, and the scan counts on it.
 */
export function BindLineDialog() {
  const chooser = useBenchStore((s) => s.bindLine);
  return chooser ? <BindLineForm key={`${chooser.barcode}:${chooser.lines.join(',')}`} {...chooser} /> : null;
}

function BindLineForm({ skuCode, lines: lineNos, suggested }: { skuCode: string; lines: number[]; suggested: number | null }) {
  const { t } = useTranslation();
  const lines = useBenchStore((s) => s.state.lines).filter((l) => lineNos.includes(l.lineNo));
  const busy = useBenchStore((s) => s.busy !== null);
  const { bindToLine, closeBindLine } = useBenchStore.getState();
  const [lineNo, setLineNo] = useState<number | null>(suggested ?? (lines.length === 1 ? (lines[0]?.lineNo ?? null) : null));
  return (
    <Dialog
      title={t('bindLine.title')}
      onClose={closeBindLine}
      testId="bind-line-dialog"
      actions={
        <ConfirmButtons
          onCancel={closeBindLine}
          label={t('bindLine.submit')}
          disabled={lineNo === null || busy}
          onConfirm={() => lineNo !== null && void bindToLine(lineNo)}
          testId="bind-line-submit"
        />
      }
    >
      <p className="dialog-lead">{t('bindLine.lead', { sku: skuCode })}</p>
      <div className="bind-line-choices" role="radiogroup">
        {lines.map((l) => (
          <label key={l.lineNo} className={l.lineNo === lineNo ? 'bind-line-choice chosen' : 'bind-line-choice'} data-testid={`bind-line-${l.lineNo}`}>
            <input type="radio" name="bind-line" checked={l.lineNo === lineNo} onChange={() => setLineNo(l.lineNo)} />
            <span className="bind-line-no">{t('bindLine.line', { line: l.lineNo })}</span>
            <span className="bind-line-title">
              {l.title}
              {l.props ? <span className="muted"> · {l.props}</span> : null}
            </span>
            <span className="bind-line-qty">×{l.qty}</span>
          </label>
        ))}
      </div>
    </Dialog>
  );
}
