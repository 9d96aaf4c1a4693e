import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '#shared/contract/orders.contract';
import { HOLD_KEY } from '#shared/domain/void-hold';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { DigitsInput } from '../../components/DigitsInput';
import { ErrorText } from '../../components/ErrorText';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { ReasonField } from '../../components/ReasonField';
import { needsSupervisorPin } from '../session/session.store';

/**
 * 恢复发货 on an order held by a parcel voided as 订单取消/退款: a supervisor's say with a reason
 * (audited, and synced so every bench lets it ship again). Shown only on a held order.
 */
export function ReleaseHoldForm({ order, onReleased }: { order: Order; onReleased: (order: Order) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  if (order.packState !== 'open' || order.blockedReason?.key !== HOLD_KEY) return null;
  if (!open) {
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="order-release-open">
        {t('orders.release.button')}
      </button>
    );
  }
  const needPin = needsSupervisorPin();
  const valid = reason.trim().length >= 2 && (!needPin || /^\d{4,8}$/.test(pin));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const released = await getApi().call('orders.releaseHold', { id: order.id, reason: reason.trim(), ...(needPin ? { authorizerPin: pin } : {}) });
      useToastStore.getState().ok('orders.release.done', { order: order.externalId });
      onReleased(released);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="order-detail-section" data-testid="order-release">
      <h3>{t('orders.release.title', { order: order.externalId })}</h3>
      <p className="muted small">{t('orders.release.lead')}</p>
      <div className="form-grid">
        <ReasonField id="order-release-reason" label={t('orders.release.reason')} value={reason} onChange={setReason} options={[]} placeholder={t('orders.release.reasonPlaceholder')} />
        {needPin && (
          <>
            <label htmlFor="order-release-pin">{t('supervisor.pin')}</label>
            <DigitsInput id="order-release-pin" type="password" autoComplete="off" value={pin} maxLength={8} onDigits={setPin} data-testid="order-release-pin" />
          </>
        )}
      </div>
      <ErrorText error={error} testId="order-release-error" />
      <div className="order-release-actions">
        <ConfirmButtons onCancel={() => setOpen(false)} label={t('orders.release.button')} disabled={!valid || busy} onConfirm={() => void submit()} testId="order-release-confirm" />
      </div>
    </section>
  );
}
