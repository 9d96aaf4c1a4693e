import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useTrackingStore } from './tracking.store';
import { TrackingTimeline } from './TrackingTimeline';

/** The tracking of a parcel or of an order's parcels, over whatever screen opened it. */
export function TrackingDialog() {
  const { t } = useTranslation();
  const s = useTrackingStore();
  if (s.showing === null) return null;
  return (
    <Dialog
      title={t('tracking.timeline.title')}
      onClose={s.close}
      wide
      testId="tracking-dialog"
      actions={
        <button type="button" className="btn" onClick={s.close}>
          {t('common.close')}
        </button>
      }
    >
      <ErrorText error={s.error} />
      {s.loading && <p className="muted">{t('common.working')}</p>}
      {!s.loading && !s.error && s.parcels.length === 0 && <p className="muted">{t('tracking.timeline.noParcels')}</p>}
      {s.parcels.map((p) => (
        <TrackingTimeline key={`${p.carrierCode}:${p.trackingNo}`} parcel={p} />
      ))}
    </Dialog>
  );
}
