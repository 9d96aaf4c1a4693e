import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { ReasonChips } from '../../components/ReasonChips';
import { useShipmentsStore } from './shipments.store';

/** Voiding retires the waybill number for good: a reason is required, and a supervisor PIN for packers. */
export function VoidDialog() {
  const { t } = useTranslation();
  const voiding = useShipmentsStore((s) => s.voiding);
  const busy = useShipmentsStore((s) => s.busyId !== null);
  const { confirmVoid, closeVoid } = useShipmentsStore.getState();
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  if (!voiding) return null;
  const pinOk = !voiding.needPin || /^\d{4,8}$/.test(pin);
  const valid = reason.trim().length >= 2 && pinOk;
  const reasons = [t('shipments.voidReasonMisprint'), t('shipments.voidReasonCarrier'), t('shipments.voidReasonAddress'), t('shipments.voidReasonCancelled')];
  return (
    <Dialog
      title={t('shipments.voidTitle', { tracking: voiding.shipment.trackingNo })}
      onClose={closeVoid}
      testId="void-dialog"
      onSubmit={() => {
        if (valid && !busy) void confirmVoid(reason.trim(), pin);
      }}
      actions={
        <>
          <button type="button" className="btn" onClick={closeVoid}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={!valid || busy} data-testid="void-confirm">
            {t('shipments.void')}
          </button>
        </>
      }
    >
      <p className="dialog-lead">{t('shipments.voidLead')}</p>
      <div className="form-grid">
        <label htmlFor="void-reason">
          {t('shipments.voidReason')}
          <b className="required"> *</b>
        </label>
        <div>
          <input id="void-reason" className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
          <ReasonChips options={reasons} value={reason} onPick={setReason} />
        </div>
        {voiding.needPin && (
          <>
            <label htmlFor="void-pin">{t('supervisor.pin')}</label>
            <input
              id="void-pin"
              className="input input-num"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              maxLength={8}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              data-testid="void-pin"
            />
          </>
        )}
      </div>
      <ErrorText error={voiding.error} />
    </Dialog>
  );
}
