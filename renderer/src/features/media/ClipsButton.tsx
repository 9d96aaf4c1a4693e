import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackClip } from '#shared/contract/media.contract';
import { attachmentUrl, attachmentsAvailable } from '../../api/attachments';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ClipPlayer } from './ClipPlayer';

type Loaded = { clip: PackClip; src: string };

/** The pack videos of one order, each playable (the host serves byte ranges, so seeking works). */
function ClipsDialog({ orderId, externalId, onClose }: { orderId: string; externalId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [clips, setClips] = useState<Loaded[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getApi()
      .call('clips.forOrder', { orderId })
      .then(async ({ clips: found }) => Promise.all(found.map(async (clip) => ({ clip, src: await attachmentUrl(clip.sha256) }))))
      .then((loaded) => live && setClips(loaded))
      .catch((error: unknown) => live && setFailed(String(error)));
    return () => {
      live = false;
    };
  }, [orderId]);
  return (
    <Dialog
      title={t('media.clipsTitle', { order: externalId })}
      onClose={onClose}
      testId="clips-dialog"
      wide
      actions={
        <button type="button" className="btn" onClick={onClose} data-testid="clips-close">
          {t('common.close')}
        </button>
      }
    >
      {failed && <p className="error-text">{failed}</p>}
      {!clips && !failed && <p className="muted">{t('media.loading')}</p>}
      {clips?.length === 0 && <p className="muted" data-testid="clips-empty">{t('media.noClips')}</p>}
      {clips?.map(({ clip, src }) => <ClipPlayer key={clip.id} clip={clip} src={src} />)}
    </Dialog>
  );
}

/** "录像": opens the order's pack videos; shown only where the host serves them. */
export function ClipsButton({ orderId, externalId }: { orderId: string; externalId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!attachmentsAvailable()) return null;
  return (
    <>
      <button type="button" className="btn btn-small" data-testid={`clips-${externalId}`} onClick={() => setOpen(true)}>
        {t('media.play')}
      </button>
      {open && <ClipsDialog orderId={orderId} externalId={externalId} onClose={() => setOpen(false)} />}
    </>
  );
}
