import { useEffect } from 'react';
import { BenchDamage } from '../damage-report/BenchDamage';
import { BenchGuardLine } from '../guard/BenchGuardLine';
import { DamageReportDialog } from '../damage-report/DamageReportDialog';
import { PrintQueueBadge } from '../print-queue/PrintQueuePanel';
import { BenchAuthDialog, BindBarcodeDialog, BindLineDialog } from './BenchDialogs';
import { useBenchStore } from './bench.store';
import { useBenchKeys } from './bench-keys';
import { LinesTable } from './LinesTable';
import { ManualEntry } from './ManualEntry';
import { BenchWarnings } from './BenchWarnings';
import { LabelPreview } from './LabelPreview';
import { OrderCard } from './OrderCard';
import { OrderNotes } from './OrderNotes';
import { ScaleStrip } from './ScaleStrip';
import { PackVideoBar } from './PackVideoBar';
import { PartialShipWarning } from './PartialShipWarning';
import { PutAsideDialog } from './PutAsideDialog';
import { ScanStatus } from './ScanStatus';
import { SlipStatus } from './SlipStatus';
import { ShipControls } from './ShipControls';
import './bench.css';
import './bench-lines.css';
import './bench-side.css';

/**
 * 打包台: the pack bench. The scanner drives it, the keyboard does the rest (bench-keys: no mouse
 * needed), big type, readable at arm's length at 1366×768. Each part subscribes to its own slice
 * of the bench store so a scan repaints only the status panel and the lines it changed.
 */
export function BenchScreen() {
  useBenchKeys();
  useEffect(() => {
    const { refresh, loadCarriers } = useBenchStore.getState();
    void refresh();
    void loadCarriers();
  }, []);
  return (
    <div className="bench" data-testid="bench">
      <div className="bench-main">
        <ScanStatus />
        <BenchGuardLine mode="queue" />
        <OrderNotes />
        <BenchWarnings />
        <SlipStatus />
        <PackVideoBar />
        <div className="bench-body">
          <LinesTable />
          <LabelPreview />
        </div>
      </div>
      <aside className="bench-side">
        <OrderCard />
        <BenchGuardLine mode="order" />
        <ScaleStrip />
        <ShipControls />
        {/* Under the order's actions, above the typed entry and the queue: at 1366×768 with a long
            address, a buyer message and a weight warning it stays on screen. The lines and the
            label keep the main column's height. */}
        <BenchDamage />
        <ManualEntry />
        <PrintQueueBadge />
      </aside>
      {/* The PIN prompt opens on top of the bind form it authorises. */}
      <BindBarcodeDialog />
      <BindLineDialog />
      <PartialShipWarning />
      <PutAsideDialog />
      <BenchAuthDialog />
      <DamageReportDialog />
    </div>
  );
}
