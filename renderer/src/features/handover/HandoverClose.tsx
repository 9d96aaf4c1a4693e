import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURIER_NAME_MAX } from '#shared/contract/handover.contract';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { PhotoCapture, usePhotoSet } from '../media/PhotoCapture';
import { putPhoto } from '../media/photo-prep';
import { SignaturePad, signaturePng } from './SignaturePad';
import { useHandoverStore } from './handover.store';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';

/**
 * 签字: the courier's name, a signature drawn on screen (a bench's touch screen, a phone) or a photo
 * from the webcam instead, and what the close will record about the parcels not handed over.
 */
export function HandoverClose() {
  const { t } = useTranslation();
  const current = useHandoverStore((s) => s.current)!;
  const busy = useHandoverStore((s) => s.busy);
  const error = useHandoverStore((s) => s.error);
  const { close, setClosing } = useHandoverStore.getState();
  const [courier, setCourier] = useState('');
  const [inked, setInked] = useState(false);
  const [camera, setCamera] = useState(false);
  const [saving, setSaving] = useState(false);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const photos = usePhotoSet();
  // The courier's signature and photos cannot be asked for again once the courier has gone: closing asks first.
  const guarded = useUnsavedEdits(courier !== '' || inked || photos.hashes.length > 0);
  // A longer paste is kept whole and told, not cut at the limit where nobody sees the end go.
  const length = courier.trim().length;
  const tooLong = length > COURIER_NAME_MAX;
  const ready = length > 0 && !tooLong && (inked || photos.hashes.length > 0) && !photos.saving && !busy && !saving;
  const submit = async () => {
    if (!ready) return;
    setSaving(true);
    try {
      const signatureHash = inked && canvas.current ? await putPhoto(await signaturePng(canvas.current)) : null;
      await close({ courierName: courier.trim(), signatureHash, photoHashes: photos.hashes });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      title={t('handover.closeTitle')}
      onClose={guarded(() => setClosing(false))}
      testId="handover-close-dialog"
      wide
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="btn" onClick={guarded(() => setClosing(false))}>
            {t('handover.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!ready} data-testid="handover-confirm">
            {saving ? t('handover.saving') : t('handover.confirmClose', { count: current.counts.accepted })}
          </button>
        </>
      }
    >
      {/* A handover opened by mistake closes as a 0-parcel 交接单 in the history: said before it is signed. */}
      {current.counts.accepted === 0 && (
        <p className="handover-warn" data-testid="handover-empty-warn">
          {t('handover.emptyWarn')}
        </p>
      )}
      {current.missing.length > 0 && (
        <p className="handover-warn" data-testid="handover-missing-warn">
          {t('handover.missingWarn', { count: current.missing.length })}
        </p>
      )}
      {current.intercepted.length > 0 && <p className="handover-alarm-note">{t('handover.interceptedWarn', { count: current.intercepted.length })}</p>}
      <label className="handover-field">
        <span>{t('handover.courier')}</span>
        <input
          className="input" value={courier} onChange={(e) => setCourier(e.target.value)} data-scan-target="field" data-testid="handover-courier"
          aria-invalid={tooLong}
        />
        {tooLong && (
          <span className="error-text small" role="alert" data-testid="handover-courier-long">
            {t('handover.courierLong', { max: COURIER_NAME_MAX, length })}
          </span>
        )}
      </label>
      <SignaturePad canvasRef={canvas} onInk={setInked} />
      {camera ? (
        <PhotoCapture set={photos} testId="handover-photo" />
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setCamera(true)} data-testid="handover-photo-open">
          {t('handover.photoInstead')}
        </button>
      )}
      <ErrorText error={error} />
    </Dialog>
  );
}
