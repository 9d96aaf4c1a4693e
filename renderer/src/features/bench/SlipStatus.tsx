import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { hostText } from '../../lib/host-text';
import { useSlipStatusStore } from './slip-status.store';

/**
 * A packing slip the slip printer did not print. It never blocks packing (the slip is not the
 * label), but a packer who expects one in the box must know which order's is missing and why, and
 * print it again once the printer is back; that slip, or the next one that prints, clears it.
 */
export const SlipStatus = memo(function SlipStatus() {
  const { t } = useTranslation();
  const failed = useSlipStatusStore((s) => s.failed);
  const reprinting = useSlipStatusStore((s) => s.reprinting);
  if (!failed) return null;
  return (
    <p className="bench-slip-failed" role="alert" data-testid="slip-failed">
      <span>{t('bench.slipFailed', { order: failed.orderExternalId, reason: failed.reason ? hostText(t, failed.reason) : t('bench.slipFailedNoReason') })}</span>{' '}
      <button type="button" className="btn btn-small" disabled={reprinting} onClick={() => void useSlipStatusStore.getState().reprint()} data-testid="slip-reprint">
        {reprinting ? t('common.working') : t('bench.slipReprint')}
      </button>
    </p>
  );
});
