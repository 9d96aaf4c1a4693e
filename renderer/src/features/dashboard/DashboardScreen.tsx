import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardRanges, scanErrorKinds, type Dashboard } from '#shared/contract/dashboard.contract';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { saidName } from '../../lib/bench-names';
import { formatDateTime } from '../../lib/format';
import { ChartBox } from './ChartBox';
import { dashboardCharts, errorRate } from './dashboard-charts';
import { useDashboardStore } from './dashboard.store';
import './dashboard.css';

/**
 * 看板: today's (or the range's) parcels, what waits and what is late, each packer's pace and
 * errors, carriers, damage, late orders by day. Beijing days and hours; the shop's figures when paired.
 */
export function DashboardScreen() {
  const { t } = useTranslation();
  const s = useDashboardStore();
  const lang = currentLanguage();
  useEffect(() => {
    void useDashboardStore.getState().load();
  }, []);
  const charts = useMemo(() => (s.data ? dashboardCharts(s.data, t, lang) : []), [s.data, t, lang]);
  return (
    <div className="screen dashboard" data-testid="dashboard-screen" aria-busy={s.loading}>
      <ScreenHead title={t('dashboard.title')}>
        <div className="dashboard-tools">
          <FilterButtons filters={dashboardRanges} value={s.range} onPick={s.setRange} label={(r) => t(`dashboard.ranges.${r}`)} testIdPrefix="dashboard-range" />
          <button type="button" className="btn btn-small" onClick={() => void s.load()} disabled={s.loading} data-testid="dashboard-refresh">
            {s.loading ? t('common.loading') : t('dashboard.refresh')}
          </button>
        </div>
      </ScreenHead>
      <ErrorText error={s.error} />
      {s.data && (
        <>
          <p className="muted small dashboard-span">
            {t('dashboard.span', { from: formatDateTime(s.data.from, lang), to: formatDateTime(s.data.to, lang) })}
          </p>
          <Kpis data={s.data} />
          <div className="chart-grid">
            {charts.slice(0, 4).map((c) => (
              <ChartBox key={c.id} spec={c} />
            ))}
          </div>
          <Packers data={s.data} />
          <div className="chart-grid">
            {charts.slice(4).map((c) => (
              <ChartBox key={c.id} spec={c} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function Kpis({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  // Orders partly shipped are not shipped (the Orders screen agrees), but they are said on the same tile.
  const partial = data.kpi.partial > 0 ? t('dashboard.kpi.partial', { count: data.kpi.partial }) : null;
  // An order shipped at two benches counts once but brings two parcels: the tile says so until a supervisor sorts it out.
  // A shop that hands over: a parcel printed is not yet one the courier took, and the tile says how many were.
  const parcels = data.kpi.handedOver === null
    ? t('dashboard.kpi.parcels', { count: data.kpi.parcels })
    : t('dashboard.kpi.parcelsHandedOver', { count: data.kpi.parcels, handed: data.kpi.handedOver });
  const double = data.kpi.doubleShipped > 0 ? t('dashboard.kpi.doubleShipped', { count: data.kpi.doubleShipped }) : null;
  const items: { id: string; value: number; sub?: string; note?: string | null; warn?: string | null; alarm?: boolean }[] = [
    { id: 'shipped', value: data.kpi.shipped, sub: parcels, note: partial, warn: double },
    { id: 'awaiting', value: data.kpi.awaiting },
    { id: 'late', value: data.kpi.late, alarm: data.kpi.late > 0 },
    { id: 'shippedLate', value: data.kpi.shippedLate },
    { id: 'damage', value: data.damage.reports },
  ];
  return (
    <div className="kpi-row">
      {items.map((k) => (
        <div key={k.id} className={k.alarm ? 'kpi kpi-alarm' : 'kpi'} data-testid={`kpi-${k.id}`}>
          <div className="kpi-label">{t(`dashboard.kpi.${k.id}`, { range: t(`dashboard.ranges.${data.range}`) })}</div>
          <div className="kpi-value" data-testid={`kpi-${k.id}-value`}>
            {k.value}
          </div>
          {k.sub && <div className="small muted">{k.sub}</div>}
          {k.note && (
            <div className="small" data-testid={`kpi-${k.id}-note`}>
              {k.note}
            </div>
          )}
          {k.warn && (
            <div className="small warn-text" role="status" data-testid={`kpi-${k.id}-warn`}>
              {k.warn}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** Each packer's pace and errors; every cell carries its column's name, for the phone, which shows the rows as cards without the head. */
function Packers({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const num = (n: number | null) => (n === null ? '—' : String(n));
  return (
    <section className="chart-card packers" data-testid="dashboard-packers">
      <h2>{t('dashboard.packers.title')}</h2>
      {data.packers.length === 0 ? (
        <p className="muted">{t('dashboard.noData')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('dashboard.packers.name')}</th>
                <th className="num">{t('dashboard.packers.orders')}</th>
                <th className="num">{t('dashboard.packers.units')}</th>
                <th className="num">{t('dashboard.packers.ordersPerHour')}</th>
                <th className="num">{t('dashboard.packers.unitsPerHour')}</th>
                <th className="num">{t('dashboard.packers.secondsPerScan')}</th>
                {scanErrorKinds.map((k) => (
                  <th key={k} className="num">
                    {t(`dashboard.errors.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.packers.map((p) => (
                <tr key={p.packerId ?? '-'} data-testid="packer-row">
                  <td className="packer-name">{p.name === null ? t('dashboard.nobody') : saidName(t, p.name)}</td>
                  <td className="num" data-label={t('dashboard.packers.orders')}>{p.orders}</td>
                  <td className="num" data-label={t('dashboard.packers.units')}>{p.units}</td>
                  <td className="num" data-label={t('dashboard.packers.ordersPerHour')}>{num(p.ordersPerHour)}</td>
                  <td className="num" data-label={t('dashboard.packers.unitsPerHour')}>{num(p.unitsPerHour)}</td>
                  <td className="num" data-label={t('dashboard.packers.secondsPerScan')}>{num(p.secondsPerScan)}</td>
                  {scanErrorKinds.map((k) => (
                    <td key={k} className="num" data-label={t(`dashboard.errors.${k}`)} title={t('dashboard.packers.errorCount', { count: p.errors[k], scans: p.itemScans })}>
                      {p.errors[k] === 0 ? '0' : `${p.errors[k]} · ${errorRate(p.errors[k], p.itemScans)}%`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
