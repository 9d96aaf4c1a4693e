import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** The canvas's drawing size: wide enough for a name in Chinese, small enough to send (a few KB of PNG). */
const WIDTH = 600;
const HEIGHT = 220;

/**
 * A box to sign in with a finger, a pen or the mouse (pointer events, so a phone works as a bench
 * does). Strokes are dark on a transparent background: the 交接单 and the label printer put the
 * signature on paper white. `onInk` says whether anything is drawn.
 */
export function SignaturePad({ canvasRef, onInk }: { canvasRef: RefObject<HTMLCanvasElement | null>; onInk: (inked: boolean) => void }) {
  const { t } = useTranslation();
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const inkChanged = useRef(onInk);
  useEffect(() => {
    inkChanged.current = onInk;
  });
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) * WIDTH) / box.width, y: ((e.clientY - box.top) * HEIGHT) / box.height };
  };
  const line = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
  };
  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    inkChanged.current(false);
  };
  return (
    <div className="signature">
      <canvas
        ref={canvasRef}
        className="signature-pad"
        width={WIDTH}
        height={HEIGHT}
        aria-label={t('handover.sign')}
        data-testid="signature-pad"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = point(e);
          line(drawing.current, drawing.current);
          inkChanged.current(true);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const next = point(e);
          line(drawing.current, next);
          drawing.current = next;
        }}
        onPointerUp={() => (drawing.current = null)}
        onPointerCancel={() => (drawing.current = null)}
      />
      <div className="signature-foot">
        <span className="small muted">{t('handover.sign')}</span>
        <button type="button" className="btn btn-small" onClick={clear} data-testid="signature-clear">
          {t('handover.clearSign')}
        </button>
      </div>
    </div>
  );
}

/** The drawn signature as a PNG. */
export const signaturePng = (canvas: HTMLCanvasElement): Promise<Blob> =>
  new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'));
