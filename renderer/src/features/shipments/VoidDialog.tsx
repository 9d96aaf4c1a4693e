import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { DigitsInput } from '../../components/DigitsInput';
import { ErrorText } from '../../components/ErrorText';
import { ReasonField } from '../../components/ReasonField';
import { voidHolds } from '#shared/domain/void-hold';
import type { VoidReasonCode } from '#shared/ops/shipment-voided.op';
import { formatDateTime } from '../../lib/format';
import { useShipmentsStore } from './shipments.store';

/** The dialog's chips and the code each gives the void (words typed without one are `other`). */
const CHIPS = [
  ['misprint', 'shipments.voidReasonMisprint'],
  ['carrier', 'shipments.voidReasonCarrier'],
  ['address', 'shipments.voidReasonAddress'],
  ['cancelled', 'shipments.voidReasonCancelled'],
] as const satisfies readonly (readonly [VoidReasonCode, string])[];

/** Voiding retires the waybill number for good: a reason is required, and a supervisor PIN for packers. */
export function VoidDialog() {
  const { t, i18n } = useTranslation();
  const voiding = useShipmentsStore((s) => s.voiding);
  const busy = useShipmentsStore((s) => s.busyId !== null);
  const { confirmVoid, closeVoid } = useShipmentsStore.getState();
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState<VoidReasonCode | null>(null);
  const [pin, setPin] = useState('');
  if (!voiding) return null;
  const pinOk = !voiding.needPin || /^\d{4,8}$/.test(pin);
  const valid = reason.trim().length >= 2 && pinOk;
  const chips = CHIPS.map(([code, key]) => ({ code, text: t(key) }));
  const chip = chips.find((c) => c.code === picked) ?? null;
  // The code is the chip tapped, kept while the words still begin with it (the supervisor may add
  // their own after it: 订单取消/退款：买家拍错). Words typed without tapping a chip are `other`, even
  // a chip's own words: holding an order is a choice, and the lead below says before confirming
  // whether the order is held; reading typed words would tie the hold to one language's text again.
  const code: VoidReasonCode = chip && reason.trimStart().startsWith(chip.text) ? chip.code : 'other';
  const onReason = (text: string) => {
    setReason(text);
    if (chip && !text.trimStart().startsWith(chip.text)) setPicked(null);
  };
  return (
    <Dialog
      title={t('shipments.voidTitle', { tracking: voiding.shipment.trackingNo })}
      onClose={closeVoid}
      testId="void-dialog"
      onSubmit={() => {
        if (valid && !busy) void confirmVoid(reason.trim(), code, pin);
      }}
      actions={<ConfirmButtons onCancel={closeVoid} label={t('shipments.void')} disabled={!valid || busy} testId="void-confirm" danger />}
    >
      {/* The lead follows the chip chosen: a cancelled or refunded order is held, not shipped again with a new number. */}
      <p className="dialog-lead" data-testid="void-lead">{t(voidHolds(code) ? 'shipments.voidLeadHeld' : 'shipments.voidLead')}</p>
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
        <ReasonField
          id="void-reason"
          label={t('shipments.voidReason')}
          value={reason}
          onChange={onReason}
          options={chips.map((c) => c.text)}
          onPick={(text) => setPicked(chips.find((c) => c.text === text)?.code ?? null)}
          picked={code === 'other' ? null : (chip?.text ?? null)}
        />
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
