import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimStatuses, type Claim } from '#shared/contract/claims.contract';
import { formatFen } from '#shared/domain/money';
import type { ClaimOutcome } from '#shared/ops/claim-settled.op';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { Pager } from '../../components/Pager';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { currentLanguage } from '../../i18n/setup';
import { saidName } from '../../lib/bench-names';
import { formatDateTime } from '../../lib/format';
import { useClaimsStore, type ClaimFilter, type SettleDraft } from './claims.store';
import { carrierName } from '../../lib/carrier-name';
import { amountProblemText, readAmount } from './amount-field';

const filters: ClaimFilter[] = [...claimStatuses, 'all'];

/** Carrier claims (理赔): what was claimed from which carrier for which parcel, and what the carrier answered. */
export function ClaimsPanel() {
  const { t } = useTranslation();
  const s = useClaimsStore();
  useEffect(() => {
    void useClaimsStore.getState().load();
  }, []);
  return (
    <section className="damage-claims" data-testid="claims-panel">
      <div className="damage-list-head">
        <FilterButtons filters={filters} value={s.filter} onPick={s.setFilter} label={(f) => (f === 'all' ? t('damageReview.filters.all') : t(`claims.statuses.${f}`))} testIdPrefix="claims-filter" />
      </div>
      {s.settled && <SettledLine settled={s.settled} />}
      <ErrorText error={s.error} />
      {s.claims.length === 0 ? (
        <p className="muted center damage-empty">{s.loading ? t('common.loading') : t('claims.empty')}</p>
      ) : (
        <ul className="claim-rows" data-testid="claim-rows">
          {s.claims.map((c) => (
            <ClaimRow key={c.id} claim={c} />
          ))}
        </ul>
      )}
      {s.total > s.limit && <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} />}
      {s.settling && <SettleDialog key={s.settling.claim.id} />}
    </section>
  );
}

/** What was just saved, as a damage decision says it: the claim may have left the list under its filter. */
function SettledLine({ settled: { claim, draft } }: { settled: { claim: Claim; draft: SettleDraft } }) {
  const { t } = useTranslation();
  const paid = draft.outcome === 'paid' ? (draft.paidFen ?? 0) : null;
  const text =
    paid === null
      ? t('claims.settledRejected', { tracking: claim.trackingNo })
      : paid > claim.amountFen
        ? t('claims.settledPaidAbove', { tracking: claim.trackingNo, amount: formatFen(paid), claimed: formatFen(claim.amountFen) })
        : t('claims.settledPaid', { tracking: claim.trackingNo, amount: formatFen(paid) });
  return (
    <p className="damage-decided" role="status" data-testid="claim-settled">
      {text}
    </p>
  );
}

function ClaimRow({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const openSettle = useClaimsStore((s) => s.openSettle);
  return (
    <li className="claim-row" data-testid="claim-row" data-claim-id={c.id} data-status={c.status}>
      <div className="claim-main">
        <strong>
          {carrierName(t, c.carrierCode, c.carrierName)} <span className="mono">{c.trackingNo}</span>
        </strong>
        <span className="muted small">
          {c.orderExternalId ?? '—'} · {c.skuCode} ×{c.qty} · {formatDateTime(c.filedAt, lang)} · {c.filedBy === null ? '—' : saidName(t, c.filedBy)}
        </span>
        {c.settleNote !== '' && (
          <span className="muted small claim-settle-note" data-testid="claim-settle-note">
            {t('claims.settleNote', { note: c.settleNote })}
          </span>
        )}
      </div>
      <div className="claim-money">
        <span>{t('claims.claimed', { amount: formatFen(c.amountFen) })}</span>
        {c.paidFen !== null && <span className="claim-paid-amount">{t('claims.paid', { amount: formatFen(c.paidFen) })}</span>}
      </div>
      <span className={`tag claim-status claim-${c.status}`} data-testid="claim-status">
        {t(`claims.statuses.${c.status}`)}
      </span>
      {c.status !== 'withdrawn' && (
        <button type="button" className="btn claim-settle" onClick={() => openSettle(c)} data-testid="claim-settle">
          {c.status === 'filed' ? t('claims.settle') : t('claims.resettle')}
        </button>
      )}
    </li>
  );
}

/**
 * Paid (with the amount the carrier paid, in 元, exact) or rejected, with a note; a supervisor's PIN
 * at a packer's bench. Paid above the claim is said, not refused: carriers sometimes add the postage.
 */
function SettleDialog() {
  const { t } = useTranslation();
  const settling = useClaimsStore((s) => s.settling)!;
  const { settle, closeSettle } = useClaimsStore.getState();
  const [outcome, setOutcome] = useState<ClaimOutcome>('paid');
  const [paid, setPaid] = useState(formatFen(settling.claim.amountFen));
  const [note, setNote] = useState('');
  const { fen: paidFen, problem } = readAmount(paid);
  const invalid = outcome === 'paid' && problem !== null;
  const aboveClaim = outcome === 'paid' && !invalid && paidFen !== null && paidFen > settling.claim.amountFen;
  const draft = { outcome, paidFen: outcome === 'paid' ? paidFen : null, note: note.trim() };
  if (settling.askPin && settling.draft) {
    return (
      <SupervisorPinDialog
        action={t('claims.settleTitle', { tracking: settling.claim.trackingNo })}
        error={settling.error}
        busy={settling.busy}
        onSubmit={(pin) => void settle(settling.draft!, pin)}
        onCancel={closeSettle}
      />
    );
  }
  return (
    <Dialog
      title={t('claims.settleTitle', { tracking: settling.claim.trackingNo })}
      onClose={closeSettle}
      testId="settle-dialog"
      onSubmit={() => {
        if (!invalid && !settling.busy) void settle(draft);
      }}
      actions={<ConfirmButtons onCancel={closeSettle} label={t('claims.settleConfirm')} disabled={invalid || settling.busy} testId="settle-confirm" />}
    >
      <p className="dialog-lead">{t('claims.claimed', { amount: formatFen(settling.claim.amountFen) })}</p>
      <div className="decision-choices decision-choices-two" role="radiogroup">
        {(['paid', 'rejected'] as const).map((o) => (
          <button type="button" key={o} role="radio" aria-checked={outcome === o} className={outcome === o ? 'decision-choice decision-on' : 'decision-choice'} onClick={() => setOutcome(o)} data-testid={`settle-${o}`}>
            <strong>{t(`claims.statuses.${o}`)}</strong>
          </button>
        ))}
      </div>
      {outcome === 'paid' && (
        <label className="damage-field">
          <span>{t('claims.paidAmount')}</span>
          <input className="input" inputMode="decimal" value={paid} onChange={(e) => setPaid(e.target.value)} data-testid="settle-paid-amount" />
        </label>
      )}
      {invalid && problem !== null && <p className="damage-problem" data-testid="settle-problem">{amountProblemText(t, t('claims.paidAmount'), problem)}</p>}
      {aboveClaim && (
        <p className="damage-warning" role="status" data-testid="settle-above-claim">
          {t('claims.paidAboveClaim', { amount: formatFen(settling.claim.amountFen) })}
        </p>
      )}
      <label className="damage-field">
        <span>{t('damageReview.form.note')}</span>
        <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="settle-note" />
      </label>
      <ErrorText error={settling.error} />
    </Dialog>
  );
}
