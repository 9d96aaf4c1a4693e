import { memo, useState } from 'react';
import type { Carrier } from '#shared/contract/carriers.contract';
import { useTranslation } from 'react-i18next';
import { DigitsInput } from '../../components/DigitsInput';
import { KeyHint } from '../../components/KeyHint';
import { carrierLabel, formatGrams, parseWhole } from '../../lib/format';
import { useSettingsStore } from '../settings/settings.store';
import { useWaybillsStore } from '../waybills/waybills.store';
import { useBenchStore } from './bench.store';
import { usePartialShipStore } from './partial-ship.store';
import { ParcelCount } from './ParcelCount';
import { putAside } from './PutAsideDialog';
import { checkWeight } from './weight-check';

/** The carriers to choose from, with their free numbers: built again only when the carriers change. */
const CarrierOptions = memo(function CarrierOptions({ carriers, auto }: { carriers: Carrier[]; auto: string | null }) {
  const { t, i18n } = useTranslation();
  // The rules' pick named, with its free numbers: one with none is seen before the last scan fails.
  const picked = auto === null ? undefined : carriers.find((c) => c.code === auto);
  return (
    <>
      <option value="">
        {picked ? t('bench.carrierByRulesIs', { carrier: carrierLabel(picked, i18n.language), count: picked.pool.free }) : t('bench.carrierByRules')}
      </option>
      {carriers
        .filter((c) => c.enabled)
        .map((c) => (
          <option key={c.code} value={c.code}>
            {carrierLabel(c, i18n.language)} · {t('bench.poolFree', { count: c.pool.free })}
          </option>
        ))}
    </>
  );
});

/** Ship, partial ship, cancel and reprint for mouse users; every one also exists as a command barcode. */
export function ShipControls() {
  const { t } = useTranslation();
  const order = useBenchStore((s) => s.state.order);
  const complete = useBenchStore((s) => s.state.complete);
  const expectedG = useBenchStore((s) => s.state.expectedWeightG);
  const anyVerified = useBenchStore((s) => s.state.lines.some((l) => l.verified > 0));
  const shippedAlready = useBenchStore((s) => s.state.shipments.some((x) => x.voidedAt === null));
  const canReprint = useBenchStore((s) => s.lastShipment !== null || s.state.shipments.some((x) => x.voidedAt === null));
  const carriers = useBenchStore((s) => s.carriers);
  const autoCarrier = useBenchStore((s) => s.state.order?.autoCarrier ?? null);
  const busy = useBenchStore((s) => s.busy);
  // A weight outside the tolerance holds the order until a supervisor accepts it (the scale strip), even once weighed again within it.
  const heldG = useBenchStore((s) => (s.state.weighing != null && !s.state.weighing.accepted ? s.state.weighing.mismatchG : null));
  const weightHeld = heldG !== null;
  // Without a connected scale the weight typed here is the one a supervisor's accept ships (the host checks it first).
  const scaleOn = useBenchStore((s) => s.state.weighing?.scale === 'connected');
  const { ship, cancelOrder, reprintLast } = useBenchStore.getState();
  const askPartial = usePartialShipStore.getState().ask;
  const tolerancePct = useSettingsStore((s) => s.settings?.weightTolerancePct ?? 10);
  const toleranceG = useSettingsStore((s) => s.settings?.weightToleranceG ?? 0);
  // A label with an empty 寄件人 block is refused at some courier depots: said before it prints, not after.
  const senderMissing = useSettingsStore((s) => {
    const sender = s.settings?.sender;
    return sender !== undefined && [sender.name, sender.phone, sender.address].some((x) => x.trim() === '');
  });
  // The form starts afresh with each order (kept in place: remounting it rebuilt the carrier list on every open).
  const orderId = order?.id ?? null;
  const [form, setForm] = useState({ orderId, carrierCode: '', weight: '', parcels: null as number | null });
  if (form.orderId !== orderId) setForm({ orderId, carrierCode: '', weight: '', parcels: null });
  // A 子母件 fetched for N parcels starts at N: one parcel would leave the children's printed labels unused.
  const fetched = useWaybillsStore((s) => (orderId !== null && s.ofOrder?.orderId === orderId ? s.ofOrder.numbers.filter((w) => w.state === 'ready').length : 0));
  const { carrierCode, weight } = form;
  const parcels = form.parcels ?? Math.max(1, fetched);
  // The host keeps each change: the parcel that ships from the last scan (or PD:SHIP) leaves with it.
  const change = (next: Partial<typeof form>) => {
    const f = { ...form, ...next };
    setForm(f);
    if (f.orderId !== null) useBenchStore.getState().shipChoice({ orderId: f.orderId, carrierCode: f.carrierCode || null, weightG: parseWhole(f.weight), parcelCount: f.parcels ?? parcels });
  };
  const setCarrierCode = (carrierCode: string) => change({ carrierCode });
  const setWeight = (weight: string) => change({ weight });

  const weightG = parseWhole(weight);
  const check = checkWeight(expectedG, weightG, { pct: tolerancePct, g: toleranceG });
  const blocked = order?.blockedReason != null;
  const options = (partial: boolean) => ({
    ...(carrierCode ? { carrierCode } : {}),
    ...(weightG !== null ? { weightG } : {}),
    parcelCount: parcels,
    partial,
  });
  const closeLabel = shippedAlready || blocked ? t('bench.close') : t('bench.cancel');

  if (!shippedAlready && (!order || blocked)) {
    // Nothing to weigh or route: an empty bench, or an order that must not leave.
    return (
      <section className={blocked ? 'card ship-controls ship-blocked' : 'card ship-controls ship-idle'} data-testid="ship-controls">
        <p className={blocked ? 'ship-what-next' : 'muted ship-idle-hint'} data-testid={blocked ? 'blocked-what-next' : undefined}>
          {blocked ? t('blocked.whatNext') : t('bench.noOrderShip')}
        </p>
        <div className="ship-buttons">
          <button type="button" className="btn btn-lg" disabled data-testid="ship-button">
            {t('bench.ship')}
          </button>
          <button type="button" className={blocked ? 'btn btn-lg btn-danger' : 'btn btn-lg'} disabled={!order || busy !== null} onClick={() => void cancelOrder()} data-testid="cancel-button">
            {closeLabel}
          </button>
        </div>
      </section>
    );
  }

  if (shippedAlready && blocked) {
    // The order has left (its last parcel is committed): only reprint and closing it make sense now.
    // A part shipped, or a reship open, keeps the form: the rest ships from it.
    return (
      <section className="card ship-controls ship-done" data-testid="ship-controls">
        <div className="ship-buttons">
          <button type="button" className="btn btn-lg" disabled={!canReprint || busy !== null} onClick={() => void reprintLast()} data-testid="reprint-button">
            {t('bench.reprint')}
          </button>
          <button type="button" className="btn btn-lg" disabled={busy !== null} onClick={() => void cancelOrder()} data-testid="cancel-button">
            {closeLabel}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card ship-controls" data-testid="ship-controls">
      <div className="form-grid">
        <label htmlFor="ship-carrier">{t('bench.carrier')}</label>
        <div className="with-key">
          <select id="ship-carrier" className="input" value={carrierCode} onChange={(e) => setCarrierCode(e.target.value)} aria-keyshortcuts="F4" data-testid="carrier-select">
            <CarrierOptions carriers={carriers} auto={autoCarrier} />
          </select>
          <KeyHint keys="F4" />
        </div>
        <label htmlFor="ship-weight">{t('bench.weight')}</label>
        <div>
          <DigitsInput
            id="ship-weight"
            value={weight}
            placeholder={expectedG !== null ? String(expectedG) : 'g'}
            onDigits={setWeight}
            onFocus={(e) => e.currentTarget.select()}
            aria-keyshortcuts="F2"
            data-testid="weight-input"
          />
          <span className="muted"> g · {t('bench.expected', { weight: formatGrams(expectedG) })}</span> <KeyHint keys="F2" />
          {check.status === 'light' || check.status === 'heavy' ? (
            <div className="weight-warning" role="alert" data-testid="weight-warning">
              {t(check.status === 'light' ? 'bench.weightLight' : 'bench.weightHeavy', { pct: Math.abs(check.deviationPct) })}
            </div>
          ) : null}
        </div>
        <label htmlFor="ship-parcels">{t('bench.parcels')}</label>
        <ParcelCount key={orderId} value={parcels} onValue={(n) => change({ parcels: n })} />
      </div>
      {senderMissing && (
        <div className="small warn-text" role="alert" data-testid="sender-missing">
          {t('bench.senderMissing')}
        </div>
      )}
      {/* A held 发货 says why beside it: testers met it greyed out with nothing to say, and retyped the weight to no end. */}
      {weightHeld && (
        <div id="ship-held" className="small warn-text" role="status" data-testid="ship-held">
          {weightG !== null && !scaleOn
            ? t('bench.shipHeldTyped', { held: formatGrams(heldG), expected: formatGrams(expectedG), weight: formatGrams(weightG) })
            : t('bench.shipHeld', { held: formatGrams(heldG), expected: formatGrams(expectedG) })}
        </div>
      )}
      <div className="ship-buttons ship-buttons-row3">
        <button
          type="button"
          id="ship-button"
          className="btn btn-primary btn-xl"
          disabled={!order || !complete || blocked || weightHeld || busy !== null}
          aria-keyshortcuts="F9"
          aria-describedby={weightHeld ? 'ship-held' : undefined}
          onClick={() => void ship(options(false))}
          data-testid="ship-button"
        >
          {busy === 'ship' ? t('bench.shipping') : t('bench.ship')} <KeyHint keys="F9" />
        </button>
        <button
          type="button"
          className="btn btn-lg"
          disabled={!order || complete || !anyVerified || blocked || busy !== null}
          onClick={() => void askPartial(options(true))}
          data-testid="partial-button"
        >
          {t('bench.partial')}
        </button>
        <button type="button" className="btn btn-lg" disabled={!canReprint || busy !== null} onClick={() => void reprintLast()} data-testid="reprint-button">
          {t('bench.reprint')}
        </button>
        <button type="button" className="btn btn-lg btn-danger-outline" disabled={!order || busy !== null} onClick={putAside} data-testid="cancel-button">
          {closeLabel}
        </button>
      </div>
    </section>
  );
}
