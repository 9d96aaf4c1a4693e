import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useBenchStore } from '../bench/bench.store';
import { pickupLabel, standingNow, useGuardStore } from './guard.store';

/**
 * The bench's late-shipping line (发货延迟), never a dialog: the packer keeps scanning. `order`: the
 * open order is due soon, must go with the next courier pickup, or is late (beside the order's card,
 * where its deadline is). `queue`: with no order on the bench, other orders are due soon (above the
 * lines, which it would otherwise push off a 768-pixel screen).
 */
export function BenchGuardLine({ mode }: { mode: 'order' | 'queue' }) {
  const { t, i18n } = useTranslation();
  const summary = useGuardStore((s) => s.summary);
  const order = useBenchStore((s) => s.state.order);
  const left = useBenchStore((s) => s.state.shipments.some((x) => x.voidedAt === null));
  if (!summary) return null;
  const now = Date.now();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  if (mode === 'order') {
    if (!order || left || order.blockedReason || order.reship || !order.shipDeadline) return null;
    const standing = standingNow(order.shipDeadline, summary, now);
    if (standing !== 'ok') {
      const deadline = when(order.shipDeadline);
      const minutes = Math.max(0, Math.floor((Date.parse(order.shipDeadline) - now) / 60_000));
      const pickup = pickupLabel(summary);
      const text =
        standing === 'late'
          ? t('guard.bench.openLate', { deadline })
          : standing === 'this-pickup'
            ? t('guard.bench.openPickup', { pickup: t(pickup.key, { time: pickup.time }), deadline })
            : standing === 'misses-pickup'
              ? t('guard.bench.openMisses', { deadline, pickup: t(pickup.key, { time: pickup.time }), hours: Math.floor(minutes / 60), minutes: minutes % 60 })
              : t('guard.bench.openSoon', { deadline, hours: Math.floor(minutes / 60), minutes: minutes % 60 });
      return (
        <div className={standing === 'late' || standing === 'misses-pickup' ? 'bench-guard bench-guard-late' : 'bench-guard'} role="status" data-testid="bench-guard" data-standing={standing}>
          {text}
        </div>
      );
    }
    return null;
  }
  if (order) return null;
  const riskUntil = now + summary.riskHours * 3_600_000;
  const queue = summary.soonest.filter((o) => Date.parse(o.deadline) < riskUntil);
  const first = queue[0];
  if (!first) return null;
  // The open order, if counted, returned above: what is counted here is the queue.
  const others = Math.max(queue.length, summary.atRisk);
  return (
    <div className={summary.late > 0 ? 'bench-guard bench-guard-late' : 'bench-guard'} role="status" data-testid="bench-guard" data-standing="queue">
      {/* The earliest is already late: it is not "due soon" (临近). */}
      {Date.parse(first.deadline) < now
        ? t('guard.bench.queueLate', { late: summary.late, count: others, order: first.externalId, deadline: when(first.deadline) })
        : t('guard.bench.queue', { count: others, order: first.externalId, deadline: when(first.deadline) })}
    </div>
  );
}
