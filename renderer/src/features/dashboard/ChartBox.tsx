import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartSpec } from './dashboard-charts';
import type * as EchartsCoreModule from './echarts-core';

type EchartsCore = typeof EchartsCoreModule;

type Chart = { setOption(option: unknown, notMerge?: boolean): void; resize(): void; dispose(): void };

/** One fetch of ECharts for every chart on the screen. */
let echartsModule: Promise<EchartsCore> | null = null;
const loadEcharts = () => {
  echartsModule ??= import('./echarts-core').catch((error: unknown) => {
    echartsModule = null;
    throw error;
  });
  return echartsModule;
};

/**
 * One chart: ECharts is fetched the first time a chart shows (a chunk of its own, never in the first
 * screen), then draws the spec's option into the box and follows the box's size.
 */
export function ChartBox({ spec }: { spec: ChartSpec }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  // The figures may change while ECharts is still on its way: it draws the latest.
  const latest = useRef(spec.option);
  latest.current = spec.option;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | null = null;
    loadEcharts()
      .then(({ echarts }) => {
        if (gone || !box.current) return;
        chart.current = echarts.init(box.current, undefined, { renderer: 'canvas' }) as Chart;
        chart.current.setOption(latest.current, true);
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => chart.current?.resize());
          observer.observe(box.current);
        }
      })
      .catch(() => {
        if (!gone) setFailed(true);
      });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is made once per box; new figures go through setOption below.
  }, []);
  useEffect(() => {
    chart.current?.setOption(spec.option, true);
  }, [spec.option]);

  return (
    <section className="chart-card" data-testid={`chart-${spec.id}`}>
      <h2>{spec.title}</h2>
      {spec.empty && <p className="chart-empty muted">{t('dashboard.noData')}</p>}
      {failed && <p className="chart-empty muted">{t('dashboard.chartFailed')}</p>}
      {!spec.empty && spec.keys.length > 0 && (
        <ul className="chart-keys" data-testid="chart-keys">
          {spec.keys.map((k) => (
            <li key={k.name}>
              <i style={{ background: k.color }} />
              {k.name}
            </li>
          ))}
        </ul>
      )}
      <div ref={box} className={spec.empty ? 'chart chart-hidden' : 'chart'} role="img" aria-label={spec.title} />
    </section>
  );
}
