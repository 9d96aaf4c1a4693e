import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxSettings } from '#shared/contract/inbox.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { parseWhole } from '../../lib/format';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A whole number in range, or null. */
const within = (text: string, min: number, max: number) => {
  const n = parseWhole(text);
  return n !== null && n >= min && n <= max ? n : null;
};

/**
 * The shop's thresholds (every bench lists the same rows): hours before a deadline, numbers left
 * per carrier, the courier's pickup time (the late-shipping guard's "before pickup" list), and the
 * tracking watch's hours (no pickup scan after handover; no tracking event).
 */
export function InboxSettingsDialog({ settings, onSave, onClose }: { settings: InboxSettings; onSave: (s: InboxSettings) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(String(settings.deadlineRiskHours));
  const [pool, setPool] = useState(String(settings.poolLowFree));
  const [pickup, setPickup] = useState(settings.pickupTime);
  const [noPickup, setNoPickup] = useState(String(settings.noPickupHours));
  const [stalled, setStalled] = useState(String(settings.stalledHours));
  const [busy, setBusy] = useState(false);
  // A 4-digit entry (1600) is read as 16:00: a scanner-keyboard habit.
  const pickupText = /^\d{4}$/.test(pickup.trim()) ? `${pickup.trim().slice(0, 2)}:${pickup.trim().slice(2)}` : pickup.trim();
  const next = {
    deadlineRiskHours: within(hours, 1, 168),
    poolLowFree: within(pool, 0, 1_000_000),
    pickupTime: CLOCK.test(pickupText) ? pickupText : null,
    noPickupHours: within(noPickup, 1, 168),
    stalledHours: within(stalled, 1, 720),
  };
  const ok = Object.values(next).every((v) => v !== null);
  const submit = async () => {
    if (!ok || busy) return;
    setBusy(true);
    if (await onSave({ ...settings, ...(next as InboxSettings) })) onClose();
    setBusy(false);
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void, valid: boolean, error: string, inputMode: 'numeric' | 'text' = 'numeric') => (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <input id={id} className="input input-short" inputMode={inputMode} value={value} onChange={(e) => set(e.target.value)} aria-invalid={!valid} data-testid={id} />
        {!valid && (
          <div className="field-error" data-testid={`${id}-error`}>
            {error}
          </div>
        )}
      </div>
    </>
  );
  return (
    <Dialog
      title={t('inbox.settings.title')}
      onClose={onClose}
      testId="inbox-settings-dialog"
      onSubmit={() => void submit()}
      actions={<ConfirmButtons onCancel={onClose} label={busy ? t('common.working') : t('common.save')} disabled={!ok || busy} testId="inbox-settings-save" />}
    >
      <p className="dialog-lead">{t('inbox.settings.lead')}</p>
      <div className="form-grid">
        {field('inbox-deadline-hours', t('inbox.settings.deadlineHours'), hours, setHours, next.deadlineRiskHours !== null, t('inbox.settings.hoursRange'))}
        {field('inbox-pool-low', t('inbox.settings.poolLow'), pool, setPool, next.poolLowFree !== null, t('inbox.settings.poolRange'))}
        {field('inbox-pickup-time', t('inbox.settings.pickupTime'), pickup, setPickup, next.pickupTime !== null, t('inbox.settings.pickupFormat'), 'text')}
        {field('inbox-no-pickup-hours', t('inbox.settings.noPickupHours'), noPickup, setNoPickup, next.noPickupHours !== null, t('inbox.settings.hoursRange'))}
        {field('inbox-stalled-hours', t('inbox.settings.stalledHours'), stalled, setStalled, next.stalledHours !== null, t('inbox.settings.stalledRange'))}
      </div>
    </Dialog>
  );
}
