import { scanErrorKinds, type Dashboard, type DashboardRange, type PackerStats, type ScanErrorKind } from '#shared/contract/dashboard.contract';
import { damageReasons } from '#shared/ops/damage-reported.op';
import { beijingDay, beijingDayStart } from '#shared/domain/datetime';
import type { Db } from '../db/open-database';
import { personName, type OtherBench } from '../session/person-name';
import { createDashboardRepo } from './dashboard.repo';

const RANGE_DAYS: Record<DashboardRange, number> = { today: 1, '7d': 7, '30d': 30 };
/** A pause longer than this between two scans is a break, not packing time. */
export const ACTIVE_GAP_MS = 5 * 60_000;
// 'unbound_line' is an item scanned, but not an error of the packer's (the file gave its line no 商家编码).
const ITEM_OUTCOMES = new Set(['verified', 'forced', 'wrong_item', 'over_scan', 'unknown_barcode', 'unbound_line']);
const COUNTED = new Set(['verified', 'forced']);
const TOP_SKUS = 10;

type Scan = { packerId: string | null; orderId: string | null; outcome: string; units: number; at: string };

/**
 * The supervisor's figures: today's (or the range's) parcels, what waits and what is late, each
 * packer's pace and errors, the carriers used, damage by reason, SKU and carrier, late orders by
 * day. Everything is read from tables every paired bench holds alike, so the figures are the shop's.
 */
export function createDashboardService(db: Db, now: () => number = Date.now, otherBench: OtherBench = () => null) {
  const repo = createDashboardRepo(db);

  function packers(range: { from: string; to: string }): PackerStats[] {
    type Acc = { units: number; activeMs: number; gaps: number[]; items: number; errors: Record<ScanErrorKind, number>; last: Scan | null };
    const acc = new Map<string | null, Acc>();
    const of = (id: string | null) =>
      acc.get(id) ?? acc.set(id, { units: 0, activeMs: 0, gaps: [], items: 0, errors: { wrong_item: 0, over_scan: 0, unknown_barcode: 0, forced: 0 }, last: null }).get(id)!;
    for (const scan of repo.scans(range)) {
      const a = of(scan.packerId);
      const item = ITEM_OUTCOMES.has(scan.outcome);
      if (item) a.items += 1;
      if (COUNTED.has(scan.outcome)) a.units += scan.units;
      if ((scanErrorKinds as readonly string[]).includes(scan.outcome)) a.errors[scan.outcome as ScanErrorKind] += 1;
      if (a.last) {
        const gap = Date.parse(scan.at) - Date.parse(a.last.at);
        if (gap >= 0 && gap <= ACTIVE_GAP_MS) {
          a.activeMs += gap;
          // Item to item within one order: the packer's time per scan.
          if (item && ITEM_OUTCOMES.has(a.last.outcome) && scan.orderId !== null && scan.orderId === a.last.orderId) a.gaps.push(gap);
        }
      }
      a.last = scan;
    }
    const orders = new Map(repo.packerOrders(range).map((r) => [r.packerId, r.n]));
    for (const id of orders.keys()) of(id);
    // Told in the reader's language on the screen; ties are ordered by the name as stored.
    const stored = new Map<string | null, string>();
    const nameOf = (id: string) => {
      const user = repo.user(id);
      stored.set(id, user?.name ?? '');
      return personName(user, otherBench, user === null ? repo.userStation(id) : null, { ownBench: true });
    };
    const perHour = (n: number, ms: number) => (ms > 0 ? Math.round((n / (ms / 3_600_000)) * 10) / 10 : null);
    return [...acc.entries()]
      .map(([packerId, a]): PackerStats => ({
        packerId, name: packerId === null ? null : nameOf(packerId), orders: orders.get(packerId) ?? 0, units: a.units,
        activeMinutes: Math.round(a.activeMs / 6_000) / 10, ordersPerHour: perHour(orders.get(packerId) ?? 0, a.activeMs), unitsPerHour: perHour(a.units, a.activeMs),
        secondsPerScan: a.gaps.length === 0 ? null : Math.round(a.gaps.reduce((s, g) => s + g, 0) / a.gaps.length / 100) / 10,
        itemScans: a.items, errors: a.errors,
      }))
      .sort((x, y) => y.orders - x.orders || y.units - x.units || (stored.get(x.packerId) ?? '').localeCompare(stored.get(y.packerId) ?? ''));
  }

  function damage(range: { from: string; to: string }, index: Map<string, number>, days: number): Dashboard['damage'] {
    const rows = repo.damage(range);
    const byDay = Object.fromEntries(damageReasons.map((r) => [r, Array<number>(days).fill(0)])) as Dashboard['damage']['byDay'];
    const skus = new Map<string, { skuCode: string; name: string | null; reports: number; units: number }>();
    const carriers = new Map<string | null, number>();
    for (const r of rows) {
      const i = index.get(r.day);
      const series = byDay[r.reason as keyof typeof byDay] ?? byDay.other;
      if (i !== undefined) series[i] = (series[i] ?? 0) + 1;
      const sku = skus.get(r.skuCode) ?? skus.set(r.skuCode, { skuCode: r.skuCode, name: r.name, reports: 0, units: 0 }).get(r.skuCode)!;
      sku.reports += 1;
      sku.units += r.qty;
      carriers.set(r.carrierCode, (carriers.get(r.carrierCode) ?? 0) + 1);
    }
    return {
      reports: rows.length,
      byDay,
      bySku: [...skus.values()].sort((a, b) => b.reports - a.reports || b.units - a.units || (a.skuCode < b.skuCode ? -1 : 1)).slice(0, TOP_SKUS),
      byCarrier: [...carriers.entries()].map(([carrierCode, reports]) => ({ carrierCode, reports })).sort((a, b) => b.reports - a.reports),
    };
  }

  return {
    get(range: DashboardRange): Dashboard {
      const nowMs = now();
      const count = RANGE_DAYS[range];
      const fromMs = beijingDayStart(nowMs, count - 1);
      const span = { from: new Date(fromMs).toISOString(), to: new Date(nowMs).toISOString() };
      const days = Array.from({ length: count }, (_, i) => beijingDay(fromMs + i * 86_400_000 + 3_600_000));
      const index = new Map(days.map((d, i) => [d, i]));
      const perDay = (rows: { day: string; n: number }[]) => {
        const out = Array<number>(count).fill(0);
        for (const r of rows) {
          const i = index.get(r.day);
          if (i !== undefined) out[i] = r.n;
        }
        return out;
      };
      const byHour = Array<number>(24).fill(0);
      for (const r of repo.shippedByHour(span)) byHour[r.hour] = r.n;
      const shipped = repo.shipped(span);
      return {
        range, from: span.from, to: span.to, days,
        kpi: { shipped: shipped.orders, partial: shipped.partial, parcels: shipped.parcels, handedOver: shipped.handedOver, awaiting: repo.awaiting(), late: repo.late(span.to), shippedLate: repo.shippedLate(span), doubleShipped: repo.doubleShipped() },
        shippedByDay: perDay(repo.shippedByDay(span)),
        shippedByHour: byHour,
        lateByDay: perDay(repo.lateByDay(span.from, span.to)),
        packers: packers(span),
        carriers: repo.carriers(span),
        damage: damage(span, index, count),
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
