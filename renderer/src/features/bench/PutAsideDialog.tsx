import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { Dialog } from '../../components/Dialog';
import { useBenchStore } from './bench.store';

/** Which order the packer asked to put aside, while the question is up. */
export const usePutAsideStore = create<{ orderId: string | null }>()(() => ({ orderId: null }));

/**
 * The bench's 放下订单 button. An order with items already checked is asked about first: the checks
 * stay with it (scanning it again goes on from there), which a packer who meant "start again" or
 * "cancel the order" would not guess. An order with nothing checked is put down at once.
 */
export function putAside(): void {
  const { state, cancelOrder } = useBenchStore.getState();
  const checked = state.lines.some((l) => l.verified > 0);
  const shipped = state.shipments.some((s) => s.voidedAt === null);
  if (state.order && checked && !shipped && state.order.blockedReason === null) usePutAsideStore.setState({ orderId: state.order.id });
  else void cancelOrder();
}

export function PutAsideDialog() {
  const { t } = useTranslation();
  const asked = usePutAsideStore((s) => s.orderId);
  const order = useBenchStore((s) => s.state.order);
  const lines = useBenchStore((s) => s.state.lines);
  const shipped = useBenchStore((s) => s.state.shipments.some((x) => x.voidedAt === null));
  // Another order opened, or this one shipped (the scans go on under the question), meanwhile: the question is moot, and goes.
  const moot = asked !== null && (order?.id !== asked || shipped);
  useEffect(() => {
    if (moot) usePutAsideStore.setState({ orderId: null });
  }, [moot]);
  if (asked === null || moot || !order) return null;
  const close = () => usePutAsideStore.setState({ orderId: null });
  const confirm = () => {
    close();
    void useBenchStore.getState().cancelOrder();
  };
  const verified = lines.reduce((n, l) => n + Math.min(l.verified, l.qty), 0);
  const units = lines.reduce((n, l) => n + l.qty, 0);
  return (
    <Dialog
      title={t('bench.putAsideTitle', { order: order.externalId })}
      onClose={close}
      testId="put-aside-dialog"
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={close} data-testid="put-aside-keep">
            {t('bench.putAsideKeep')}
          </button>
          <button type="button" className="btn" onClick={confirm} data-testid="put-aside-confirm">
            {t('bench.cancel')}
          </button>
        </>
      }
    >
      <p className="dialog-lead" data-testid="put-aside-text">
        {t('bench.putAsideText', { verified, units })}
      </p>
    </Dialog>
  );
}
