import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/ErrorText';
import { useSessionStore } from '../session/session.store';
import { useBenchStore, type LastScan } from './bench.store';

/** PD:CANCEL → CANCEL (i18next reads ':' as a namespace separator, so keys drop the prefix). */
export function commandKey(command: string): string {
  return command.replace(/^PD:/i, '').toUpperCase();
}

function useLines(last: LastScan | null, orderOpen: boolean): { title: string; sub: string } {
  const { t } = useTranslation();
  const userName = useSessionStore((s) => s.session?.user?.name ?? '');
  const blockedReason = useBenchStore((s) => s.state.order?.blockedReason ?? '');
  // The host prints after committing the parcel; bench.changed later stamps printedAt.
  const printedNow = useBenchStore((s) =>
    s.state.shipments.some((x) => x.trackingNo === last?.trackingNo && x.printedAt !== null),
  );
  if (!last) return { title: orderOpen ? t('scan.idleOrder') : t('scan.idle'), sub: orderOpen ? t('scan.idleOrderHint') : t('scan.idleHint') };
  const d = last.detail;
  const what = d['sku'] ?? d['skuCode'] ?? d['barcode'] ?? last.code;
  switch (last.outcome) {
    case 'opened':
      return { title: t('scan.opened'), sub: d['orderId'] ?? d['externalId'] ?? last.code };
    case 'verified':
      return { title: t('scan.verified'), sub: what };
    case 'completed':
      return { title: last.printed || printedNow ? t('scan.completed') : t('scan.completedPrinting'), sub: last.trackingNo ?? '' };
    case 'wrong_item':
      return { title: t('scan.wrongItem'), sub: t('scan.wrongItemHint', { code: what }) };
    case 'over_scan':
      return { title: t('scan.overScan'), sub: t('scan.overScanHint', { code: what }) };
    case 'unknown_barcode':
      return { title: t('scan.unknownBarcode'), sub: d['barcode'] ?? last.code };
    case 'blocked':
      return { title: t('scan.blocked'), sub: d['reason'] ?? (blockedReason || last.code) };
    case 'not_found':
      return { title: t('scan.notFound'), sub: t('scan.notFoundHint', { code: last.code }) };
    case 'command': {
      const command = d['command'] ?? last.code;
      return { title: t('scan.command'), sub: t(`commands.${commandKey(command)}`, { defaultValue: command }) };
    }
    case 'login':
      return { title: t('scan.login'), sub: d['name'] ?? userName };
    case 'not_logged_in':
      return { title: t('scan.notLoggedIn'), sub: t('scan.notLoggedInHint') };
    case 'error':
      return { title: t('scan.error'), sub: last.error ? describeError(t, last.error) : '' };
  }
}

/**
 * The big status panel. It subscribes only to the last scan, so a scan re-renders this panel and
 * the changed lines, not the whole bench. `data-outcome` is for the e2e tests.
 */
export const ScanStatus = memo(function ScanStatus() {
  const { t } = useTranslation();
  const last = useBenchStore((s) => s.last);
  const pending = useBenchStore((s) => s.pendingScans > 0);
  const orderOpen = useBenchStore((s) => s.state.order !== null);
  const openBind = useBenchStore((s) => s.openBind);
  const { title, sub } = useLines(last, orderOpen);
  const outcome = last?.outcome ?? 'idle';
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
        <div className="scan-status-title" data-testid="scan-title">
          {title}
        </div>
        {outcome === 'completed' && last?.trackingNo ? (
          <div className="scan-status-tracking" data-testid="tracking-no">
            {last.trackingNo}
          </div>
        ) : (
          <div className="scan-status-sub">{sub}</div>
        )}
        {outcome === 'unknown_barcode' && (
          <button
            type="button"
            className="btn btn-lg btn-inverse"
            data-testid="bind-barcode"
            onClick={() => openBind(last?.detail['barcode'] ?? last?.code ?? '')}
          >
            {t('bench.bindToSku')}
          </button>
        )}
      </div>
      {pending && <div className="scan-pending" aria-label={t('scan.pending')} />}
    </section>
  );
});
