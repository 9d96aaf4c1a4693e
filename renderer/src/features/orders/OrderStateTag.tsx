import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '#shared/contract/orders.contract';

type Shown = Pick<OrderSummary, 'blockedReason' | 'deliveredAt' | 'packState'> & { returned?: boolean; handoverMissing?: boolean };

/**
 * Where an order stands for the shop: blocked, delivered, coming back (退回), shipped or waiting
 * (the list and the detail say it alike). A shipped order a courier handover left a parcel of behind
 * (交接少件) has a second tag: printed is not gone, and a supervisor looks for it.
 */
export function OrderStateTag({ order: o }: { order: Shown }) {
  const { t } = useTranslation();
  const returned = o.packState === 'shipped' && !o.deliveredAt && o.returned === true;
  const tone = o.blockedReason || returned ? 'blocked' : o.deliveredAt ? 'shipped' : o.packState;
  const text = o.blockedReason ? t('orders.blocked') : returned ? t('orders.returned') : t(`orders.packState.${o.deliveredAt ? 'delivered' : o.packState}`);
  const leftBehind = o.packState === 'shipped' && o.handoverMissing === true;
  return (
    <>
      <span className={`tag tag-${tone}`} data-testid="order-state">
        {text}
      </span>
      {leftBehind && (
        <>
          {' '}
          <span className="tag tag-blocked" data-testid="order-handover-missing">
            {t('orders.handoverMissing')}
          </span>
        </>
      )}
    </>
  );
}
