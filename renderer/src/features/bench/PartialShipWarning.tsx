import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { hostText } from '../../lib/host-text';
import { useBenchStore } from './bench.store';
import { partialPendingHere, usePartialShipStore } from './partial-ship.store';

/** "The platform cannot take this partial shipment …": ship anyway (the parcel is held from the file) or go back. */
export function PartialShipWarning() {
  const { t } = useTranslation();
  const pending = usePartialShipStore((s) => s.pending);
  const orderId = useBenchStore((s) => s.state.order?.id ?? null);
  const { confirm, dismiss } = usePartialShipStore.getState();
  // Another order scanned (or this one put down) while the warning was up: it was about the one
  // before, and its 仍然部分发货 would ship the new order partly. Gone with the order it named.
  const stale = pending !== null && !partialPendingHere(pending);
  useEffect(() => {
    if (stale) dismiss();
  }, [stale, orderId, dismiss]);
  if (!pending || stale) return null;
  return (
    <Dialog
      title={t('export.partialTitle')}
      onClose={dismiss}
      testId="partial-warning"
      actions={<ConfirmButtons onCancel={dismiss} label={t('export.partialAnyway')} onConfirm={confirm} disabled={false} testId="partial-anyway" />}
    >
      <p className="dialog-notice" role="alert" data-testid="partial-warning-reason">
        {hostText(t, pending.reason)}
      </p>
      <p className="muted">{t('export.partialAdvice')}</p>
    </Dialog>
  );
}
