import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DamageEffects, DamageReport } from '#shared/contract/damage.contract';
import { formatFen } from '#shared/domain/money';
import { ErrorText } from '../../components/ErrorText';
import { currentLanguage } from '../../i18n/setup';
import { saidName } from '../../lib/bench-names';
import { carrierName } from '../../lib/carrier-name';
import { formatDateTime, formatGrams } from '../../lib/format';
import { DecisionForm } from './DecisionForm';
import { DamagePhotos } from '../media/DamagePhotos';
import { useDamageStore } from './damage.store';
import { signed } from '#shared/domain/signed';

/** One report: the photos large, the facts, the decisions so far and what they set going, the form to decide. */
export function DamageDetail() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const s = useDamageStore();
  const detail = s.detail;
  return (
    <div className="damage-detail" data-testid="damage-detail">
      <div className="damage-detail-bar">
        <button type="button" className="btn damage-back" onClick={() => void s.select(null)} data-testid="damage-back">
          {t('damageReview.back')}
        </button>
        {detail && (
          <button type="button" className="btn damage-evidence-btn" onClick={() => void s.downloadEvidence()} disabled={s.evidenceBusy} data-testid="damage-evidence">
            {s.evidenceBusy ? t('damageReview.evidenceBusy') : t('damageReview.evidence')}
          </button>
        )}
      </div>
      <ErrorText error={s.detailError ?? s.evidenceError} />
      {!detail ? (
        !s.detailError && <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <h2 className="damage-detail-title">
            {detail.report.skuName || detail.report.skuCode} <span className="damage-row-qty">×{detail.report.qty}</span>{' '}
            <span className="tag tag-blocked">{t(`damageReview.reasons.${detail.report.reason}`)}</span>
          </h2>
          {detail.report.photos.length === 0 ? (
            <p className="muted">{t('damageReview.noPhotos')}</p>
          ) : (
            <DamagePhotos photos={detail.report.photos} bench={detail.report.bench} />
          )}
          <Facts report={detail.report} />
          <Effects report={detail.report} effects={detail.effects} />
          {detail.decisions.length > 0 && (
            <section className="damage-section">
              <h3>{t('damageReview.decisionsSoFar')}</h3>
              <ol className="damage-decisions" data-testid="damage-decisions">
                {detail.decisions.map((d) => (
                  <li key={d.id} data-testid="damage-decision" data-in-force={d.id === detail.report.decision?.id || undefined}>
                    <strong>{t(`damageReview.decisions.${d.decision}`)}</strong>
                    {d.id === detail.report.decision?.id && detail.decisions.length > 1 && (
                      <>
                        {' '}
                        <span className="tag tag-shipped" data-testid="damage-in-force">
                          {t('damageReview.inForce')}
                        </span>
                      </>
                    )}
                    {d.amountFen !== null && <> · ¥{formatFen(d.amountFen)}</>}
                    {d.trackingNo && <> · {parcelText(t, d.carrierCode, d.trackingNo)}</>}
                    <span className="muted small"> · {d.decidedBy === null ? '—' : saidName(t, d.decidedBy)} · {formatDateTime(d.decidedAt, lang)}</span>
                    {d.note && <div className="small">{d.note}</div>}
                  </li>
                ))}
              </ol>
              {detail.decisions.length > 1 && <p className="small muted">{t('damageReview.inForceRule')}</p>}
            </section>
          )}
          {s.decided?.reportId === detail.report.id && (
            <p className="damage-decided" role="status" data-testid="damage-decided">
              {t('damageReview.decidedNow', { decision: t(`damageReview.decisions.${s.decided.decision}`) })}
            </p>
          )}
          <DecisionForm key={detail.report.id} report={detail.report} booked={detail.effects.booked} />
        </>
      )}
    </div>
  );
}

/** The order a report is about; a return no order matched is named by the number it was scanned by. */
export function orderText(t: TFunction, r: DamageReport): string {
  if (r.orderExternalId !== null) return r.orderExternalId;
  return r.returnScanned ? t('damageReview.fromReturn', { ref: r.returnScanned }) : t('damageReview.noOrder');
}

function Facts({ report: r }: { report: DamageReport }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const rows: [string, string][] = [
    [t('damageReview.fact.order'), orderText(t, r)],
    [t('damageReview.fact.sku'), `${r.skuCode} ${r.skuName}`],
    [t('damageReview.fact.source'), t(`damageReview.sources.${r.source}`)],
    [t('damageReview.fact.parcel'), r.trackingNo ? parcelText(t, r.carrierCode, r.trackingNo) : '—'],
    [t('damageReview.fact.weight'), formatGrams(r.weightG)],
    [t('damageReview.fact.reported'), `${r.reportedBy === null ? '—' : saidName(t, r.reportedBy)} · ${formatDateTime(r.reportedAt, lang)}`],
    [t('damageReview.fact.bench'), r.bench?.thisBench ? t('damageReview.thisBench') : (r.bench?.name ?? '—')],
  ];
  return (
    <section className="damage-section">
      {r.note && <p className="damage-note">{r.note}</p>}
      <dl className="damage-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * What the decisions set going: the stock they moved, the reship, the claim. A unit returned defective
 * was moved to the damaged bucket by the return itself, before any decision: that is said, not "nothing moved".
 */
function Effects({ report, effects }: { report: DamageReport; effects: DamageEffects }) {
  const { t } = useTranslation();
  const { booked, reship, claim } = effects;
  const moved = booked.sellable !== 0 || booked.damaged !== 0;
  return (
    <section className="damage-section damage-effects" data-testid="damage-effects">
      <div>
        {moved
          ? t('damageReview.booked', { sku: report.skuCode, sellable: signed(booked.sellable), damaged: signed(booked.damaged) })
          : report.source === 'return'
            ? t('damageReview.bookedByReturn', { count: report.qty, sku: report.skuCode })
            : t('damageReview.bookedNothing')}
      </div>
      {reship && <div data-testid="damage-reship">{t(`damageReview.reship.${reship.state}`, { tracking: reship.trackingNo ?? '' })}</div>}
      {claim && (
        <div data-testid="damage-claim">
          {t('damageReview.claimLine', { amount: formatFen(claim.amountFen), tracking: claim.trackingNo, status: t(`claims.statuses.${claim.status}`) })}
          {claim.paidFen !== null && <> · ¥{formatFen(claim.paidFen)}</>}
        </div>
      )}
    </section>
  );
}


/** A parcel as people name it: the carrier in the reader's language (圆通速递 / YTO Express), then its number. */
const parcelText = (t: TFunction, code: string | null, trackingNo: string) => (code ? `${carrierName(t, code, code)} ${trackingNo}` : trackingNo);
