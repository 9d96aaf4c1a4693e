import { ClipsButton } from '../media/ClipsButton';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastStore } from '../../app/toast.store';
import { ErrorText } from '../../components/ErrorText';
import { FilterButtons } from '../../components/FilterButtons';
import { ListTable } from '../../components/ListTable';
import { Pager } from '../../components/Pager';
import { ScreenHead } from '../../components/ScreenHead';
import { SearchBox } from '../../components/SearchBox';
import { saidName } from '../../lib/bench-names';
import { formatDateTime, formatGrams } from '../../lib/format';
import { voidReasonText } from '../../lib/void-reason';
import { hostText } from '../../lib/host-text';
import { useSessionStore } from '../session/session.store';
import { TrackingDialog } from '../tracking/TrackingDialog';
import { TrackingImportDialog } from '../tracking/TrackingImportDialog';
import { TrackingChip } from '../tracking/TrackingTimeline';
import { useTrackingStore } from '../tracking/tracking.store';
import { WaybillsPanel } from '../waybills/WaybillsPanel';
import { CarrierRulesEditor } from './CarrierRulesEditor';
import { CarriersPanel } from './CarriersPanel';
import { ExportBar } from './ExportBar';
import { useShipmentsStore, type ShipmentFilter } from './shipments.store';
import { VoidDialog } from './VoidDialog';
import './shipments.css';
import { carrierName } from '../../lib/carrier-name';

type Tab = 'shipments' | 'waybills' | 'carriers' | 'rules';
const filters: ShipmentFilter[] = ['all', 'active', 'not-exported', 'void'];

/** 发货记录: parcels shipped, reprint and void, the 批量发货 export, 电子面单 取号, carriers, pools and rules. */
export function ShipmentsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('shipments');
  return (
    <div className="screen shipments" data-testid="shipments-screen">
      <ScreenHead title={t('nav.shipments')}>
        <div className="segmented" role="tablist">
          {(['shipments', 'waybills', 'carriers', 'rules'] as const).map((k) => (
            <button type="button" role="tab" key={k} aria-selected={tab === k} className={tab === k ? 'seg seg-on' : 'seg'} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
              {t(`shipments.tabs.${k}`)}
            </button>
          ))}
        </div>
      </ScreenHead>
      {tab === 'shipments' && <ShipmentsList />}
      {tab === 'waybills' && <WaybillsPanel />}
      {tab === 'carriers' && <CarriersPanel />}
      {tab === 'rules' && <CarrierRulesEditor />}
    </div>
  );
}

function ShipmentsList() {
  const { t, i18n } = useTranslation();
  const s = useShipmentsStore();
  const role = useSessionStore((x) => x.session?.user?.role);
  const tracking = useTrackingStore.getState();
  useEffect(() => {
    void useShipmentsStore.getState().load();
  }, []);
  const reprint = async (id: string) => {
    const where = await s.reprint(id);
    if (where) useToastStore.getState().ok('shipments.reprinted', { where });
  };
  return (
    <>
      <div className="toolbar">
        <SearchBox value={s.query} label={t('shipments.search')} onSearch={s.setQuery} testId="shipments-search" />
        <FilterButtons filters={filters} value={s.filter} onPick={s.setFilter} label={(f) => t(`shipments.filters.${f}`)} testIdPrefix="shipments-filter" />
        {(role === 'supervisor' || role === 'admin') && (
          <button type="button" className="btn" onClick={() => tracking.setImportOpen(true)} data-testid="tracking-import-open">
            {t('tracking.import.button')}
          </button>
        )}
      </div>
      <ExportBar />
      <ErrorText error={s.error} />
      <ListTable
        items={s.shipments}
        columns={11}
        loading={s.loading}
        emptyText={t('shipments.empty')}
        testId="shipments-table"
        head={
          <>
            <th>{t('shipments.colTime')}</th>
            <th>{t('shipments.colOrder')}</th>
            <th>{t('shipments.colCarrier')}</th>
            <th>{t('shipments.colTracking')}</th>
            <th className="num">{t('shipments.colParcel')}</th>
            <th className="num">{t('shipments.colWeight')}</th>
            <th>{t('shipments.colPacker')}</th>
            <th className="num">{t('shipments.colPrints')}</th>
            <th>{t('shipments.colState')}</th>
            <th>{t('tracking.column')}</th>
            <th />
          </>
        }
        row={(x) => (
          <tr key={x.id} className={x.voidedAt ? 'row-void' : ''} data-testid={`shipment-row-${x.trackingNo}`}>
            <td className="small">{formatDateTime(x.createdAt, i18n.language)}</td>
            <td className="mono">{x.orderExternalId}</td>
            <td>{carrierName(t, x.carrierCode, x.carrierName)}</td>
            <td className="mono">
              {x.trackingNo}
              {x.trackingWarning && <div className="small warn-text">{hostText(t, x.trackingWarning)}</div>}
            </td>
            <td className="num">
              {x.parcelNo}/{x.parcelCount}
            </td>
            <td className="num">{formatGrams(x.weightG)}</td>
            <td>{saidName(t, x.packerName)}</td>
            <td className="num">{x.printCount}</td>
            <td>
              {x.voidedAt ? (
                <span className="tag tag-void" title={voidReasonText(t, x.voidReason ?? '')}>
                  {t('shipments.voided')}: {voidReasonText(t, x.voidReason ?? '')}
                </span>
              ) : x.exportedAt ? (
                <span className="tag tag-shipped">{t('shipments.exported')}</span>
              ) : x.handedOverAt ? (
                <span className="tag tag-shipped" title={formatDateTime(x.handedOverAt, i18n.language)}>{t('shipments.handedOver')}</span>
              ) : (
                <span className="tag tag-open">{x.printedAt ? t('shipments.printed') : t('shipments.notPrinted')}</span>
              )}
            </td>
            <td>
              <button type="button" className="tracking-open" title={t('tracking.timeline.title')} onClick={() => void tracking.show(x.trackingNo)} data-testid={`tracking-${x.trackingNo}`}>
                <TrackingChip state={x.tracking?.state ?? null} />
              </button>
            </td>
            <td className="actions">
              <ClipsButton orderId={x.orderId} externalId={x.orderExternalId} />
              {!x.voidedAt && (
                <>
                  <button type="button" className="btn btn-small" disabled={s.busyId === x.id} onClick={() => void reprint(x.id)} data-testid={`reprint-${x.trackingNo}`}>
                    {t('shipments.reprint')}
                  </button>
                  <button type="button" className="btn btn-small btn-danger-outline" disabled={s.busyId === x.id} onClick={() => s.openVoid(x)} data-testid={`void-${x.trackingNo}`}>
                    {t('shipments.void')}
                  </button>
                </>
              )}
            </td>
          </tr>
        )}
      />
      <Pager offset={s.offset} limit={s.limit} total={s.total} onPage={s.setPage} />
      {s.voiding && <VoidDialog key={s.voiding.shipment.id} />}
      <TrackingDialog />
      <TrackingImportDialog onImported={() => void s.load()} />
    </>
  );
}
