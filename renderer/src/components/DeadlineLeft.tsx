import { useTranslation } from 'react-i18next';
import { hoursLeft } from '../lib/format';

/** "剩 5 小时" / "已超时 3 小时"; past two days it counts days. */
export function DeadlineLeft(props: { deadline: string | null; now?: number; className?: string; block?: boolean }) {
  const { deadline, now, className, block } = props;
  const { t } = useTranslation();
  const left = hoursLeft(deadline, now);
  if (left === null) return null;
  const hours = Math.abs(left);
  const text =
    left < 0
      ? hours >= 48
        ? t('orders.lateByDays', { days: Math.floor(hours / 24) })
        : t('orders.lateBy', { hours: Math.max(1, Math.ceil(hours)) })
      : hours >= 48
        ? t('orders.daysLeft', { days: Math.floor(hours / 24) })
        : t('orders.hoursLeft', { hours: Math.floor(hours) });
  return block ? <div className={className}>{text}</div> : <span className={className}>{text}</span>;
}
