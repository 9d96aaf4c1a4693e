import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxSettings } from '#shared/contract/inbox.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { parseWhole } from '../../lib/format';

/** The shop's thresholds (every bench lists the same rows): hours before a deadline, numbers left per carrier, and tracking's hours. */
export function InboxSettingsDialog({ settings, onSave, onClose }: { settings: InboxSettings; onSave: (s: InboxSettings) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(String(settings.deadlineRiskHours));
  const [pool, setPool] = useState(String(settings.poolLowFree));
  // Tracking (issue 10): hours without a pickup scan after the handover, and without any event.
  const [noPickup, setNoPickup] = useState(String(settings.noPickupHours));
  const [stalled, setStalled] = useState(String(settings.stalledHours));
  const [busy, setBusy] = useState(false);
  const h = parseWhole(hours);
  const p = parseWhole(pool);
  const hoursOk = h !== null && h >= 1 && h <= 168;
  const poolOk = p !== null && p <= 1_000_000;
  const np = parseWhole(noPickup);
  const st = parseWhole(stalled);
  const noPickupOk = np !== null && np >= 1 && np <= 168;
  const stalledOk = st !== null && st >= 1 && st <= 720;
  const allOk = hoursOk && poolOk && noPickupOk && stalledOk;
  const submit = async () => {
    if (h === null || p === null || np === null || st === null || !allOk || busy) return;
    setBusy(true);
    if (await onSave({ ...settings, deadlineRiskHours: h, poolLowFree: p, noPickupHours: np, stalledHours: st })) onClose();
    setBusy(false);
  };
  return (
    <Dialog
      title={t('inbox.settings.title')}
      onClose={onClose}
      testId="inbox-settings-dialog"
      onSubmit={() => void submit()}
      actions={<ConfirmButtons onCancel={onClose} label={busy ? t('common.working') : t('common.save')} disabled={!allOk || busy} testId="inbox-settings-save" />}
    >
      <p className="dialog-lead">{t('inbox.settings.lead')}</p>
      <div className="form-grid">
        <label htmlFor="inbox-deadline-hours">{t('inbox.settings.deadlineHours')}</label>
        <div>
          <input id="inbox-deadline-hours" className="input input-short" inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} data-testid="inbox-deadline-hours" />
          {!hoursOk && <div className="field-error">{t('inbox.settings.hoursRange')}</div>}
        </div>
        <label htmlFor="inbox-pool-low">{t('inbox.settings.poolLow')}</label>
        <div>
          <input id="inbox-pool-low" className="input input-short" inputMode="numeric" value={pool} onChange={(e) => setPool(e.target.value)} data-testid="inbox-pool-low" />
          {!poolOk && <div className="field-error">{t('inbox.settings.poolRange')}</div>}
        </div>
        <label htmlFor="inbox-no-pickup-hours">{t('inbox.settings.noPickupHours')}</label>
        <div>
          <input id="inbox-no-pickup-hours" className="input input-short" inputMode="numeric" value={noPickup} onChange={(e) => setNoPickup(e.target.value)} data-testid="inbox-no-pickup-hours" />
          {!noPickupOk && <div className="field-error">{t('inbox.settings.hoursRange')}</div>}
        </div>
        <label htmlFor="inbox-stalled-hours">{t('inbox.settings.stalledHours')}</label>
        <div>
          <input id="inbox-stalled-hours" className="input input-short" inputMode="numeric" value={stalled} onChange={(e) => setStalled(e.target.value)} data-testid="inbox-stalled-hours" />
          {!stalledOk && <div className="field-error">{t('inbox.settings.stalledRange')}</div>}
        </div>
      </div>
    </Dialog>
  );
}
