import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { useOrdersStore } from './orders.store';

/** Numbers named in the question; the rest are counted. */
const SHOWN = 5;

/**
 * 打单 over orders whose fetched e-waybills were printed before: a second label with the same number
 * is never made by accident, so the packer is asked first, with the numbers, and a yes is audited
 * as a reprint. The orders not printed yet went to the label queue without a question.
 */
export function WaybillReprintDialog() {
  const { t } = useTranslation();
  const ask = useOrdersStore((s) => s.reprintAsk);
  const printing = useOrdersStore((s) => s.printing);
  if (!ask) return null;
  const { confirmReprint, cancelReprint } = useOrdersStore.getState();
  const orders = new Set(ask.map((p) => p.orderId)).size;
  return (
    <Dialog
      title={t('orders.reprintTitle')}
      onClose={cancelReprint}
      testId="waybill-reprint-dialog"
      actions={
        <ConfirmButtons
          onCancel={cancelReprint}
          label={t('orders.reprintConfirm', { count: ask.length })}
          disabled={printing}
          onConfirm={() => void confirmReprint()}
          testId="waybill-reprint-confirm"
        />
      }
    >
      <p data-testid="waybill-reprint-ask">{t('orders.reprintAsk', { count: orders })}</p>
      <ul className="orders-reprint-numbers" data-testid="waybill-reprint-numbers">
        {ask.slice(0, SHOWN).map((p) => (
          <li key={p.trackingNo}>
            <span className="mono">{p.trackingNo}</span> <span className="muted small">{t('orders.reprintOrder', { order: p.orderExternalId })}</span>
          </li>
        ))}
      </ul>
      {ask.length > SHOWN && <p className="muted small">{t('orders.reprintMore', { count: ask.length - SHOWN })}</p>}
      <p className="muted small">{t('orders.reprintHint')}</p>
    </Dialog>
  );
}
