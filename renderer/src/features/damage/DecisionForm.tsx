import type { TFunction } from 'i18next';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { damageDecisions, type DamageReport } from '#shared/contract/damage.contract';
import { stockMovementOf, stockNeedOf, type BucketUnits } from '#shared/domain/damage-effects';
import { formatFen } from '#shared/domain/money';
import type { DamageDecision } from '#shared/ops/damage-decided.op';
import { ErrorText } from '../../components/ErrorText';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { carrierName } from '../../lib/carrier-name';
import { hostText } from '../../lib/host-text';
import { amountProblemText, readAmount } from './amount-field';
import { useDamageStore } from './damage.store';

const needsAmount = (d: DamageDecision | null) => d === 'claim' || d === 'refund';

/**
 * The six decisions as big buttons; what the chosen one does to stock is said before it is sent.
 * A claim or a refund takes its amount in 元, read from the typed text (never a float); a claim is
 * against the report's parcel unless another is typed, its carrier picked by name from the shop's
 * carriers. A packer's bench asks a supervisor's PIN.
 */
export function DecisionForm({ report, booked }: { report: DamageReport; booked: BucketUnits }) {
  const { t } = useTranslation();
  const deciding = useDamageStore((s) => s.deciding);
  const shopCarriers = useDamageStore((s) => s.carriers);
  const { decide, cancelPin, loadCarriers } = useDamageStore.getState();
  const [choice, setChoice] = useState<DamageDecision | null>(null);
  const [amount, setAmount] = useState('');
  // A report filed before its order shipped names no parcel: the order's parcel since is offered.
  const [carrier, setCarrier] = useState(report.carrierCode ?? report.orderParcel?.carrierCode ?? '');
  const [tracking, setTracking] = useState(report.trackingNo ?? report.orderParcel?.trackingNo ?? '');
  const [note, setNote] = useState('');
  // An amount not yet typed is not wrong yet: its problem is said once something was typed, or on an attempt to submit.
  const [amountTouched, setAmountTouched] = useState(false);
  const [tried, setTried] = useState(false);
  const claiming = choice === 'claim';
  useEffect(() => {
    if (claiming && shopCarriers === null) void loadCarriers();
  }, [claiming, shopCarriers, loadCarriers]);
  // The parcel's carrier stays offered when the shop has since stopped using it.
  const carrierChoices = carrier === '' || shopCarriers?.some((c) => c.code === carrier) ? (shopCarriers ?? []) : [{ code: carrier, name: carrier }, ...(shopCarriers ?? [])];
  const { fen: amountFen, problem: amountKey } = readAmount(amount);
  const amountProblem = needsAmount(choice) && amountKey ? amountProblemText(t, t('damageReview.form.amount'), amountKey) : null;
  const parcelProblem = claiming && (carrier === '' || tracking.trim() === '') ? t('damageReview.form.parcelNeeded') : null;
  const reshipProblem = choice === 'reship' && report.orderId === null ? t('damageReview.form.reshipNeedsOrder') : null;
  const problem = amountProblem ?? parcelProblem ?? reshipProblem;
  // The amount's problem is said under the amount box, the others above the button.
  const shownAmountProblem = amountTouched || tried ? amountProblem : null;
  const formProblem = parcelProblem ?? reshipProblem;
  const busy = deciding?.busy ?? false;
  const pinPad = deciding?.askPin === true;
  const draft = choice && {
    decision: choice, note: note.trim(), amountFen: needsAmount(choice) ? amountFen : null,
    carrierCode: claiming ? carrier : null, trackingNo: claiming ? tracking.trim() : null,
  };
  // The decision in force, with the same terms, is not decided again (a supervisor changes a decision by picking another, or other terms).
  const inForce = report.decision;
  const repeat = draft !== null && inForce !== null && inForce.decision === draft.decision && inForce.amountFen === draft.amountFen
    && inForce.carrierCode === draft.carrierCode && inForce.trackingNo === draft.trackingNo;
  // The host said this decision takes the shelf below zero (as the stock-adjust dialog warns): it is said, and sent again once confirmed.
  const belowZero = deciding?.confirm === true && deciding.draft.decision === choice ? deciding.error : null;
  const submit = () => {
    setTried(true);
    if (draft && !problem && !busy && !repeat) void decide(draft, belowZero ? deciding?.pin : undefined, belowZero !== null);
  };
  // The PIN pad is a form of its own: beside this one, not inside it (a form in a form is invalid HTML, and its submit reached both).
  return (
    <>
      <form
        className="damage-section decision-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          // Enter in an amount that cannot be read stays there and says why, rather than moving on with the problem unseen.
          if (e.key === 'Enter' && amountProblem && e.target instanceof HTMLElement && e.target.dataset.testid === 'decision-amount') {
            e.preventDefault();
            setAmountTouched(true);
            return;
          }
          nextFieldOnEnter(e);
        }}
        data-testid="decision-form"
      >
        <h3>{t('damageReview.form.title')}</h3>
        <div className="decision-choices" role="radiogroup" aria-label={t('damageReview.form.title')}>
          {damageDecisions.map((d) => (
            <button
              type="button"
              key={d}
              role="radio"
              aria-checked={choice === d}
              className={choice === d ? 'decision-choice decision-on' : 'decision-choice'}
              onClick={() => setChoice(d)}
              data-testid={`decide-${d}`}
            >
              <strong>{t(`damageReview.decisions.${d}`)}</strong>
              <span className="small">{t(`damageReview.form.hint.${d}`)}</span>
            </button>
          ))}
        </div>
        {choice && (
          <p className="decision-stock" data-testid="decision-stock">
            {stockSentence(t, report, choice, booked)}
          </p>
        )}
        {needsAmount(choice) && (
          <label className="damage-field">
            <span>{t('damageReview.form.amount')}</span>
            <input
              className="input"
              inputMode="decimal"
              value={amount}
              onChange={(e) => {
                setAmount(e.target.value);
                setAmountTouched(true);
              }}
              placeholder="0.00"
              aria-invalid={shownAmountProblem !== null}
              aria-describedby={shownAmountProblem ? 'decision-amount-problem' : undefined}
              data-testid="decision-amount"
            />
            {amountFen !== null && !amountKey && <span className="muted small">= ¥{formatFen(amountFen)}</span>}
            {shownAmountProblem && (
              <span id="decision-amount-problem" className="field-problem" role="alert" data-testid="decision-amount-problem">
                {shownAmountProblem}
              </span>
            )}
          </label>
        )}
        {claiming && (
          <div className="damage-field-pair">
            <label className="damage-field">
              <span>{t('damageReview.form.carrier')}</span>
              <select className="input" value={carrier} onChange={(e) => setCarrier(e.target.value)} data-testid="decision-carrier">
                <option value="">{t('damageReview.form.carrierPick')}</option>
                {carrierChoices.map((c) => (
                  <option key={c.code} value={c.code}>
                    {carrierName(t, c.code, c.name)}
                  </option>
                ))}
              </select>
            </label>
            <label className="damage-field">
              <span>{t('damageReview.form.tracking')}</span>
              <input className="input mono" value={tracking} maxLength={40} onChange={(e) => setTracking(e.target.value)} data-testid="decision-tracking" />
            </label>
          </div>
        )}
        {choice && (
          <label className="damage-field">
            <span>{t('damageReview.form.note')}</span>
            <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />
          </label>
        )}
        {choice && formProblem && <p className="damage-problem" role="alert">{formProblem}</p>}
        {belowZero?.msg && !pinPad ? (
          <p className="damage-warning" role="status" data-testid="decision-below-zero">
            {hostText(t, belowZero.msg)}
          </p>
        ) : (
          deciding && !pinPad && <ErrorText error={deciding.error} />
        )}
        <button type="submit" className="btn btn-primary damage-submit" disabled={!choice || problem !== null || busy || repeat} data-testid="decision-submit">
          {choice ? t(submitLabel(repeat, belowZero !== null), { decision: t(`damageReview.decisions.${choice}`) }) : t('damageReview.form.pick')}
        </button>
      </form>
      {pinPad && (
        <SupervisorPinDialog
          action={t(`damageReview.decisions.${deciding.draft.decision}`)}
          error={deciding.error}
          busy={deciding.busy}
          notice={deciding.error && deciding.error.code !== 'FORBIDDEN' && deciding.error.msg ? hostText(t, deciding.error.msg) : undefined}
          onSubmit={(pin) => void decide(deciding.draft, pin, deciding.confirm)}
          onCancel={cancelPin}
        />
      )}
    </>
  );
}

/**
 * Enter in a one-line field goes on to the next field (from the last, to the button) instead of filing the
 * decision: an amount typed and Entered must not file a claim with its carrier, number and note unseen.
 */
function nextFieldOnEnter(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
  e.preventDefault();
  const fields = [...e.currentTarget.querySelectorAll<HTMLElement>('input, select, textarea, button[type="submit"]')].filter((el) => !el.matches(':disabled'));
  fields[fields.indexOf(e.target) + 1]?.focus();
}

const submitLabel = (repeat: boolean, belowZero: boolean) =>
  repeat ? 'damageReview.form.inForce' : belowZero ? 'damageReview.form.confirmAnyway' : 'damageReview.form.submit';

/**
 * What choosing `decision` now does to stock, counted against what earlier decisions on the report
 * booked; when nothing more moves, where the earlier decisions left the units.
 */
function stockSentence(t: TFunction, report: DamageReport, decision: DamageDecision, booked: BucketUnits): string {
  const move = stockMovementOf(stockNeedOf(decision, report.source, report.qty), booked);
  if (move.sellable < 0) return t('damageReview.stock.toDamaged', { count: -move.sellable, sku: report.skuCode });
  if (move.sellable > 0) return t('damageReview.stock.toShelf', { count: move.sellable, sku: report.skuCode });
  if (booked.damaged > 0) return t('damageReview.stock.none.inDamaged', { count: booked.damaged, sku: report.skuCode });
  if (booked.sellable > 0) return t('damageReview.stock.none.backOnShelf', { count: booked.sellable, sku: report.skuCode });
  const why = report.source === 'delivered' ? 'delivered' : report.source === 'return' ? 'apart' : 'onShelf';
  return t(`damageReview.stock.none.${why}`);
}
