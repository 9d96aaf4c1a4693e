import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/ErrorText';
import { formatGrams } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { usePrintQueueStore } from '../print-queue/print-queue.store';
import { useSerialStore } from '../serial/serial.store';
import { useSessionStore } from '../session/session.store';
import { useBenchStore, type LastScan } from './bench.store';
import { PARCEL_JOIN, type LabelNote } from './bench.types';

/** The parcels' labels taken together: the one that needs the packer most speaks for them. */
const LABEL_RANK: readonly LabelNote['state'][] = ['failed', 'unknown', 'waiting', 'cancelled', 'done'];

/** PD:CANCEL → CANCEL (i18next reads ':' as a namespace separator, so keys drop the prefix). */
export function commandKey(command: string): string {
  return command.replace(/^PD:/i, '').toUpperCase();
}

/** "纯棉短袖T恤 SKU-0031 · 2/3": what the last right scan counted, readable from the box. */
function useVerifiedLine(last: LastScan | null): string | null {
  return useBenchStore((s) => {
    if (last?.outcome !== 'verified') return null;
    const line = s.state.lines.find((l) => String(l.lineNo) === last.detail['lineNo']);
    return line ? `${line.title} · ${line.verified}/${line.qty}` : null;
  });
}

/**
 * Why the parcel's weight cannot come from the scale now, if it cannot: the scale is set up but away
 * (unplugged: type the weight), over its range, or showing a weight that settled before this order
 * was opened (the pan must be cleared first, so a previous parcel's weight is never reused).
 */
function useWeighWhy(): 'ScaleAway' | 'Overload' | 'ClearPan' | null {
  const scale = useBenchStore((s) => s.state.weighing?.scale ?? 'none');
  const nothingSettled = useBenchStore((s) => s.state.weighing?.settledG == null);
  // Flags, not the weight: the banner re-renders when they change, not with every gram on the pan.
  const overload = useSerialStore((s) => s.live?.overload === true);
  const taken = useSerialStore((s) => s.live?.taken === true);
  if (scale === 'reconnecting' || scale === 'absent') return 'ScaleAway';
  if (scale !== 'connected') return null;
  if (overload) return 'Overload';
  return taken && nothingSettled ? 'ClearPan' : null;
}

const COMPLETED_BY_LABEL: Record<LabelNote['state'], string> = {
  done: 'completed', waiting: 'completedLabelWaiting', failed: 'completedLabelStuck', unknown: 'completedLabelStuck', cancelled: 'completedLabelCancelled',
};

function useLines(last: LastScan | null, orderOpen: boolean): { title: string; sub: string } {
  const { t } = useTranslation();
  const userName = useSessionStore((s) => s.session?.user?.name ?? '');
  const blockedReason = useBenchStore((s) => s.state.order?.blockedReason ?? null);
  const numbers = last?.trackingNo?.split(PARCEL_JOIN) ?? [];
  // The host prints after committing the parcel; bench.changed later stamps printedAt.
  const printedNow = useBenchStore((s) =>
    numbers.length > 0 && numbers.every((n) => s.state.shipments.some((x) => x.trackingNo === n && x.printedAt !== null)),
  );
  // What the host said of these labels since (labels.printed): printed, waiting, refused, cancelled.
  const labelState = useBenchStore((s) => LABEL_RANK.find((state) => numbers.some((n) => s.labels[n]?.state === state)) ?? null);
  // A label the printer refused (paper out, head open…) waits for the packer: "printing…" would be a lie.
  const labelStuck = usePrintQueueStore((s) => s.summary.needsPacker > 0);
  const verifiedLine = useVerifiedLine(last);
  // A parcel that left with part of the order (部分发货) says so: "complete" would send the rest nowhere.
  const left = useBenchStore((s) => s.state.lines.reduce((n, l) => n + Math.max(0, l.qty - l.verified), 0));
  const weighWhy = useWeighWhy();
  // Opened with every unit checked and no live parcel (its label voided, or a bench restarted before shipping): only the label is to print.
  const packedNoLabel = useBenchStore((s) => s.state.lines.length > 0 && s.state.shipments.every((x) => x.voidedAt !== null) && s.state.lines.every((l) => l.verified >= l.qty));
  if (!last) return { title: orderOpen ? t('scan.idleOrder') : t('scan.idle'), sub: orderOpen ? t('scan.idleOrderHint') : t('scan.idleHint') };
  const d = last.detail;
  const what = d['sku'] ?? d['skuCode'] ?? d['barcode'] ?? last.code;
  switch (last.outcome) {
    case 'opened':
      if (packedNoLabel) return { title: t('scan.opened'), sub: t('scan.openedAllChecked', { order: d['orderId'] ?? d['externalId'] ?? last.code }) };
      return { title: t('scan.opened'), sub: d['orderId'] ?? d['externalId'] ?? last.code };
    case 'verified':
      return { title: t('scan.verified'), sub: verifiedLine ?? what };
    case 'completed': {
      // A number fetched and printed before packing (取号) is not printed again: the label is in the pile.
      const key = d['prePrinted'] ? 'completedPrePrinted' : labelState ? COMPLETED_BY_LABEL[labelState] : last.printed || printedNow ? 'completed' : labelStuck ? 'completedLabelStuck' : 'completedPrinting';
      if (left > 0) return { title: t(`scan.partial${key.charAt(0).toUpperCase()}${key.slice(1)}`, { left }), sub: last.trackingNo ?? '' };
      return { title: t(`scan.${key}`), sub: last.trackingNo ?? '' };
    }
    case 'wrong_item':
      // The item may be a line the export gave no 商家编码: say so, rather than "wrong".
      if (d['unboundLines']) return { title: t('scan.lineUnbound'), sub: t('scan.lineUnboundHint', { sku: what, lines: d['unboundLines'].replaceAll(',', ', ') }) };
      return { title: t('scan.wrongItem'), sub: t('scan.wrongItemHint', { code: what }) };
    case 'over_scan': {
      const units = Number(d['units'] ?? 1);
      const needs = Number(d['needs'] ?? 0);
      // A case pack worth more than the order still needs: not "full", scan single units.
      if (units > 1 && needs > 0) return { title: t('scan.casePack', { units }), sub: t('scan.casePackHint', { units, needs }) };
      return { title: t('scan.overScan'), sub: t('scan.overScanHint', { code: what }) };
    }
    case 'confirm_switch':
      return {
        title: t('scan.confirmSwitch'),
        sub: t('scan.confirmSwitchHint', { from: d['fromOrderId'] ?? '', to: d['orderId'] ?? '', verified: d['verified'] ?? '0', units: d['units'] ?? '0' }),
      };
    case 'unknown_barcode':
      return { title: t('scan.unknownBarcode'), sub: t('scan.unknownBarcodeHint', { code: d['barcode'] ?? last.code }) };
    case 'bound':
      return { title: t('scan.bound'), sub: t('scan.boundHint', { barcode: d['barcode'] ?? '', sku: d['skuCode'] ?? '', units: d['units'] ?? '1' }) };
    case 'blocked':
      // Another order, already shipped, scanned while this one is half packed: this one stays open.
      if (d['shippedOrder']) return { title: t('scan.otherShipped'), sub: t('scan.otherShippedHint', { order: d['shippedOrder'] }) };
      return { title: t('scan.blocked'), sub: blockedReason ? hostText(t, blockedReason) : last.code };
    case 'not_found':
      // A known item with no order open: name it, and say what to scan first.
      if (d['skuCode']) return { title: t('scan.itemNoOrder'), sub: t('scan.itemNoOrderHint', { sku: d['skuCode'], name: d['skuName'] ?? '' }) };
      if (d['orderNumber']) return { title: t('scan.orderNotFound'), sub: t('scan.orderNotFoundHint', { code: last.code }) };
      // Shorter than any barcode of the shop: a scan cut short (a stalled scanner), never one to bind.
      if (d['incomplete']) return { title: t('scan.incomplete'), sub: t('scan.incompleteHint', { code: last.code }) };
      return { title: t('scan.notFound'), sub: t('scan.notFoundHint', { code: last.code }) };
    case 'command': {
      const command = d['command'] ?? last.code;
      const name = t(`commands.${commandKey(command)}`, { defaultValue: command });
      const tracking = last.trackingNo ?? d['trackingNo'];
      if (d['waiting'] && tracking) return { title: t('scan.command'), sub: t('scan.reprintWaiting', { name, tracking }) };
      if (d['order']) return { title: t('scan.command'), sub: t(Number(d['verified'] ?? 0) > 0 ? 'scan.putDownKept' : 'scan.putDown', { name, order: d['order'], count: Number(d['verified'] ?? 0) }) };
      if (d['filed']) return { title: t('scan.damageFiled'), sub: t('scan.damageFiledSub', { sku: d['filed'], qty: Number(d['qty'] ?? 1) }) };
      return { title: t('scan.command'), sub: tracking ? `${name} · ${tracking}` : name };
    }
    case 'login':
      return { title: t('scan.login'), sub: d['name'] ?? userName };
    case 'not_logged_in':
      return { title: t('scan.notLoggedIn'), sub: t('scan.notLoggedInHint') };
    case 'weigh':
      // Waiting for a weight the scale cannot give now: say what the packer can do about it.
      if (weighWhy) return { title: t(`scan.weigh${weighWhy}`), sub: t(`scan.weigh${weighWhy}Hint`) };
      return { title: t('scan.weigh'), sub: t('scan.weighHint') };
    case 'weight_mismatch': {
      const deviation = Number(d['deviationG'] ?? 0);
      // Weighed wrong earlier and not yet accepted: within tolerance now or not, a supervisor lets it out.
      if (d['heldG']) {
        return {
          title: t('scan.weightHeld'),
          sub: t(d['weightG'] ? 'scan.weightHeldHint' : 'scan.weightHeldNoWeight', {
            weight: formatGrams(Number(d['weightG'] ?? 0)), expected: formatGrams(Number(d['expectedG'] ?? 0)), held: formatGrams(Number(d['heldG'])),
          }),
        };
      }
      return {
        title: t('scan.weightMismatch'),
        sub: t('scan.weightMismatchHint', {
          weight: formatGrams(Number(d['weightG'] ?? 0)), expected: formatGrams(Number(d['expectedG'] ?? 0)),
          deviation: `${deviation > 0 ? '+' : ''}${deviation} g`,
        }),
      };
    }
    case 'error':
      return { title: t('scan.error'), sub: last.error ? describeError(t, last.error) : '' };
  }
}

/** About how many CJK characters' width a text takes (a bold Latin letter is about 0.6 of one). */
const widthInEms = (text: string): number => {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return n;
};

/**
 * A title too wide for one line at the panel's type (about 19 CJK characters) gets smaller type:
 * two lines of it would push the tracking number out of the fixed-height panel. Under a long line
 * (subFit) it is smaller too, to leave that line its three.
 */
function titleFit(title: string, beside: boolean, longSub: boolean): string {
  const ems = widthInEms(title);
  // A button beside the text (bind, accept the weight, open the other order) takes about a third of the width.
  const room = beside ? 0.68 : 1;
  return ems > 27 * room ? ' scan-status-title-xs' : ems > 19.5 * room || longSub ? ' scan-status-title-s' : '';
}

/**
 * A line under the title longer than its two lines (an error that says what to do about it: no
 * numbers left, which carrier, whom to ask) gets three smaller ones: the end of the sentence is
 * the part the packer acts on, and two lines cut it off.
 */
const isLongSub = (sub: string, beside: boolean): boolean => widthInEms(sub) > 60 * (beside ? 0.68 : 1);

/** The outcomes whose panel has a button beside the text. */
const ACTIONS: ReadonlySet<string> = new Set(['weight_mismatch', 'unknown_barcode', 'wrong_item', 'confirm_switch']);
const KEEPS_ALARM: ReadonlySet<LastScan['outcome']> = new Set(['opened', 'command', 'login', 'bound']);
const NO_SCAN: LastScan = { seq: 0, outcome: 'blocked', code: '', detail: {}, trackingNo: null, printed: false, error: null };

/**
 * The big status panel. It subscribes only to the last scan, so a scan re-renders this panel and
 * the changed lines, not the whole bench. Its height is fixed, so nothing below it jumps when an
 * outcome brings a button (bind) or a longer message. `data-outcome` is for the e2e tests.
 */
export const ScanStatus = memo(function ScanStatus() {
  const { t } = useTranslation();
  const scanned = useBenchStore((s) => s.last);
  const pending = useBenchStore((s) => s.slowScan);
  const orderOpen = useBenchStore((s) => s.state.order !== null);
  const blocked = useBenchStore((s) => s.state.order?.blockedReason != null);
  // An order that must not ship keeps its alarm through what does not change it (a damage report, a
  // login, a command), and one that became blocked while open (a cancelling re-import) shows it at once.
  // A reprint is what a shipped order is opened for: it says it reprinted, not that the order may not ship.
  const keepsAlarm = scanned === null || (KEEPS_ALARM.has(scanned.outcome) && scanned.detail['command'] !== 'PD:REPRINT');
  // The bench came back (a reload) to the order this bench just shipped: it says shipped, with its
  // number, not the alarm a scan of a shipped order raises.
  const shippedHere = useBenchStore((s) => (s.state.order?.blockedReason?.key === 'blocked.alreadyShipped' ? s.lastShipment : null));
  const last = scanned === null && shippedHere
    ? { ...NO_SCAN, outcome: 'completed' as const, trackingNo: shippedHere.trackingNo, printed: shippedHere.printedAt !== null }
    : blocked && keepsAlarm ? { ...(scanned ?? NO_SCAN), outcome: 'blocked' as const } : scanned;
  const { openBind, openBindLine, confirmSwitch, acceptWeight } = useBenchStore.getState();
  const { title, sub } = useLines(last, orderOpen);
  const outcome = last?.outcome ?? 'idle';
  const beside = ACTIONS.has(outcome) && (outcome !== 'wrong_item' || Boolean(last?.detail['unboundLines']));
  const longSub = isLongSub(sub, beside);
  return (
    <section
      className={`scan-status status-${outcome}`}
      data-testid="scan-status"
      data-outcome={outcome}
      data-seq={last?.seq ?? 0}
      data-code={last?.code ?? ''}
      aria-live="assertive"
    >
      <div key={last?.seq ?? 0} className="scan-status-inner">
        <div className="scan-status-text">
          <div className={`scan-status-title${titleFit(title, beside, longSub)}`} data-testid="scan-title">
            {title}
          </div>
          {outcome === 'completed' && last?.trackingNo ? (
            <div className="scan-status-tracking" data-testid="tracking-no">
              {last.trackingNo}
            </div>
          ) : (
            <div className={longSub ? 'scan-status-sub scan-status-sub-long' : 'scan-status-sub'} title={sub} data-testid="scan-sub">
              {sub}
            </div>
          )}
        </div>
        {outcome === 'weight_mismatch' && (
          <button type="button" className="btn btn-xl btn-inverse scan-status-action" data-testid="accept-weight" onClick={() => acceptWeight()}>
            {t('bench.scale.accept')}
          </button>
        )}
        {outcome === 'unknown_barcode' && (
          <button
            type="button"
            className="btn btn-xl btn-inverse scan-status-action"
            data-testid="bind-barcode"
            onClick={() => openBind(last?.detail['barcode'] ?? last?.code ?? '')}
          >
            {t('bench.bindToSku')}
          </button>
        )}
        {outcome === 'wrong_item' && last?.detail['unboundLines'] && (
          <button type="button" className="btn btn-xl btn-inverse scan-status-action" data-testid="bind-line" onClick={openBindLine}>
            {t('bench.bindLine')}
          </button>
        )}
        {outcome === 'confirm_switch' && (
          <div className="scan-status-actions">
            <button type="button" className="btn btn-lg btn-inverse" data-testid="switch-open" onClick={() => void confirmSwitch(true)}>
              {t('bench.switchOpen')}
            </button>
            <button type="button" className="btn btn-lg btn-inverse" data-testid="switch-stay" onClick={() => void confirmSwitch(false)}>
              {t('bench.switchStay')}
            </button>
          </div>
        )}
      </div>
      {pending && <div className="scan-pending" aria-label={t('scan.pending')} />}
    </section>
  );
});
