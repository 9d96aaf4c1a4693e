import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyHint } from '../../components/KeyHint';
import { formatGrams } from '../../lib/format';
import { useSerialStore } from '../serial/serial.store';
import { useBenchStore } from './bench.store';

/**
 * The scale on the bench: its link (connected / reconnecting / not plugged in), the live weight
 * and the expected one. Always visible while a scale is set up; amber stripes on a mismatch.
 */
export function ScaleStrip() {
  const { t } = useTranslation();
  const weighing = useBenchStore((s) => s.state.weighing);
  const expectedG = useBenchStore((s) => s.state.expectedWeightG);
  const orderOpen = useBenchStore((s) => s.state.order !== null);
  const live = useSerialStore((s) => s.live);
  const acceptWeight = useBenchStore((s) => s.acceptWeight);
  // A steady reading (0 g on an empty pan) is not pushed again: a reloaded bench asks for it.
  useEffect(() => void useSerialStore.getState().loadLive(), []);
  if (!weighing) return null;
  // A mismatch holds until a supervisor accepts it, even when the parcel now weighs right.
  const mismatch = weighing.mismatchG !== null && !weighing.accepted;
  const reading = weighing.scale !== 'connected' || !live ? t('bench.scale.noReading') : live.overload ? t('bench.scale.overload') : formatGrams(live.grams);
  // "Weighed before" only for a weight from an earlier reading: the one just weighed is what the scale shows.
  const heldNow = weighing.mismatchG === weighing.settledG;
  return (
    <section
      className={`card scale-strip scale-${weighing.scale}${mismatch ? ' scale-mismatch' : ''}`}
      data-testid="scale-strip"
      data-scale={weighing.scale}
      data-check={weighing.status}
      data-overload={live?.overload ? 'true' : undefined}
    >
      <span className="scale-title">{t('bench.scale.title')}</span>
      <span className="scale-link" data-testid="scale-link">{t(`devices.serial.status.${weighing.scale}`)}</span>
      <span className="scale-live" data-testid="scale-live">{reading}</span>
      {live && weighing.scale === 'connected' && !live.overload ? <span className="muted">{live.stable ? t('bench.scale.stable') : t('bench.scale.moving')}</span> : null}
      {orderOpen && expectedG !== null ? <span className="muted">{t('bench.scale.expected', { weight: formatGrams(expectedG) })}</span> : null}
      {mismatch ? (
        <span className="muted" data-testid="scale-held">
          {t(heldNow ? 'bench.scale.mismatchWeight' : 'bench.scale.heldWeight', { weight: formatGrams(weighing.mismatchG ?? 0) })}
        </span>
      ) : null}
      {mismatch ? (
        <button type="button" className="btn btn-danger scale-accept" onClick={acceptWeight} aria-keyshortcuts="F8" data-testid="scale-accept">
          {t('bench.scale.accept')} <KeyHint keys="F8" />
        </button>
      ) : null}
    </section>
  );
}
