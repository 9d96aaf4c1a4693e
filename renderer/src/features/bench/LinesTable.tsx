import { SkuThumb } from '../media/SkuThumb';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchLine } from '#shared/contract/bench.contract';
import { useBenchStore, type LastScan } from './bench.store';
import { LineTitle } from './LineTitle';
import { useRowsInView, type RowsInView } from './rows-in-view';
import { BenchEmpty } from './BenchEmpty';

type RowProps = {
  line: BenchLine;
  /** Whether the row is in view (not compared: one object for the table's life). */
  view: RowsInView;
  onForce: (lineNo: number) => void;
  forceLabel: string;
  forcedLabel: string;
  noSkuLabel: string;
  disabled: boolean;
  /** The scan sequence number when the last scan hit this line (0 otherwise): flashes and scrolls it into view. */
  flash: number;
  flashTone: 'ok' | 'over';
};

/** One order line. Memoised on its values: a scan re-renders only the line it changed. */
const LineRow = memo(
  function LineRow({ line, view, onForce, forceLabel, forcedLabel, noSkuLabel, disabled, flash, flashTone }: RowProps) {
    const row = useRef<HTMLTableRowElement>(null);
    useEffect(() => view.watch(row.current), [view]);
    useEffect(() => {
      if (flash) return view.bringIntoView(row.current);
    }, [flash, view]);
    const done = line.verified >= line.qty;
    const state = done ? 'line line-done' : line.verified > 0 ? 'line line-partial' : 'line';
    const hit = flash ? ` line-last line-last-${flashTone} line-flash-${flash % 2}` : '';
    return (
      <tr
        ref={row}
        className={state + hit}
        data-testid={`line-${line.lineNo}`}
        data-verified={line.verified}
        data-qty={line.qty}
        data-done={done}
        data-last={flash > 0}
      >
        <td className="line-progress num">
          <span className="line-verified">{line.verified}</span>
          <span className="line-sep">/</span>
          <span className="line-qty">{line.qty}</span>
        </td>
        <td className={line.image ? 'line-item line-item-pic' : 'line-item'}>
          <SkuThumb image={line.image} skuCode={line.skuCode} />
          <div>
            <LineTitle title={line.title} />
            {line.props ? <div className="line-props">{line.props}</div> : null}
          </div>
        </td>
        <td className="line-sku">{line.skuCode ?? <span className="line-nosku">{noSkuLabel}</span>}</td>
        <td className="line-location">{line.location || '—'}</td>
        <td className="line-action">
          {done ? (
            <span className="line-check">{line.forced ? forcedLabel : '✓'}</span>
          ) : (
            <button type="button" className="btn btn-small" disabled={disabled} onClick={() => onForce(line.lineNo)} data-testid={`force-${line.lineNo}`}>
              {forceLabel}
            </button>
          )}
        </td>
      </tr>
    );
  },
  (a, b) =>
    a.line.verified === b.line.verified &&
    a.line.qty === b.line.qty &&
    a.line.forced === b.line.forced &&
    a.line.title === b.line.title &&
    a.line.lineNo === b.line.lineNo &&
    a.disabled === b.disabled &&
    a.forceLabel === b.forceLabel &&
    a.noSkuLabel === b.noSkuLabel &&
    a.flash === b.flash,
);

/** The line the last item scan counted (or refused as over-scan), so the packer sees which one. */
function lastHit(last: LastScan | null, lines: BenchLine[]): { lineNo: number; tone: 'ok' | 'over' } | null {
  if (!last) return null;
  const { lineNo, skuCode } = last.detail;
  if (last.outcome === 'verified' && lineNo) return { lineNo: Number(lineNo), tone: 'ok' };
  const bySku = skuCode ? lines.find((l) => l.skuCode === skuCode) : undefined;
  if (!bySku) return null;
  if (last.outcome === 'over_scan') return { lineNo: bySku.lineNo, tone: 'over' };
  if (last.outcome === 'completed') return { lineNo: bySku.lineNo, tone: 'ok' };
  return null;
}

/**
 * When an order (re)opens half packed, the first line still to pack is scrolled into view. The
 * scroller is new with each order (keyed on it), so an order whose first line is still to pack
 * needs no scrolling, and no layout is read for it.
 */
function useFirstOpenLineInView(orderId: string | null) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = scroller.current;
    const row = box?.querySelector<HTMLTableRowElement>('tr[data-done="false"]');
    if (!box || !row || row === box.querySelector('tbody tr')) return;
    // Just below the sticky header; rows are offset within the table, which starts at the top of the box.
    const frame = requestAnimationFrame(() => (box.scrollTop = row.offsetTop - (box.querySelector('thead')?.offsetHeight ?? 0)));
    return () => cancelAnimationFrame(frame);
  }, [orderId]);
  return scroller;
}

export const LinesTable = memo(function LinesTable() {
  const { t } = useTranslation();
  const lines = useBenchStore((s) => s.state.lines);
  const hasOrder = useBenchStore((s) => s.state.order !== null);
  const blocked = useBenchStore((s) => s.state.order?.blockedReason != null && !s.state.shipments.some((x) => x.voidedAt === null));
  const busy = useBenchStore((s) => s.busy !== null || s.state.order?.blockedReason != null);
  const last = useBenchStore((s) => s.last);
  const forceVerify = useBenchStore((s) => s.forceVerify);
  const orderId = useBenchStore((s) => s.state.order?.id ?? null);
  const scroller = useFirstOpenLineInView(orderId);
  const view = useRowsInView();
  // Looked up once per language, not on every scan (each lookup is a full i18next resolution).
  const text = useMemo(
    () => ({
      cols: [t('bench.colProgress'), t('bench.colItem'), t('bench.colSku'), t('bench.colLocation')],
      force: t('bench.forceVerify'), forced: t('bench.forced'), noSku: t('bench.noSku'),
    }),
    [t],
  );
  if (!hasOrder) {
    return <BenchEmpty />;
  }
  const units = lines.reduce((n, l) => n + l.qty, 0);
  const verified = lines.reduce((n, l) => n + Math.min(l.verified, l.qty), 0);
  const hit = lastHit(last, lines);
  return (
    <div className={blocked ? 'lines lines-blocked' : 'lines'}>
      <div className="lines-summary" data-testid="lines-summary" data-verified={verified} data-units={units}>
        {t('bench.progress', { verified, units })}
      </div>
      <div className="lines-scroll" ref={scroller} key={orderId}>
        <table className="table lines-table">
          <thead>
            <tr>
              {text.cols.map((col) => (
                <th key={col}>{col}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <LineRow
                key={line.lineNo}
                line={line}
                view={view}
                onForce={forceVerify}
                forceLabel={text.force}
                forcedLabel={text.forced}
                noSkuLabel={text.noSku}
                disabled={busy}
                flash={hit?.lineNo === line.lineNo ? (last?.seq ?? 0) : 0}
                flashTone={hit?.tone ?? 'ok'}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});
