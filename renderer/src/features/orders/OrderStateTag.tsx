import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '#shared/contract/orders.contract';

/** Where an order stands for the shop: blocked, delivered, shipped or waiting (the list and the detail say it alike). */
export function OrderStateTag({ order: o }: { order: Pick<OrderSummary, 'blockedReason' | 'deliveredAt' | 'packState'> }) {
  const { t } = useTranslation();
  return (
    <span className={`tag tag-${o.blockedReason ? 'blocked' : o.deliveredAt ? 'shipped' : o.packState}`} data-testid="order-state">
      {o.blockedReason ? t('orders.blocked') : t(`orders.packState.${o.deliveredAt ? 'delivered' : o.packState}`)}
    </span>
  );
}
