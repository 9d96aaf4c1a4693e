import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { hostText } from '../../lib/host-text';
import { useSlipStatusStore } from './slip-status.store';

/**
 * A packing slip the slip printer did not print. It never blocks packing (the slip is not the
 * label), but a packer who expects one in the box must know why it is missing; the next slip that
 * prints clears it.
 */
export const SlipStatus = memo(function SlipStatus() {
  const { t } = useTranslation();
  const failed = useSlipStatusStore((s) => s.failed);
  if (!failed) return null;
  return (
    <p className="bench-slip-failed" role="alert" data-testid="slip-failed">
      {t('bench.slipFailed', { reason: failed.reason ? hostText(t, failed.reason) : t('bench.slipFailedNoReason') })}
    </p>
  );
});
