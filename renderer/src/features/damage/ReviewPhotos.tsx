import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchRef } from '#shared/contract/common';
import { attachmentUrl, attachmentsAvailable } from '../../api/attachments';

/**
 * The report's photos, large. A stand-in with the props of the photo component the capture work
 * brings (features/media/DamagePhotos: `photos`, `bench`), to be swapped for it: a photo this
 * bench does not have yet says where it is coming from, never shows an error.
 */
export function ReviewPhotos({ photos, bench }: { photos: string[]; bench: BenchRef | null }) {
  const { t } = useTranslation();
  if (photos.length === 0) return <p className="muted damage-photos-none">{t('damageReview.noPhotos')}</p>;
  return (
    <div className="damage-photos" data-testid="damage-photos">
      {photos.map((sha, i) => (
        <Photo key={sha} sha={sha} n={i + 1} count={photos.length} bench={bench} />
      ))}
    </div>
  );
}

function Photo({ sha, n, count, bench }: { sha: string; n: number; count: number; bench: BenchRef | null }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!attachmentsAvailable()) return setMissing(true);
    let live = true;
    attachmentUrl(sha).then((url) => live && setSrc(url), () => live && setMissing(true));
    return () => {
      live = false;
    };
  }, [sha]);
  const alt = t('damageReview.photoAlt', { n, count });
  if (missing) {
    return (
      <div className="damage-photo damage-photo-missing" data-testid="damage-photo-missing">
        {t('damageReview.photoNotHere', { bench: bench?.thisBench ? t('damageReview.thisBench') : (bench?.name ?? '—') })}
      </div>
    );
  }
  return (
    <a className="damage-photo" href={src ?? undefined} target="_blank" rel="noreferrer" aria-label={alt}>
      {src && <img src={src} alt={alt} onError={() => setMissing(true)} data-testid="damage-photo" />}
    </a>
  );
}
