import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchRef } from '#shared/contract/common';
import { attachmentUrl, attachmentsAvailable } from '../../api/attachments';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import './photos.css';

/** A photo's address for an <img>: the station's route with its ticket, or the bytes over the RPC as a data: URL. */
type PhotoSource = (sha256: string, thumb: boolean) => Promise<string>;

/** The bytes over the RPC, where no route serves files (the desktop window): a data: URL, or a refusal saying it is not here. */
const overRpc: PhotoSource = async (sha256, thumb) => {
  const got = await getApi().call('photos.get', { sha256, thumb });
  if (got.photo === null) throw new Error(got.missing ?? 'notUploaded');
  return `data:${got.photo.mime};base64,${got.photo.base64}`;
};

/**
 * Where the photos are, once for the whole list: the station's or the phone desk's attachment
 * route, with the read ticket every <img> needs in its address; else the RPC.
 */
function usePhotoSource(): PhotoSource | null {
  const [source, setSource] = useState<PhotoSource | null>(attachmentsAvailable() ? null : () => overRpc);
  useEffect(() => {
    if (!attachmentsAvailable()) return;
    let live = true;
    attachmentUrl('').then(
      (probe) => {
        const at = probe.indexOf('?');
        const [prefix, query] = [probe.slice(0, at), probe.slice(at)];
        if (live) setSource(() => (sha256: string, thumb: boolean) => Promise.resolve(`${prefix}${sha256}${query}${thumb ? '&thumb=1' : ''}`));
      },
      () => live && setSource(() => overRpc),
    );
    return () => {
      live = false;
    };
  }, []);
  return source;
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

function Photo(props: { source: PhotoSource; sha256: string; thumb: boolean; alt: string; bench: BenchRef | null; className: string; testId: string }) {
  const { source, sha256, thumb } = props;
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    source(sha256, thumb).then(
      (address) => live && setSrc(address),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [source, sha256, thumb]);
  if (failed) return <Missing bench={props.bench} />;
  if (src === null) return <span className={props.className} />;
  return <img className={props.className} src={src} alt={props.alt} loading="lazy" onError={() => setFailed(true)} data-testid={props.testId} />;
}

/**
 * The photos of a damage report or a return, for every screen (bench, review, returns, phone):
 * thumbnails, a tap opens the photo full size. A photo not on this computer yet says which bench
 * it is waiting for. `bench`: where it was taken (the report's or return's bench).
 */
export function DamagePhotos({ photos, bench }: { photos: string[]; bench: BenchRef | null }) {
  const { t } = useTranslation();
  const url = usePhotoSource();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  if (url === null) return <span className="photo-thumbs" data-testid="damage-photos" data-count={photos.length} />;
  const shown = open === null ? null : photos[open];
  return (
    <>
      <ul className="photo-thumbs" data-testid="damage-photos" data-count={photos.length}>
        {photos.map((sha, i) => (
          <li key={`${sha}-${i}`}>
            <button type="button" className="photo-thumb-button" onClick={() => setOpen(i)} aria-label={t('photos.open', { n: i + 1 })}>
              <Photo source={url} sha256={sha} thumb alt={t('photos.alt', { n: i + 1 })} bench={bench} className="photo-thumb" testId="damage-photo" />
            </button>
          </li>
        ))}
      </ul>
      {shown && open !== null && (
        <Dialog
          title={t('photos.viewTitle', { n: open + 1, count: photos.length })}
          onClose={() => setOpen(null)}
          testId="photo-viewer"
          wide
          actions={
            <button type="button" className="btn" onClick={() => setOpen(null)} data-testid="photo-viewer-close">
              {t('common.close')}
            </button>
          }
        >
          <div className="photo-full-box">
            <Photo key={shown} source={url} sha256={shown} thumb={false} alt={t('photos.alt', { n: open + 1 })} bench={bench} className="photo-full" testId="photo-full" />
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
