import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBenchStore } from './bench.store';

/** The waybill just printed, as the host rendered it. */
export const LabelPreview = memo(function LabelPreview() {
  const { t } = useTranslation();
  const preview = useBenchStore((s) => s.preview);
  if (!preview) return null;
  return (
    <section className="card label-preview">
      <h3>{t('bench.labelPreview')}</h3>
      <img
        src={`data:image/png;base64,${preview.pngBase64}`}
        alt={t('bench.labelPreviewAlt')}
        data-testid="label-preview"
        data-shipment-id={preview.shipmentId}
        style={{ aspectRatio: `${preview.widthMm} / ${preview.heightMm}` }}
      />
    </section>
  );
});
