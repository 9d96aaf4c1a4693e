import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchLine } from '#shared/contract/bench.contract';
import { useBenchStore } from './bench.store';

type RowProps = {
  line: BenchLine;
  onForce: (lineNo: number) => void;
  forceLabel: string;
  forcedLabel: string;
  disabled: boolean;
};

/** One order line. Memoised on its values: a scan re-renders only the line it changed. */
const LineRow = memo(
  function LineRow({ line, onForce, forceLabel, forcedLabel, disabled }: RowProps) {
    const done = line.verified >= line.qty;
    return (
      <tr
        className={done ? 'line line-done' : line.verified > 0 ? 'line line-partial' : 'line'}
        data-testid={`line-${line.lineNo}`}
        data-verified={line.verified}
        data-qty={line.qty}
        data-done={done}
      >
        <td className="line-progress num">
          <span className="line-verified">{line.verified}</span>
          <span className="line-sep">/</span>
          <span className="line-qty">{line.qty}</span>
        </td>
        <td>
          <div className="line-title">{line.title}</div>
          {line.props ? <div className="line-props">{line.props}</div> : null}
        </td>
        <td className="line-sku">{line.skuCode ?? '—'}</td>
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
    a.forceLabel === b.forceLabel,
);

export const LinesTable = memo(function LinesTable() {
  const { t } = useTranslation();
  const lines = useBenchStore((s) => s.state.lines);
  const hasOrder = useBenchStore((s) => s.state.order !== null);
  const busy = useBenchStore((s) => s.busy !== null || s.state.order?.blockedReason != null);
  const forceVerify = useBenchStore((s) => s.forceVerify);
  if (!hasOrder) {
    return (
      <div className="bench-empty" data-testid="bench-empty">
        <div className="bench-empty-icon" aria-hidden>
          ▥
        </div>
        <p>{t('bench.emptyTitle')}</p>
        <p className="muted">{t('bench.emptyHint')}</p>
      </div>
    );
  }
  const units = lines.reduce((n, l) => n + l.qty, 0);
  const verified = lines.reduce((n, l) => n + Math.min(l.verified, l.qty), 0);
  return (
    <div className="lines">
      <div className="lines-summary" data-testid="lines-summary" data-verified={verified} data-units={units}>
        {t('bench.progress', { verified, units })}
      </div>
      <table className="table lines-table">
        <thead>
          <tr>
            <th>{t('bench.colProgress')}</th>
            <th>{t('bench.colItem')}</th>
            <th>{t('bench.colSku')}</th>
            <th>{t('bench.colLocation')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <LineRow
              key={line.lineNo}
              line={line}
              onForce={forceVerify}
              forceLabel={t('bench.forceVerify')}
              forcedLabel={t('bench.forced')}
              disabled={busy}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
});
