import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchRef } from '#shared/contract/common';
import { attachmentUrl, attachmentsAvailable } from '../../api/attachments';
import { Dialog } from '../../components/Dialog';
import './photos.css';

type PhotoUrl = (sha256: string, thumb: boolean) => string;

/**
 * Where the photos are, once for the whole list: the station's or the phone desk's attachment
 * route, with the read ticket every <img> needs in its address. 'none' where nothing serves them.
 */
function usePhotoUrl(): PhotoUrl | null | 'none' {
  const [url, setUrl] = useState<PhotoUrl | null | 'none'>(attachmentsAvailable() ? null : 'none');
  useEffect(() => {
    if (!attachmentsAvailable()) return;
    let live = true;
    attachmentUrl('').then(
      (probe) => {
        const at = probe.indexOf('?');
        const [prefix, query] = [probe.slice(0, at), probe.slice(at)];
        if (live) setUrl(() => (sha256: string, thumb: boolean) => `${prefix}${sha256}${query}${thumb ? '&thumb=1' : ''}`);
      },
      () => live && setUrl('none'),
    );
    return () => {
      live = false;
    };
  }, []);
  return url;
}

/**
 * "Not yet uploaded from bench X": a photo this computer does not have yet is news, not an error.
 * Taken here but not here now: the file was let go to stay in the disk budget (the hub has it).
 */
function Missing({ bench }: { bench: BenchRef | null }) {
  const { t } = useTranslation();
  return (
    <span className="photo-missing" data-testid="photo-missing">
      {bench?.thisBench ? t('photos.notHere') : bench?.name ? t('photos.notUploaded', { bench: bench.name }) : t('photos.notUploadedAnywhere')}
    </span>
  );
}

function Photo({ src, alt, bench, className, testId }: { src: string; alt: string; bench: BenchRef | null; className: string; testId: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <Missing bench={bench} />;
  return <img className={className} src={src} alt={alt} loading="lazy" onError={() => setFailed(true)} data-testid={testId} />;
}

/**
 * The photos of a damage report or a return, for every screen (bench, review, returns, phone):
 * thumbnails, a tap opens the photo full size. A photo not on this computer yet says which bench
 * it is waiting for. `bench`: where it was taken (the report's or return's bench).
 */
export function DamagePhotos({ photos, bench }: { photos: string[]; bench: BenchRef | null }) {
  const { t } = useTranslation();
  const url = usePhotoUrl();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  if (url === 'none') {
    return (
      <span className="muted small" data-testid="damage-photos" data-count={photos.length}>
        {t('photos.count', { count: photos.length })}
      </span>
    );
  }
  if (url === null) return <span className="photo-thumbs" data-testid="damage-photos" data-count={photos.length} />;
  const shown = open === null ? null : photos[open];
  return (
    <>
      <ul className="photo-thumbs" data-testid="damage-photos" data-count={photos.length}>
        {photos.map((sha, i) => (
          <li key={`${sha}-${i}`}>
            <button type="button" className="photo-thumb-button" onClick={() => setOpen(i)} aria-label={t('photos.open', { n: i + 1 })}>
              <Photo src={url(sha, true)} alt={t('photos.alt', { n: i + 1 })} bench={bench} className="photo-thumb" testId="damage-photo" />
            </button>
          </li>
        ))}
      </ul>
      {shown && open !== null && (
        <Dialog title={t('photos.viewTitle', { n: open + 1, count: photos.length })} onClose={() => setOpen(null)} testId="photo-viewer" wide>
          <div className="photo-full-box">
            <Photo key={shown} src={url(shown, false)} alt={t('photos.alt', { n: open + 1 })} bench={bench} className="photo-full" testId="photo-full" />
          </div>
          {photos.length > 1 && (
            <div className="row-gap photo-nav">
              <button type="button" className="btn" onClick={() => setOpen((open + photos.length - 1) % photos.length)} data-testid="photo-prev">
                {t('photos.previous')}
              </button>
              <button type="button" className="btn" onClick={() => setOpen((open + 1) % photos.length)} data-testid="photo-next">
                {t('photos.next')}
              </button>
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}
