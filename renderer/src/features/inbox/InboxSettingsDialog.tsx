import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxSettings } from '#shared/contract/inbox.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { parseWhole } from '../../lib/format';

/** The shop's thresholds (every bench lists the same rows): hours before a deadline, numbers left per carrier. */
export function InboxSettingsDialog({ settings, onSave, onClose }: { settings: InboxSettings; onSave: (s: InboxSettings) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(String(settings.deadlineRiskHours));
  const [pool, setPool] = useState(String(settings.poolLowFree));
  const [busy, setBusy] = useState(false);
  const h = parseWhole(hours);
  const p = parseWhole(pool);
  const hoursOk = h !== null && h >= 1 && h <= 168;
  const poolOk = p !== null && p <= 1_000_000;
  const submit = async () => {
    if (h === null || p === null || !hoursOk || !poolOk || busy) return;
    setBusy(true);
    if (await onSave({ ...settings, deadlineRiskHours: h, poolLowFree: p })) onClose();
    setBusy(false);
  };
  return (
    <Dialog
      title={t('inbox.settings.title')}
      onClose={onClose}
      testId="inbox-settings-dialog"
      onSubmit={() => void submit()}
      actions={<ConfirmButtons onCancel={onClose} label={busy ? t('common.working') : t('common.save')} disabled={!hoursOk || !poolOk || busy} testId="inbox-settings-save" />}
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
      </div>
    </Dialog>
  );
}
