import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorText } from '../../components/ErrorText';
import { NumberField, useFieldProblems, type NumberRange } from '../../components/NumberField';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { hostText } from '../../lib/host-text';
import { claimScans } from '../../lib/scan-sink';
import { playOutcome } from '../../lib/sounds';
import { PhotoCapture, usePhotoSet } from '../media/PhotoCapture';
import { ReasonButtons } from '../damage-report/ReasonButtons';
import { needsSupervisorPin } from '../session/session.store';
import { itemsOf, useReturnsStore, type LineCount, type ReturnLine } from './returns.store';

const COUNTS: readonly LineCount[] = ['good', 'defective', 'missing'];
// An unknown return has no parcel that left, so nothing can be missing from it.
const UNKNOWN_COUNTS: readonly LineCount[] = ['good', 'defective'];

// What one line may file per condition (the host's cap). A box cleared to retype counts 0, as the footer counts it.
const COUNT_RANGE: NumberRange = { min: 0, max: 100_000, blank: 0 };

/**
 * A number with − and + for one condition of one line: big enough to hit with a gloved finger. What is typed
 * stays as typed ("-3", "1.5"), marked with the field and its range, and the return is not received until it is corrected;
 * the mark sits in a row kept for it, so typing never moves the steppers.
 */
function Stepper({ line, which, report }: { line: ReturnLine; which: LineCount; report: Reporter }) {
  const { t } = useTranslation();
  const setCount = useReturnsStore((s) => s.setCount);
  const n = line[which];
  const id = `${which}-${line.skuCode}`;
  const label = t(`returns.conditions.${which}`);
  return (
    <div className={`return-count return-${which}${n > 0 ? ' return-count-on' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="return-stepper">
        <button type="button" className="btn btn-small" onClick={() => setCount(line.skuCode, which, n - 1)} disabled={n === 0} aria-label="−">−</button>
        <NumberField id={id} label={label} range={COUNT_RANGE} value={n} onValue={(v) => setCount(line.skuCode, which, v)} onProblem={report(id)} testId={`return-${which}-${line.skuCode}`} />
        <button type="button" className="btn btn-small" onClick={() => setCount(line.skuCode, which, n + 1)} aria-label="+" data-testid={`return-${which}-plus-${line.skuCode}`}>+</button>
      </div>
    </div>
  );
}

/** What should come back of a line, beside what was counted: plainly the count when there is no parcel to compare with. */
function expectedText(t: TFunction, line: ReturnLine, counted: number, unknown: boolean): string {
  if (unknown) return t('returns.counted', { counted });
  if (line.expected === null) return t('returns.notExpected');
  if (line.returned > 0) return t('returns.expectedAfterEarlier', { qty: line.expected, returned: line.returned, counted });
  return t('returns.expected', { qty: line.expected, counted });
}

type Reporter = ReturnType<typeof useFieldProblems>['reporter'];

function Line({ line, unknown, report }: { line: ReturnLine; unknown: boolean; report: Reporter }) {
  const { t } = useTranslation();
  const setReason = useReturnsStore((s) => s.setReason);
  const counted = line.good + line.defective + line.missing;
  const off = line.expected !== null && counted !== line.expected;
  return (
    <li className="return-line" data-testid={`return-line-${line.skuCode}`}>
      <div className="return-line-head">
        <strong>{line.skuCode}</strong> <span>{line.name}</span>
        <span className={off ? 'return-expected return-off' : 'return-expected muted'}>
          {expectedText(t, line, counted, unknown)}
        </span>
      </div>
      <div className="return-counts">
        {(unknown ? UNKNOWN_COUNTS : COUNTS).map((c) => (
          <Stepper key={c} line={line} which={c} report={report} />
        ))}
      </div>
      {line.defective > 0 && (
        <div className="return-reason">
          <ReasonButtons value={line.reason ?? 'broken'} onChange={(r) => setReason(line.skuCode, r)} testId={`return-reason-${line.skuCode}`} />
        </div>
      )}
    </li>
  );
}

/**
 * One return being received: the parcel's order and what should be in it, a line per SKU marked
 * good / defective (with the reason) / missing, items scanned out of the box, photos and a note.
 * `snapSignal`: a PD:PHOTO scanned on this screen.
 */
export function ReturnIntake({ snapSignal }: { snapSignal: number }) {
  const { t } = useTranslation();
  const intake = useReturnsStore((s) => s.intake);
  const note = useReturnsStore((s) => s.note);
  const busy = useReturnsStore((s) => s.busy);
  const { setNote, allGood, reset, receive, scanItem } = useReturnsStore.getState();
  const photos = usePhotoSet();
  const [sku, setSku] = useState('');
  const { problems, reporter } = useFieldProblems();
  if (!intake) return null;
  const { found } = intake;
  const items = itemsOf(intake.lines);
  const noteMissing = intake.lines.some((l) => l.defective > 0 && l.reason === 'other') && note.trim() === '';
  const valid = (found ? items.length > 0 : true) && !noteMissing && !photos.saving && problems.length === 0;
  const allBack = found !== null && found.earlier.length > 0 && intake.lines.every((l) => l.expected === 0);
  return (
    <section className="card return-intake" data-testid="return-intake" data-unknown={found === null}>
      <header className="return-head">
        {found?.order ? (
          <>
            <span className="return-order" data-testid="return-order">{t('returns.order', { order: found.order.externalId })}</span>
            <span>{found.order.receiverName}</span>
            {found.parcel && <span className="muted">{t('returns.parcel', { tracking: found.parcel.trackingNo })}</span>}
            {found.earlier.length > 0 && <span className="tag tag-void" data-testid="return-earlier">{t('returns.earlier', { count: found.earlier.length })}</span>}
          </>
        ) : (
          <>
            <span className="tag tag-blocked">{t('returns.unknownTag')}</span>
            <span data-testid="return-scanned">{t('returns.scanned', { ref: intake.ref })}</span>
          </>
        )}
        <button type="button" className="btn btn-small return-reset" onClick={reset} data-testid="return-reset">{t('returns.cancel')}</button>
      </header>
      {allBack ? (
        // Everything this parcel carried came back already: said plainly, with nothing to mark good.
        <p className="dialog-notice" role="alert" data-testid="return-all-back">{t('returns.allBack', { count: found.earlier.length })}</p>
      ) : (
        intake.lines.length > 0 && found && (
          <button type="button" className="btn btn-small return-all-good" onClick={allGood} data-testid="return-all-good">{t('returns.allGood')}</button>
        )
      )}
      <ul className="return-lines">
        {intake.lines.map((l) => (
          <Line key={l.skuCode} line={l} unknown={found === null} report={reporter} />
        ))}
      </ul>
      <div className="return-body">
        <div className="return-items">
          <input className="input" value={sku} onChange={(e) => setSku(e.target.value)} placeholder={t('returns.addSku')}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), void scanItem(sku).then(() => setSku('')))} data-testid="return-add-sku" />
          <span className="muted small">{t('returns.scanItemsHint')}</span>
          <label className="small" htmlFor="return-note">{t('returns.note')}</label>
          <textarea id="return-note" className={noteMissing ? 'input input-bad' : 'input'} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="return-note" />
          {noteMissing && <span className="error-text small">{t('returns.noteRequired')}</span>}
        </div>
        <PhotoCapture set={photos} snapSignal={snapSignal} testId="return-photos-capture" />
      </div>
      <ReturnsError />
      <ReturnUnaccounted />
      <footer className="return-foot">
        <span className="muted small">
          {t(found ? 'returns.summary' : 'returns.summaryUnknown', {
            good: intake.lines.reduce((n, l) => n + l.good, 0), defective: intake.lines.reduce((n, l) => n + l.defective, 0), missing: intake.lines.reduce((n, l) => n + l.missing, 0),
          })}
        </span>
        <button type="button" className="btn btn-primary btn-lg" disabled={!valid || busy} onClick={() => void receive(photos.hashes)} data-testid="return-submit">
          {found ? t('returns.submit') : t('returns.submitUnknown')}
        </button>
      </footer>
    </section>
  );
}

/**
 * A return the order does not account for (more than its parcel carried, or an order not shipped):
 * said, and taken in only once confirmed: by a supervisor's PIN at a packer's bench, by a button for a supervisor.
 */
function ReturnUnaccounted() {
  const { t } = useTranslation();
  const ask = useReturnsStore((s) => s.unaccounted);
  const error = useReturnsStore((s) => s.error);
  const busy = useReturnsStore((s) => s.busy);
  // While the question is open a scan changes nothing behind it: the return asked about is the one confirmed.
  useEffect(() => (ask ? claimScans(() => playOutcome('error')) : undefined), [ask]);
  if (!ask) return null;
  const { receive, closeUnaccounted } = useReturnsStore.getState();
  const why = ask.why.msg ? hostText(t, ask.why.msg) : '';
  // A packer never saw 仍然入库 (a supervisor's button): the PIN is asked for what they pressed.
  if (needsSupervisorPin()) {
    return <SupervisorPinDialog action={t('returns.takeInPinAction', { button: t('returns.submit') })} notice={why} error={error} busy={busy} onSubmit={(pin) => void receive(ask.photoHashes, { pin })} onCancel={closeUnaccounted} />;
  }
  return (
    <Dialog
      title={t('returns.unaccountedTitle')}
      onClose={closeUnaccounted}
      testId="return-unaccounted"
      actions={<ConfirmButtons onCancel={closeUnaccounted} label={t('returns.takeInAnyway')} onConfirm={() => void receive(ask.photoHashes, {})} disabled={busy} testId="return-take-in" />}
    >
      <p className="dialog-notice" role="alert" data-testid="return-unaccounted-why">
        {why}
      </p>
      <ErrorText error={error} />
    </Dialog>
  );
}

/** The error of the last lookup or receipt, under the scan field. */
export function ReturnsError() {
  const error = useReturnsStore((s) => s.error);
  return <ErrorText error={error} testId="returns-error" />;
}
