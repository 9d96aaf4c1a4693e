import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { msg } from '#shared/i18n/message';
import { getApi } from '../../api/client';
import { toUiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { readFileAsBase64 } from '../../lib/files';

const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
type ImageType = (typeof TYPES)[number];
const MAX_BYTES = 6 * 1024 * 1024;

/** "图片": chooses a picture file for the SKU; the host keeps it in the attachment store for the bench line. */
export function SkuImageButton({ skuCode }: { skuCode: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    const toast = useToastStore.getState();
    if (file.size > MAX_BYTES) return toast.fail({ code: 'INVALID_INPUT', msg: msg('catalog.image.tooBig') });
    const mime = (TYPES as readonly string[]).includes(file.type) ? (file.type as ImageType) : null;
    if (!mime) return toast.fail({ code: 'INVALID_INPUT', msg: msg('catalog.image.notImage') });
    try {
      await getApi().call('catalog.setImage', { skuCode, mime, dataBase64: await readFileAsBase64(file) });
      toast.ok('catalog.image.saved', { sku: skuCode });
    } catch (error) {
      toast.fail(toUiError(error));
    }
  };
  return (
    <label className="btn btn-small file-button">
      {t('catalog.image.choose')}
      <input ref={input} type="file" accept={TYPES.join(',')} onChange={(e) => void onFile(e.target.files?.[0])} data-testid={`sku-image-${skuCode}`} />
    </label>
  );
}
