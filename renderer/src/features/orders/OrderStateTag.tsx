import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '#shared/contract/orders.contract';

type Shown = Pick<OrderSummary, 'blockedReason' | 'deliveredAt' | 'packState'> & { returned?: boolean };

/**
 * Where an order stands for the shop: blocked, delivered, coming back (退回), shipped or waiting
 * (the list and the detail say it alike).
 */
export function OrderStateTag({ order: o }: { order: Shown }) {
  const { t } = useTranslation();
  const returned = o.packState === 'shipped' && !o.deliveredAt && o.returned === true;
  const tone = o.blockedReason || returned ? 'blocked' : o.deliveredAt ? 'shipped' : o.packState;
  const text = o.blockedReason ? t('orders.blocked') : returned ? t('orders.returned') : t(`orders.packState.${o.deliveredAt ? 'delivered' : o.packState}`);
  return (
    <span className={`tag tag-${tone}`} data-testid="order-state">
      {text}
    </span>
  );
}
