import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useBenchStore } from './bench.store';

/**
 * The waybill just printed, as the host rendered it: as tall as the bench allows beside the lines,
 * and full screen on a click, so a supervisor can read the address without the printer.
 */
export const LabelPreview = memo(function LabelPreview() {
  const { t } = useTranslation();
  const preview = useBenchStore((s) => s.preview);
  const [large, setLarge] = useState(false);
  if (!preview) return null;
  const src = `data:image/png;base64,${preview.pngBase64}`;
  const ratio = { aspectRatio: `${preview.widthMm} / ${preview.heightMm}` };
  return (
    <section className="card label-preview">
      <h3>{t('bench.labelPreview')}</h3>
      <button type="button" className="label-preview-open" onClick={() => setLarge(true)} title={t('bench.labelPreviewEnlarge')} data-testid="label-preview-open">
        <img src={src} alt={t('bench.labelPreviewAlt')} data-testid="label-preview" data-shipment-id={preview.shipmentId} style={ratio} />
      </button>
      <span className="muted small">{t('bench.labelPreviewEnlarge')}</span>
      {large && (
        <Dialog
          title={t('bench.labelPreview')}
          onClose={() => setLarge(false)}
          testId="label-preview-dialog"
          actions={
            <button type="button" className="btn" onClick={() => setLarge(false)}>
              {t('common.close')}
            </button>
          }
        >
          <img className="label-preview-large" src={src} alt={t('bench.labelPreviewAlt')} style={ratio} />
        </Dialog>
      )}
    </section>
  );
});
