import { useEffect, useState } from 'react';
import { useNavStore } from '../../app/nav.store';
import { useTranslation } from 'react-i18next';
import type { DamageReport } from '#shared/contract/damage.contract';
import { getApi } from '../../api/client';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { Pager } from '../../components/Pager';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime } from '../../lib/format';
import { ClaimsPanel } from './ClaimsPanel';
import { DamageDetail, orderText } from './DamageDetail';
import { useDamageStore, type DamageFilter } from './damage.store';
import './damage.css';

type Tab = 'reports' | 'claims';
const tabs: Tab[] = ['reports', 'claims'];
const filters: DamageFilter[] = ['open', 'decided', 'all'];

/**
 * 破损审核: every bench's damage reports for a supervisor to decide, with the photos large and what
 * each decision does; and the carrier claims (理赔) those decisions filed. One column on a phone.
 */
export function DamageScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('reports');
  // Sent here with a report in hand (the inbox's "open"): that report opens.
  const focus = useNavStore((s) => s.focus);
  useEffect(() => {
    if (focus === null) return;
    setTab('reports');
    void useDamageStore.getState().select(focus);
  }, [focus]);
  useEffect(() => {
    void useDamageStore.getState().load();
    // Reports and decisions from other benches arrive with a sync: the list and the open report follow.
    return getApi().on('orders.changed', () => void useDamageStore.getState().refresh());
  }, []);
  return (
    <div className="screen damage" data-testid="damage-screen">
      <ScreenHead title={t('damageReview.title')}>
        <FilterButtons filters={tabs} value={tab} onPick={setTab} label={(x) => t(`damageReview.tabs.${x}`)} testIdPrefix="damage-tab" />
      </ScreenHead>
      {tab === 'reports' ? <ReportsView /> : <ClaimsPanel />}
    </div>
  );
}

function ReportsView() {
  const { t } = useTranslation();
  const s = useDamageStore();
  // A decision taken on a report no longer open (the pending list moved on): said above both panes, on a phone too.
  const movedOn = s.decided !== null && s.decided.reportId !== s.selectedId ? s.decided : null;
  return (
    <>
      {movedOn && (
        <p className="damage-decided damage-decided-moved" role="status" data-testid="damage-decided-moved">
          {t('damageReview.decidedMoved', { decision: t(`damageReview.decisions.${movedOn.decision}`), sku: movedOn.skuCode, qty: movedOn.qty })}
        </p>
      )}
      <div className={s.selectedId ? 'damage-layout damage-has-detail' : 'damage-layout'}>
        <section className="damage-list-pane" aria-label={t('damageReview.listLabel')}>
          <div className="damage-list-head">
            <FilterButtons filters={filters} value={s.filter} onPick={s.setFilter} label={(f) => t(`damageReview.filters.${f}`)} testIdPrefix="damage-filter" />
            <span className="muted small">{t('damageReview.count', { count: s.total })}</span>
          </div>
          <ErrorText error={s.error} />
          <ReportRows reports={s.reports} loading={s.loading} selectedId={s.selectedId} emptyText={t(`damageReview.empty.${s.filter}`)} />
          {s.total > s.limit && <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} />}
        </section>
        {s.selectedId && (
          <section className="damage-detail-pane" aria-label={t('damageReview.detailLabel')}>
            <DamageDetail />
          </section>
        )}
      </div>
    </>
  );
}

/** The reports as rows on a desk (one line each, aligned in columns) and as cards on a phone. */
function ReportRows({ reports, loading, selectedId, emptyText }: { reports: DamageReport[]; loading: boolean; selectedId: string | null; emptyText: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const select = useDamageStore((s) => s.select);
  if (reports.length === 0) return <p className="muted center damage-empty">{loading ? t('common.loading') : emptyText}</p>;
  return (
    <ul className="damage-rows" data-testid="damage-rows">
      <li className="damage-row damage-row-head" aria-hidden="true">
        <span>{t('damageReview.col.time')}</span>
        <span>{t('damageReview.col.bench')}</span>
        <span>{t('damageReview.col.order')}</span>
        <span>{t('damageReview.col.sku')}</span>
        <span>{t('damageReview.col.qty')}</span>
        <span>{t('damageReview.col.reason')}</span>
        <span>{t('damageReview.col.photos')}</span>
        <span>{t('damageReview.col.decision')}</span>
      </li>
      {reports.map((r) => (
        <li key={r.id}>
          <button
            type="button"
            className={r.id === selectedId ? 'damage-row damage-row-on' : 'damage-row'}
            aria-current={r.id === selectedId ? 'true' : undefined}
            onClick={() => void select(r.id)}
            data-testid="damage-row"
            data-report-id={r.id}
          >
            <span className="small nowrap">{formatDateTime(r.reportedAt, lang)}</span>
            <span className="small">{r.bench?.thisBench ? t('damageReview.thisBench') : (r.bench?.name ?? '—')}</span>
            <span className="mono small">{orderText(t, r)}</span>
            <span className="damage-row-sku">
              <span className="mono">{r.skuCode}</span> <span className="muted small">{r.skuName}</span>
            </span>
            <span className="damage-row-qty">×{r.qty}</span>
            <span>{t(`damageReview.reasons.${r.reason}`)}</span>
            <span className="small">{t('damageReview.photoCount', { count: r.photos.length })}</span>
            <span>
              {r.decision ? (
                <span className="tag tag-shipped">{t(`damageReview.decisions.${r.decision.decision}`)}</span>
              ) : (
                <span className="tag damage-awaiting">{t('damageReview.awaiting')}</span>
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
