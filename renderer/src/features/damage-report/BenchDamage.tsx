import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageReport } from '#shared/contract/damage.contract';
import { getApi } from '../../api/client';
import { useBenchStore } from '../bench/bench.store';
import { DamagePhotos } from '../media/DamagePhotos';
import { benchDamageOrder, useDamageReportStore } from './damage-report.store';

/**
 * 报损 at the bench: the button (PD:DAMAGE does the same) and the reports filed on the open order,
 * with their photos. The order stays open underneath; nothing here touches the scan path.
 */
export function BenchDamage() {
  const { t } = useTranslation();
  const orderId = useBenchStore((s) => s.state.order?.id ?? null);
  const filed = useDamageReportStore((s) => s.filed);
  const [reports, setReports] = useState<DamageReport[]>([]);
  useEffect(() => {
    if (!orderId) return setReports([]);
    let live = true;
    getApi()
      .call('damage.list', { filter: 'all', orderId, limit: 20, offset: 0 })
      .then((r) => live && setReports(r.reports))
      .catch(() => live && setReports([]));
    return () => {
      live = false;
    };
  }, [orderId, filed]);
  const open = () => useDamageReportStore.getState().openWith(benchDamageOrder(useBenchStore.getState().state));
  return (
    <section className="bench-damage" data-testid="bench-damage">
      <button type="button" className="btn bench-damage-button" onClick={open} data-testid="damage-open">
        {t('damageForm.button')}
      </button>
      {reports.length > 0 && (
        <ul className="bench-damage-list" data-testid="bench-damage-list" aria-label={t('damageForm.orderReports', { count: reports.length })}>
          {reports.map((r) => (
            <li key={r.id} className="bench-damage-report" data-testid="bench-damage-report" data-report-id={r.id}>
              <span className="bench-damage-line">
                <strong>{t(`damageReview.reasons.${r.reason}`)}</strong> {r.skuCode} ×{r.qty}
              </span>
              <DamagePhotos photos={r.photos} bench={r.bench} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
