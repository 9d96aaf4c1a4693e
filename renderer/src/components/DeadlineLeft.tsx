import { useTranslation } from 'react-i18next';
import { hoursLeft } from '../lib/format';

/** "剩 5 小时" / "已超时 3 小时"; past two days it counts days, within the last hour minutes ("剩 0 小时" read as already due). */
export function DeadlineLeft(props: { deadline: string | null; now?: number; className?: string; block?: boolean }) {
  const { deadline, now, className, block } = props;
  const { t } = useTranslation();
  const left = hoursLeft(deadline, now);
  if (left === null) return null;
  const hours = Math.abs(left);
  const minutes = Math.max(1, Math.floor(hours * 60));
  const text =
    left < 0
      ? hours >= 48
        ? t('orders.lateByDays', { days: Math.floor(hours / 24) })
        : hours < 1 ? t('orders.lateByMinutes', { minutes }) : t('orders.lateBy', { hours: Math.floor(hours) })
      : hours >= 48
        ? t('orders.daysLeft', { days: Math.floor(hours / 24) })
        : hours < 1 ? t('orders.minutesLeft', { minutes }) : t('orders.hoursLeft', { hours: Math.floor(hours) });
  return block ? <div className={className}>{text}</div> : <span className={className}>{text}</span>;
}
