import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { DigitsInput } from '../../components/DigitsInput';
import { ErrorText } from '../../components/ErrorText';
import { ReasonField } from '../../components/ReasonField';
import { isCancelVoidReason } from '#shared/domain/void-hold';
import { formatDateTime } from '../../lib/format';
import { useShipmentsStore } from './shipments.store';

/** Voiding retires the waybill number for good: a reason is required, and a supervisor PIN for packers. */
export function VoidDialog() {
  const { t, i18n } = useTranslation();
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
      actions={<ConfirmButtons onCancel={closeVoid} label={t('shipments.void')} disabled={!valid || busy} testId="void-confirm" danger />}
    >
      {/* The lead follows the reason: a cancelled or refunded order is held, not shipped again with a new number. */}
      <p className="dialog-lead" data-testid="void-lead">{t(isCancelVoidReason(reason) ? 'shipments.voidLeadHeld' : 'shipments.voidLead')}</p>
      {/* Voiding does not bring back a parcel the courier already has: say so before the number is retired. */}
      {voiding.shipment.handedOverAt && (
        <p className="warn-text" role="alert" data-testid="void-handed-over">
          {t('shipments.voidHandedOver', { at: formatDateTime(voiding.shipment.handedOverAt, i18n.language) })}
        </p>
      )}
      {/* The platform took this number with the file: a reshipped order is changed there (修改物流单号), not uploaded again. */}
      {voiding.shipment.exportedAt && (
        <p className="warn-text" role="alert" data-testid="void-exported">
          {t('shipments.voidExported', { at: formatDateTime(voiding.shipment.exportedAt, i18n.language) })}
        </p>
      )}
      <div className="form-grid">
        <ReasonField id="void-reason" label={t('shipments.voidReason')} value={reason} onChange={setReason} options={reasons} />
        {voiding.needPin && (
          <>
            <label htmlFor="void-pin">{t('supervisor.pin')}</label>
            <DigitsInput id="void-pin" type="password" autoComplete="off" value={pin} maxLength={8} onDigits={setPin} data-testid="void-pin" />
          </>
        )}
      </div>
      <ErrorText error={voiding.error} />
    </Dialog>
  );
}
