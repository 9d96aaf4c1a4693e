import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, attachmentsAvailable } from '../../api/attachments';

const SHA256 = /^[0-9a-f]{64}$/;

/** Where a line's picture is: an https address as is, a stored file under /attachments/ with the read ticket. */
function useImageSrc(image: string | null): string | null {
  const stored = image !== null && SHA256.test(image);
  const [src, setSrc] = useState<string | null>(stored ? null : image);
  useEffect(() => {
    if (!image || !stored) return setSrc(image);
    if (!attachmentsAvailable()) return setSrc(null);
    let live = true;
    attachmentUrl(image).then((url) => live && setSrc(url), () => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [image, stored]);
  return src;
}

/** The SKU's picture on a bench line: what the item looks like, to find it on the shelf at a glance. */
export const SkuThumb = memo(function SkuThumb({ image, skuCode }: { image: string | null; skuCode: string | null }) {
  const { t } = useTranslation();
  const src = useImageSrc(image);
  if (!src) return null;
  return <img className="sku-thumb" src={src} alt={t('catalog.image.alt', { sku: skuCode ?? '' })} referrerPolicy="no-referrer" loading="lazy" data-testid={`sku-thumb-${skuCode ?? ''}`} />;
});
