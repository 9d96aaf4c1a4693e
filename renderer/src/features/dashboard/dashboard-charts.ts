import type { TFunction } from 'i18next';
import { scanErrorKinds, type Dashboard } from '#shared/contract/dashboard.contract';
import { carriers } from '#shared/domain/carriers';
import { damageReasons } from '#shared/ops/damage-reported.op';
import { saidName } from '../../lib/bench-names';
import { carrierLabel } from '../../lib/format';

/** An ECharts option as plain data: built and tested here, drawn by ChartBox (which loads ECharts). */
export type ChartOption = Record<string, unknown>;
/**
 * `keys`: what each colour stands for, drawn by ChartBox as a list that wraps. ECharts' own legend
 * on a phone either cut its last name mid-word (scroll) or ran into the plot (plain, wrapped).
 */
export type ChartSpec = { id: string; title: string; option: ChartOption; empty: boolean; keys: ChartKey[] };
export type ChartKey = { name: string; color: string };

const PALETTE = ['#0a58a8', '#14783a', '#c25100', '#7b3fa0', '#c0262d', '#0f8b8d', '#8a6d00', '#56616c'];
const FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

const base = (extra: ChartOption): ChartOption => ({
  color: PALETTE,
  textStyle: { fontFamily: FONT, fontSize: 13 },
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis' },
  animation: false,
  ...extra,
});
/** 'yyyy-MM-dd' → 'MM-dd': the range is at most 30 days. */
const shortDay = (day: string) => day.slice(5);
/** The palette's colours in order: ECharts gives them to the series (or a pie's slices) in the same order. */
const keysOf = (names: readonly string[]): ChartKey[] => names.map((name, i) => ({ name, color: PALETTE[i % PALETTE.length]! }));
const LEGEND_GRID = { left: 8, right: 16, top: 16, bottom: 8, containLabel: true };
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function carrierName(code: string | null, t: TFunction, lang: string): string {
  if (code === null) return t('dashboard.noParcel');
  const c = carriers.find((x) => x.code === code);
  return c ? carrierLabel({ code, name: c.shortName, nameEn: c.englishName }, lang) : code;
}

/** Every chart of the dashboard, in reading order, with the figures behind it. */
export function dashboardCharts(d: Dashboard, t: TFunction, lang: string): ChartSpec[] {
  const days = d.days.map(shortDay);
  const byHour = d.range === 'today';
  const shipped: ChartSpec = {
    id: 'shipped',
    title: t(byHour ? 'dashboard.charts.shippedByHour' : 'dashboard.charts.shippedByDay'),
    keys: [],
    empty: sum(byHour ? d.shippedByHour : d.shippedByDay) === 0,
    option: base({
      xAxis: { type: 'category', data: byHour ? d.shippedByHour.map((_, h) => `${h}`) : days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t('dashboard.series.orders'), type: 'bar', barMaxWidth: 48, data: byHour ? d.shippedByHour : d.shippedByDay }],
    }),
  };
  const late: ChartSpec = {
    id: 'late',
    title: t('dashboard.charts.lateByDay'),
    keys: [],
    empty: sum(d.lateByDay) === 0,
    option: base({
      color: ['#c0262d'],
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t('dashboard.series.late'), type: 'bar', barMaxWidth: 48, data: d.lateByDay }],
    }),
  };
  const carrierMix: ChartSpec = {
    id: 'carriers',
    title: t('dashboard.charts.carriers'),
    empty: d.carriers.length === 0,
    keys: keysOf(d.carriers.map((c) => carrierName(c.carrierCode, t, lang))),
    option: base({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [{
        name: t('dashboard.series.parcels'), type: 'pie', radius: ['40%', '68%'],
        data: d.carriers.map((c) => ({ name: carrierName(c.carrierCode, t, lang), value: c.parcels })),
      }],
    }),
  };
  const reasonsSeen = damageReasons.filter((r) => sum(d.damage.byDay[r]) > 0);
  const damageOverTime: ChartSpec = {
    id: 'damage-reasons',
    title: t('dashboard.charts.damageByReason'),
    empty: d.damage.reports === 0,
    keys: keysOf(reasonsSeen.map((r) => t(`damageReasons.${r}`))),
    option: base({
      grid: LEGEND_GRID,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: reasonsSeen.map((r) => ({ name: t(`damageReasons.${r}`), type: 'bar', barMaxWidth: 48, stack: 'reasons', data: d.damage.byDay[r] })),
    }),
  };
  const damageSkus: ChartSpec = {
    id: 'damage-skus',
    title: t('dashboard.charts.damageBySku'),
    empty: d.damage.bySku.length === 0,
    // Two bars a SKU: the keys say which is the reports and which the units.
    keys: keysOf([t('dashboard.series.reports'), t('dashboard.series.units')]),
    option: base({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: LEGEND_GRID,
      xAxis: { type: 'value', minInterval: 1 },
      // The most reported at the top.
      yAxis: { type: 'category', data: [...d.damage.bySku].reverse().map((s) => s.skuCode) },
      series: [
        { name: t('dashboard.series.reports'), type: 'bar', barMaxWidth: 48, data: [...d.damage.bySku].reverse().map((s) => s.reports) },
        { name: t('dashboard.series.units'), type: 'bar', barMaxWidth: 48, data: [...d.damage.bySku].reverse().map((s) => s.units) },
      ],
    }),
  };
  const damageCarriers: ChartSpec = {
    id: 'damage-carriers',
    title: t('dashboard.charts.damageByCarrier'),
    keys: [],
    empty: d.damage.byCarrier.length === 0,
    option: base({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      xAxis: { type: 'category', data: d.damage.byCarrier.map((c) => carrierName(c.carrierCode, t, lang)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t('dashboard.series.reports'), type: 'bar', barMaxWidth: 48, data: d.damage.byCarrier.map((c) => c.reports) }],
    }),
  };
  const packerName = (p: Dashboard['packers'][number]) => (p.name === null ? t('dashboard.nobody') : saidName(t, p.name));
  const errors: ChartSpec = {
    id: 'packer-errors',
    title: t('dashboard.charts.packerErrors'),
    empty: d.packers.every((p) => p.itemScans === 0),
    keys: keysOf(scanErrorKinds.map((k) => t(`dashboard.errors.${k}`))),
    option: base({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: '{value} %' },
      grid: LEGEND_GRID,
      xAxis: { type: 'category', data: d.packers.map(packerName) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series: scanErrorKinds.map((k) => ({
        name: t(`dashboard.errors.${k}`), type: 'bar', barMaxWidth: 48, stack: 'errors',
        data: d.packers.map((p) => errorRate(p.errors[k], p.itemScans)),
      })),
    }),
  };
  return [shipped, late, carrierMix, errors, damageOverTime, damageSkus, damageCarriers];
}

/** Errors of a kind per 100 item scans, to one decimal. */
export function errorRate(errors: number, itemScans: number): number {
  return itemScans === 0 ? 0 : Math.round((errors / itemScans) * 1000) / 10;
}
