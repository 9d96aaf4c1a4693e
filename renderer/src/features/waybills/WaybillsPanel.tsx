import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaybillsStatus } from '#shared/contract/waybills.contract';
import { ErrorText } from '../../components/ErrorText';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { PrintQueueBadge } from '../print-queue/PrintQueuePanel';
import { useToastStore } from '../../app/toast.store';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useSessionStore } from '../session/session.store';
import { WaybillAccountsCard } from './WaybillAccountsCard';
import { usableProviders, useWaybillsStore } from './waybills.store';
import './waybills.css';

/** 电子面单: numbers fetched from a provider for the orders awaiting shipment, their failures and cancels. */
export function WaybillsPanel() {
  const role = useSessionStore((x) => x.session?.user?.role);
  useEffect(() => {
    void useWaybillsStore.getState().load();
  }, []);
  return (
    <div className="waybills" data-testid="waybills-panel">
      <WaybillCounts />
      <FetchCard />
      <FailuresCard />
      <CancelsCard />
      {role === 'admin' && <WaybillAccountsCard />}
      <WaybillsPinDialog />
    </div>
  );
}

function WaybillCounts() {
  const { t } = useTranslation();
  const status = useWaybillsStore((s) => s.status);
  const tiles = [
    ['ready', status?.ready],
    ['used', status?.used],
    ['cancelQueued', status?.cancelQueued],
    ['cancelled', status?.cancelled],
    ['awaitingWithout', status?.awaitingWithout],
  ] as const;
  return (
    <div className="wb-stats">
      {tiles.map(([k, n]) => (
        <div key={k} className={k === 'awaitingWithout' && n ? 'wb-stat wb-stat-todo' : 'wb-stat'} data-testid={`wb-count-${k}`}>
          <div className="wb-stat-label">{t(`waybillsUi.count.${k}`)}</div>
          <div className="wb-stat-value">{n ?? '—'}</div>
        </div>
      ))}
    </div>
  );
}

function FetchCard() {
  const { t } = useTranslation();
  const s = useWaybillsStore();
  const role = useSessionStore((x) => x.session?.user?.role);
  const usable = usableProviders(s.providers);
  const awaiting = s.status?.awaitingWithout ?? 0;
  const unprinted = s.status?.readyUnprinted ?? 0;
  const printAll = async () => {
    const done = await s.printReady();
    if (done) useToastStore.getState().ok(done.inQueue > 0 ? 'waybillsUi.queuedSome' : 'waybillsUi.queued', { count: done.queued, inQueue: done.inQueue });
  };
  const fetchAll = async () => {
    if (await s.fetch(null)) useToastStore.getState().ok('waybillsUi.fetched', { count: useWaybillsStore.getState().report?.issued ?? 0 });
  };
  return (
    <section className="card wb-fetch" data-testid="wb-fetch">
      <h2>{t('waybillsUi.fetchTitle')}</h2>
      <p className="muted small">{t('waybillsUi.fetchHint')}</p>
      {s.providers && usable.length === 0 ? (
        <p className="warn-text" data-testid="wb-not-configured">
          {s.providers.viaHub ? t('waybillsUi.notConfiguredHub') : role === 'admin' ? t('waybillsUi.notConfiguredAdmin') : t('waybillsUi.notConfigured')}
        </p>
      ) : (
        <div className="row-gap">
          <label htmlFor="wb-provider">{t('waybillsUi.provider')}</label>
          <select id="wb-provider" className="input" value={s.provider ?? ''} onChange={(e) => s.setProvider(e.target.value as typeof usable[number])} data-testid="wb-provider">
            {usable.map((p) => (
              <option key={p} value={p}>
                {t(`waybills.provider.${p}`)}
              </option>
            ))}
          </select>
          {s.providers?.viaHub && <span className="muted small">{t('waybillsUi.viaHub')}</span>}
          <button type="button" className="btn btn-primary" disabled={!s.provider || s.fetching || awaiting === 0} onClick={() => void fetchAll()} data-testid="wb-fetch-awaiting">
            {s.fetching ? t('waybillsUi.fetching') : t('waybillsUi.fetchAwaiting', { count: awaiting })}
          </button>
          <button type="button" className="btn" disabled={s.printing || unprinted === 0} onClick={() => void printAll()} data-testid="wb-print-ready">
            {s.printing ? t('waybillsUi.printing') : t('waybillsUi.printReady', { count: unprinted })}
          </button>
          {/* The labels print through the label queue: how they go, Retry and Reprint are there. */}
          <PrintQueueBadge />
        </div>
      )}
      {s.fetching && (
        <div className="wb-busy" role="status" aria-live="polite" data-testid="wb-fetching">
          <span className="wb-busy-bar" />
          <span className="small">{t('waybillsUi.fetchingLong')}</span>
        </div>
      )}
      <ErrorText error={s.error} testId="wb-error" />
      {s.report && (
        <p className="wb-report" data-testid="wb-report">
          {t('waybillsUi.report', { issued: s.report.issued, alreadyHad: s.report.alreadyHad, skipped: s.report.skipped, failed: s.report.failed.length })}
        </p>
      )}
      {/* Orders a 订单取消/退款 void holds got no number: said apart, with which, so nobody fetches them by hand. */}
      {s.report && s.report.held > 0 && (
        <p className="warn-text" data-testid="wb-report-held">
          {t('waybillsUi.reportHeld', {
            count: s.report.held,
            orders: s.report.heldOrders.join(t('common.listSeparator')) + (s.report.held > s.report.heldOrders.length ? ` +${s.report.held - s.report.heldOrders.length}` : ''),
          })}
        </p>
      )}
    </section>
  );
}

const noFailures: WaybillsStatus['failures'] = [];

function FailuresCard() {
  const { t, i18n } = useTranslation();
  const failures = useWaybillsStore((s) => s.status?.failures) ?? noFailures;
  const fetching = useWaybillsStore((s) => s.fetching);
  const provider = useWaybillsStore((s) => s.provider);
  const retry = useWaybillsStore((s) => s.fetch);
  if (failures.length === 0) return null;
  const retryAll = async () => {
    if (await retry(failures.map((f) => f.orderId))) useToastStore.getState().ok('waybillsUi.fetched', { count: useWaybillsStore.getState().report?.issued ?? 0 });
  };
  return (
    <section className="card" data-testid="wb-failures">
      <div className="wb-card-head">
        <h2>{t('waybillsUi.failuresTitle', { count: failures.length })}</h2>
        <button type="button" className="btn" disabled={fetching || !provider} onClick={() => void retryAll()} data-testid="wb-retry">
          {t('waybillsUi.retry', { count: failures.length })}
        </button>
      </div>
      <div className="table-wrap">
        <table className="table table-dense">
          <thead>
            <tr>
              <th>{t('waybillsUi.colOrder')}</th>
              <th>{t('waybillsUi.colProvider')}</th>
              <th>{t('waybillsUi.colReason')}</th>
              <th className="num">{t('waybillsUi.colAttempts')}</th>
              <th>{t('waybillsUi.colAt')}</th>
            </tr>
          </thead>
          <tbody>
            {failures.map((f) => (
              <tr key={f.orderId} data-testid={`wb-failure-${f.externalId}`}>
                <td className="mono nowrap">{f.externalId}</td>
                <td className="nowrap">{t(`waybills.provider.${f.provider}`)}</td>
                <td className="wb-reason" data-testid="wb-failure-reason">{hostText(t, f.message)}</td>
                <td className="num">{f.attempts}</td>
                <td className="small nowrap">{formatDateTime(f.at, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CancelsCard() {
  const { t, i18n } = useTranslation();
  const s = useWaybillsStore();
  const role = useSessionStore((x) => x.session?.user?.role);
  const [number, setNumber] = useState('');
  const cancels = s.status?.cancels ?? [];
  const canSend = role === 'supervisor' || role === 'admin';
  const send = async () => {
    const r = await s.sendCancels();
    if (r) useToastStore.getState().ok('waybillsUi.cancelsSent', { sent: r.sent, left: r.left });
  };
  const cancel = async () => {
    const trackingNo = number.trim();
    if (trackingNo.length < 4) return;
    if (await s.cancel(trackingNo)) {
      setNumber('');
      useToastStore.getState().ok('waybillsUi.cancelQueued', { tracking: trackingNo });
    }
  };
  return (
    <section className="card" data-testid="wb-cancels">
      <div className="wb-card-head">
        <h2>{t('waybillsUi.cancelsTitle', { count: cancels.length })}</h2>
        {canSend && cancels.length > 0 && (
          <button type="button" className="btn" disabled={s.cancelling} onClick={() => void send()} data-testid="wb-send-cancels">
            {s.cancelling ? t('common.working') : t('waybillsUi.sendNow')}
          </button>
        )}
      </div>
      {cancels.length === 0 ? (
        <p className="muted small">{t('waybillsUi.noCancels')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-dense" data-testid="wb-cancel-table">
            <thead>
              <tr>
                <th>{t('waybillsUi.colNumber')}</th>
                <th>{t('waybillsUi.colOrder')}</th>
                <th className="num">{t('waybillsUi.colAttempts')}</th>
                <th>{t('waybillsUi.colLastError')}</th>
                <th>{t('waybillsUi.colNextTry')}</th>
              </tr>
            </thead>
            <tbody>
              {cancels.map((c) => (
                <tr key={c.trackingNo} data-testid={`wb-cancel-${c.trackingNo}`}>
                  <td className="mono nowrap">{c.trackingNo}</td>
                  <td className="mono nowrap">{c.orderExternalId ?? '—'}</td>
                  <td className="num">{c.cancelAttempts}</td>
                  <td className="wb-reason">{c.cancelError ? hostText(t, c.cancelError) : '—'}</td>
                  <td className="small nowrap">{c.cancelNextAt ? formatDateTime(c.cancelNextAt, i18n.language) : t('waybillsUi.nextTrySoon')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="row-gap wb-cancel-form"
        onSubmit={(e) => {
          e.preventDefault();
          void cancel();
        }}
      >
        <label htmlFor="wb-cancel-number">{t('waybillsUi.cancelNumber')}</label>
        <input
          id="wb-cancel-number"
          className="input mono"
          maxLength={40}
          value={number}
          placeholder={t('waybillsUi.cancelPlaceholder')}
          onChange={(e) => setNumber(e.target.value)}
          data-scan-target="field"
          data-testid="wb-cancel-number"
        />
        <button type="submit" className="btn btn-danger-outline" disabled={number.trim().length < 4 || s.cancelling} data-testid="wb-cancel-submit">
          {t('waybillsUi.cancelSubmit')}
        </button>
      </form>
      <p className="muted small">{t('waybillsUi.cancelHint')}</p>
      <ErrorText error={s.cancelError} testId="wb-cancel-error" />
    </section>
  );
}

function WaybillsPinDialog() {
  const { t } = useTranslation();
  const ask = useWaybillsStore((s) => s.pinAsk);
  const busy = useWaybillsStore((s) => s.fetching || s.cancelling);
  const { authorize, cancelPin } = useWaybillsStore.getState();
  if (!ask) return null;
  const action = ask.action === 'fetch' ? t('waybillsUi.fetchAction') : t('waybillsUi.cancelAction', { tracking: ask.trackingNo });
  return <SupervisorPinDialog action={action} error={ask.error} busy={busy} onSubmit={(pin) => void authorize(pin)} onCancel={cancelPin} />;
}
