import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostingStatus } from '#shared/contract/sync.contract';
import { ErrorText } from '../../components/ErrorText';
import { hostText } from '../../lib/host-text';
import { useHostingStore } from './hosting.store';
import { HubStationsTable } from './HubStationsTable';
import { Fingerprint, PairingCodeBox } from './PairingCodeBox';

/** While the hub runs, its station list (last seen) is refreshed this often. */
const refreshMs = 15_000;

/** 在本机运行同步中心: one PC per shop hosts the hub; the others join it with an address and a code. */
export function HostingPanel() {
  const { t } = useTranslation();
  const hosting = useHostingStore((s) => s.hosting);
  const error = useHostingStore((s) => s.error);
  // Shown with the code once there is one; until then beside the addresses.
  const codeShown = useHostingStore((s) => s.code !== null);
  const enabled = hosting?.enabled ?? false;
  useEffect(() => {
    void useHostingStore.getState().load();
  }, []);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => void useHostingStore.getState().load(), refreshMs);
    return () => clearInterval(timer);
  }, [enabled]);
  return (
    <section className="card hosting-panel" data-testid="hosting-panel">
      <h2>{t('sync.hosting.title')}</h2>
      <p className="muted small">{t('sync.hosting.lead')}</p>
      {hosting && <HostingSwitch key={hosting.port} hosting={hosting} />}
      {hosting?.running && (
        <>
          <HubUrls urls={hosting.urls} />
          {(hosting.phoneUrls?.length ?? 0) > 0 && <PhoneUrls urls={hosting.phoneUrls ?? []} />}
          {hosting.fingerprint && !codeShown && <Fingerprint value={hosting.fingerprint} />}
          <PairingCodeBox />
        </>
      )}
      {hosting && (hosting.enabled || hosting.stations.length > 0) && <HubStationsTable stations={hosting.stations} />}
      <ErrorText error={error} testId="hosting-error" />
    </section>
  );
}

function HostingSwitch({ hosting }: { hosting: HostingStatus }) {
  const { t } = useTranslation();
  const busy = useHostingStore((s) => s.busy);
  const setHosting = useHostingStore((s) => s.setHosting);
  const [port, setPort] = useState(String(hosting.port));
  const portNumber = Number(port);
  const portOk = /^\d+$/.test(port) && portNumber >= 1024 && portNumber <= 65535;
  const state = hosting.running ? 'running' : hosting.enabled ? (hosting.error ? 'failed' : 'starting') : 'off';
  return (
    <div className="hosting-switch">
      <div className="row-gap">
        <label className="inline-field hosting-toggle">
          <input
            type="checkbox"
            checked={hosting.enabled}
            disabled={busy || (!hosting.enabled && !portOk)}
            onChange={(e) => void setHosting(e.target.checked, portOk ? portNumber : hosting.port)}
            data-testid="host-hub-toggle"
          />
          {t('sync.hosting.toggle')}
        </label>
        <label className="inline-field" htmlFor="host-hub-port">
          {t('sync.hosting.port')}
        </label>
        <input
          id="host-hub-port"
          className={portOk ? 'input input-num' : 'input input-num input-bad'}
          inputMode="numeric"
          maxLength={5}
          value={port}
          disabled={hosting.enabled || busy}
          onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))}
          data-testid="host-hub-port"
        />
        <span className={`sync-tag hosting-${state}`} data-testid="hosting-state" data-state={state}>
          {t(`sync.hosting.state.${state}`)}
        </span>
      </div>
      <p className="muted small">{hosting.enabled ? t('sync.hosting.portLocked') : t('sync.hosting.portHint')}</p>
      {hosting.enabled && hosting.error && (
        <div className="error-text" role="alert" data-testid="hosting-run-error">
          {hostText(t, hosting.error)}
        </div>
      )}
    </div>
  );
}

function HubUrls({ urls }: { urls: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="hub-urls">
      <p>{t('sync.hosting.urlsLead')}</p>
      {urls.length === 0 ? (
        <p className="warn-text">{t('sync.hosting.noUrls')}</p>
      ) : (
        <ul>
          {urls.map((u) => (
            <li key={u} className="mono" data-testid="hub-url">
              {u}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Where supervisors' phones open the desk pages (the hub's own address); the certificate warning is expected once. */
function PhoneUrls({ urls }: { urls: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="hub-urls" data-testid="phone-urls">
      <p>{t('sync.hosting.phoneLead')}</p>
      <ul>
        {urls.map((u) => (
          <li key={u} className="mono" data-testid="phone-url">
            {u}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('sync.hosting.phoneHint')}</p>
    </div>
  );
}
