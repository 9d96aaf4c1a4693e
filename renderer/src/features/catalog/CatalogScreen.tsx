import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOG_EXPORTER_ROLES, catalogStockFilters, stockStateOf, type Sku } from '#shared/contract/catalog.contract';
import { FilterButtons } from '../../components/FilterButtons';
import { ErrorText } from '../../components/ErrorText';
import { ImportReportView } from '../../components/ImportReportView';
import { ListTable } from '../../components/ListTable';
import { Pager } from '../../components/Pager';
import { ScreenHead } from '../../components/ScreenHead';
import { SearchBox } from '../../components/SearchBox';
import { formatGrams } from '../../lib/format';
import { readFileAsBase64 } from '../../lib/files';
import { useSessionStore } from '../session/session.store';
import { useCatalogStore } from './catalog.store';
import { SkuEditDialog, StockAdjustDialog } from './CatalogDialogs';
import { StockCountDialog } from './StockCountDialog';
import { StockDisposeDialog } from './StockDisposeDialog';
import { SkuImageButton } from '../media/SkuImageButton';

/** A column that looks like a quantity on hand: stock is counted (盘点), not imported with the SKU list. */
const STOCK_COLUMN = /库存|数量|stock|qty|quantity|on.?hand/i;

/**
 * On hand, flagged when below zero (red: sold what the shelf did not hold) or at or below the SKU's
 * 安全库存 (amber, with the threshold: time to reorder). A SKU below zero is only flagged negative.
 */
function StockCell({ sku }: { sku: Sku }) {
  const { t } = useTranslation();
  const state = stockStateOf(sku);
  return (
    <td className={state === 'negative' ? 'num negative' : state === 'low' ? 'num warn-text' : 'num'} data-testid={`on-hand-${sku.code}`} data-stock={state}>
      {sku.onHand}
      {state === 'low' && (
        <span className="chip chip-low" data-testid={`low-${sku.code}`} title={t('catalog.lowTitle', { threshold: sku.safetyStock })}>
          {t('catalog.low', { threshold: sku.safetyStock })}
        </span>
      )}
      {state !== 'low' && sku.safetyStock !== null && <span className="muted small"> / {sku.safetyStock}</span>}
    </td>
  );
}

/** 商品与库存: SKUs, their barcodes (case packs worth N units) and stock on hand. */
export function CatalogScreen() {
  const { t } = useTranslation();
  const s = useCatalogStore();
  const input = useRef<HTMLInputElement>(null);
  const role = useSessionStore((st) => st.session?.user?.role);
  const exportRefused = role !== undefined && !(CATALOG_EXPORTER_ROLES as readonly string[]).includes(role);
  useEffect(() => {
    void useCatalogStore.getState().load();
  }, []);
  const onFile = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    await s.importCsv({ name: file.name, base64: await readFileAsBase64(file) });
  };
  return (
    <div className="screen catalog" data-testid="catalog-screen">
      <ScreenHead title={t('nav.catalog')}>
        <div className="toolbar">
          <SearchBox value={s.query} label={t('catalog.search')} onSearch={s.setQuery} testId="catalog-search" />
          <FilterButtons
            filters={catalogStockFilters}
            value={s.filter}
            onPick={s.setFilter}
            label={(f) => t(`catalog.stockFilters.${f}`)}
            testIdPrefix="catalog-filter"
            ariaLabel={t('catalog.stockFilter')}
          />
          <label className="btn file-button">
            {t('catalog.importCsv')}
            <input ref={input} type="file" accept=".csv,text/csv" disabled={s.importing} onChange={(e) => void onFile(e.target.files?.[0])} data-testid="catalog-import-file" />
          </label>
          {/* A packer sees the button, told why it rests: the whole catalog with its stock is a manager's (the host refuses it too). */}
          <button
            type="button"
            className="btn"
            onClick={() => void s.exportCsv()}
            disabled={s.exporting || exportRefused}
            aria-describedby={exportRefused ? 'catalog-export-refused' : undefined}
            data-testid="catalog-export"
          >
            {t('catalog.exportCsv')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => s.edit(null)} data-testid="sku-new">
            {t('catalog.newSku')}
          </button>
        </div>
      </ScreenHead>
      <p className="muted small">{t('catalog.importHint')}</p>
      {exportRefused && (
        <p className="muted small" id="catalog-export-refused" data-testid="catalog-export-refused">
          {t('catalog.export.managersOnly')}
        </p>
      )}
      <ErrorText error={s.exportError} testId="catalog-export-error" />
      {s.exported && (
        <div className="muted" data-testid="catalog-exported">
          <p>{t('catalog.export.done', { skus: s.exported.skus, file: s.exported.fileName })}</p>
          {s.exported.notReadBack.count > 0 && (
            <p data-testid="catalog-not-read-back">
              {t('catalog.export.notReadBack', { count: s.exported.notReadBack.count, codes: s.exported.notReadBack.codes.join(t('common.listSep')) })}
            </p>
          )}
        </div>
      )}
      {s.importing && <div className="progress-label">{t('common.working')}</div>}
      <ErrorText error={s.importError} testId="catalog-import-error" />
      {s.report && (
        <div>
          <ImportReportView
            rejected={s.report.rejected}
            errors={s.report.errors}
            testId="catalog-report"
            stats={[
              [t('catalog.report.read'), s.report.skusRead],
              [t('catalog.report.created'), s.report.created],
              [t('catalog.report.updated'), s.report.updated],
              [t('catalog.report.unchanged'), s.report.unchanged],
              [t('catalog.report.barcodes'), s.report.barcodes],
            ]}
          />
          {s.report.unreadColumns.length > 0 && (
            <p className="muted" data-testid="catalog-unread">
              {t('catalog.report.unread', { columns: s.report.unreadColumns.join(t('common.listSep')) })}
              {s.report.unreadColumns.some((c) => STOCK_COLUMN.test(c)) && ` ${t('catalog.report.stockUnread')}`}
            </p>
          )}
          <button type="button" className="btn btn-small" onClick={s.clearReport}>
            {t('common.close')}
          </button>
        </div>
      )}
      <ErrorText error={s.error} />
      <ListTable
        items={s.skus}
        columns={7}
        loading={s.loading}
        emptyText={s.filter === 'all' ? t('catalog.empty') : t(`catalog.stockEmpty.${s.filter}`)}
        testId="catalog-table"
        head={
          <>
            <th>{t('catalog.code')}</th>
            <th>{t('catalog.name')}</th>
            <th>{t('catalog.barcodes')}</th>
            <th className="num">{t('catalog.weight')}</th>
            <th>{t('catalog.location')}</th>
            <th className="num">{t('catalog.onHand')}</th>
            <th className="num">{t('catalog.damaged')}</th>
            <th />
          </>
        }
        row={(sku) => (
          <tr key={sku.code} data-testid={`sku-row-${sku.code}`}>
            <td className="mono">{sku.code}</td>
            <td>{sku.name}</td>
            <td>
              <div className="chip-row">
                {sku.barcodes.map((b) => (
                  <span key={b.barcode} className={b.units > 1 ? 'chip chip-case' : 'chip'}>
                    <span className="mono">{b.barcode}</span>
                    {b.units > 1 && <b className="case-units"> ×{b.units}</b>}
                  </span>
                ))}
              </div>
            </td>
            <td className="num">{formatGrams(sku.weightG)}</td>
            <td>{sku.location || '—'}</td>
            <StockCell sku={sku} />
            {/* Kept apart from the shelf (returns, write-offs): not sellable, counted here so it is not lost, and disposed of (报废) from here. */}
            <td className="num muted">
              <span data-testid={`damaged-${sku.code}`}>{sku.damaged === 0 ? '—' : sku.damaged}</span>
              {sku.damaged > 0 && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => s.openDispose(sku)} data-testid={`dispose-${sku.code}`}>
                  {t('catalog.dispose')}
                </button>
              )}
            </td>
            <td className="actions">
              <button type="button" className="btn btn-small" onClick={() => s.edit(sku)}>
                {t('common.edit')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => s.openAdjust(sku)} data-testid={`adjust-${sku.code}`}>
                {t('catalog.adjust')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => s.openCount(sku)} data-testid={`count-${sku.code}`}>
                {t('catalog.count')}
              </button>
              <SkuImageButton skuCode={sku.code} />
            </td>
          </tr>
        )}
      />
      <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} />
      {s.editing && <SkuEditDialog key={s.editing.sku.code || 'new'} />}
      {s.adjusting && <StockAdjustDialog key={s.adjusting.code} />}
      {s.counting && <StockCountDialog key={s.counting.code} />}
      {s.disposing && <StockDisposeDialog key={s.disposing.code} />}
    </div>
  );
}
