import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HandoverAbandoned, HandoverCounts, HandoverSummary } from '#shared/contract/handover.contract';
import { ErrorText } from '../../components/ErrorText';
import { ScreenHead } from '../../components/ScreenHead';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { primeAudio } from '../../lib/sounds';
import { claimScans } from '../../lib/scan-sink';
import { HandoverAbandon } from './HandoverAbandon';
import { HandoverClose } from './HandoverClose';
import { HandoverLists, HandoverPutBack } from './HandoverLists';
import { useHandoverStore } from './handover.store';
import './handover.css';
import { carrierName } from '../../lib/carrier-name';
import { benchName, saidName } from '../../lib/bench-names';

const COUNTS: (keyof HandoverCounts)[] = ['expected', 'accepted', 'missing', 'intercepted', 'unexpected', 'duplicate'];

function Counts({ counts }: { counts: HandoverCounts }) {
  const { t } = useTranslation();
  return (
    <div className="handover-counts" data-testid="handover-counts">
      {COUNTS.map((k) => (
        <div key={k} className={`handover-count handover-count-${k}`} data-testid={`handover-count-${k}`} data-value={counts[k]}>
          <span className="handover-count-value">{counts[k]}</span>
          <span className="handover-count-label">{t(`handover.counts.${k}`)}</span>
        </div>
      ))}
    </div>
  );
}

/** The last scan, full width and in its colour: green taken, red intercepted (an alarm you cannot miss), amber not this pickup's. */
function Feedback() {
  const { t } = useTranslation();
  const last = useHandoverStore((s) => s.last);
  const error = useHandoverStore((s) => s.error);
  if (!last) return <ErrorText error={error} testId="handover-error" />;
  const { scan } = last;
  const tone = scan.outcome === 'accepted' ? 'ok' : scan.outcome === 'intercepted' ? 'alarm' : 'warn';
  return (
    <div className={`handover-feedback handover-feedback-${tone}`} role="status" data-testid="handover-feedback" data-outcome={scan.outcome} data-seq={last.seq}>
      <div className="handover-feedback-title">{t(`handover.outcomes.${scan.outcome}`)}</div>
      <div className="handover-feedback-line mono">
        {scan.trackingNo ? t('handover.feedback', { trackingNo: scan.trackingNo, order: scan.orderExternalId ?? '' }) : scan.code}
      </div>
      {scan.detail && <div className="handover-feedback-detail">{hostText(t, scan.detail)}</div>}
    </div>
  );
}

function ManualCode() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const busy = useHandoverStore((s) => s.busy);
  const go = () => {
    if (!code.trim()) return;
    primeAudio();
    void useHandoverStore.getState().scan(code.trim()).then(() => setCode(''));
  };
  return (
    <div className="row-gap handover-manual">
      <input className="input handover-code" value={code} maxLength={128} placeholder={t('handover.codeHint')} aria-label={t('handover.codeHint')}
        onChange={(e) => setCode(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), go())} data-scan-target="field" data-testid="handover-code" />
      <button type="button" className="btn" disabled={busy || !code.trim()} onClick={go} data-testid="handover-code-submit">
        {t('handover.add')}
      </button>
    </div>
  );
}

function Sheet({ id, phone }: { id: string; phone: boolean }) {
  const { t } = useTranslation();
  const { sheet, print } = useHandoverStore.getState();
  return (
    <div className="row-gap">
      <button type="button" className="btn" onClick={() => void sheet(id)} data-testid="handover-pdf">
        {t('handover.sheet')}
      </button>
      {!phone && (
        <button type="button" className="btn" onClick={() => void print(id)} data-testid="handover-print">
          {t('handover.print')}
        </button>
      )}
    </div>
  );
}

/** Who abandoned it (作废), when and why: what the history keeps instead of a sheet. */
function abandonedText(t: TFunction, a: HandoverAbandoned): string {
  const reason = a.note ? `${t(`handover.abandon.reasons.${a.reason}`)}${t('common.colon')}${a.note}` : t(`handover.abandon.reasons.${a.reason}`);
  return a.by ? t('handover.abandon.by', { at: a.at, by: saidName(t, a.by), reason }) : t('handover.abandon.byUnknown', { at: a.at, reason });
}

/** An abandoned (作废) handover's page: who, when and why, and the parcels scanned in that wait for the next pickup again. */
function Abandoned({ a }: { a: HandoverAbandoned }) {
  const { t } = useTranslation();
  return (
    <section className="card handover-abandoned-card" data-testid="handover-abandoned-card">
      <p className="handover-warn" data-testid="handover-abandoned">
        {abandonedText(t, a)}
      </p>
      <p data-testid="handover-put-back" data-value={a.parcels}>
        {a.parcels > 0 ? t('handover.abandon.putBack', { count: a.parcels }) : t('handover.abandon.putBackNone')}
      </p>
    </section>
  );
}

/** The handover on screen: scanning while open, its reconciliation and sheet once closed. */
function Current({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const h = useHandoverStore((s) => s.current)!;
  const closing = useHandoverStore((s) => s.closing);
  const abandoning = useHandoverStore((s) => s.abandoning);
  const { back, setClosing, setAbandoning } = useHandoverStore.getState();
  const lang = currentLanguage();
  return (
    <div className="handover-current" data-testid="handover-current" data-state={h.state} data-id={h.id}>
      <div className="handover-head">
        <button type="button" className="btn btn-small" onClick={back} data-testid="handover-back">
          {t('handover.back')}
        </button>
        <strong className="handover-carrier">{carrierName(t, h.carrierCode, h.carrierName)}</strong>
        <span className={h.state === 'open' ? 'tag handover-tag-warn' : h.state === 'abandoned' ? 'tag tag-blocked' : 'tag'} data-testid="handover-state">
          {t(`handover.states.${h.state}`)}
        </span>
        <span className="small" data-testid="handover-number">{h.number}</span>
        <span className="small muted">{formatDateTime(h.closedAt ?? h.abandoned?.at ?? h.openedAt, lang)}</span>
        {h.courierName && <span className="small" data-testid="handover-courier-name">{`${t('handoverSheet.courier')}${t('common.colon')}${h.courierName}`}</span>}
      </div>
      {h.state === 'open' && (
        <>
          <Feedback />
          <p className="small muted">{t('handover.scanLead')}</p>
          <ManualCode />
        </>
      )}
      {/* Abandoned: nothing was handed over or missing, so no tally of zeros; what went back to waiting instead. */}
      {h.abandoned ? <Abandoned a={h.abandoned} /> : <Counts counts={h.counts} />}
      {h.state === 'open' && (
        <div className="row-gap">
          <button type="button" className="btn btn-primary handover-finish" onClick={() => setClosing(true)} data-testid="handover-finish">
            {t('handover.close')}
          </button>
          {/* Opened by mistake (wrong carrier, twice, no courier): gone without a 0-parcel sheet or parcels marked missing. */}
          <button type="button" className="btn" onClick={() => setAbandoning(true)} data-testid="handover-abandon">
            {t('handover.abandon.button')}
          </button>
        </div>
      )}
      {h.state === 'closed' && <Sheet id={h.id} phone={phone} />}
      {h.state === 'abandoned' ? <HandoverPutBack h={h} /> : <HandoverLists h={h} />}
      {closing && <HandoverClose />}
      {abandoning && <HandoverAbandon />}
    </div>
  );
}

function Row({ h, phone }: { h: HandoverSummary; phone: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className="handover-row" data-testid="handover-row" data-state={h.state}>
      <button type="button" className="handover-row-open" onClick={() => void useHandoverStore.getState().show(h.id)} data-testid="handover-row-open">
        {t(h.state === 'open' ? 'handover.rowOpen' : h.state === 'abandoned' ? 'handover.rowAbandoned' : 'handover.row', {
          carrier: carrierName(t, h.carrierCode, h.carrierName), count: h.abandoned ? h.abandoned.parcels : h.counts.accepted,
        })}
      </button>
      <span className="small muted">{h.number} · {formatDateTime(h.closedAt ?? h.abandoned?.at ?? h.openedAt, lang)}</span>
      {/* Two benches out of touch may each open one for the same carrier: where each was opened tells them apart. */}
      <span className="small muted" data-testid="handover-row-bench">{benchName(t, h.openedAtBench)}</span>
      {h.courierName && <span className="small">{h.courierName}</span>}
      {h.counts.missing > 0 && h.state === 'closed' && <span className="tag handover-tag-warn">{t('handover.counts.missing')} {h.counts.missing}</span>}
      {h.counts.intercepted > 0 && <span className="tag tag-blocked">{t('handover.counts.intercepted')} {h.counts.intercepted}</span>}
      {h.abandoned && <span className="small" data-testid="handover-row-abandoned">{abandonedText(t, h.abandoned)}</span>}
      {h.state === 'closed' && <Sheet id={h.id} phone={phone} />}
    </li>
  );
}

/** No handover on screen: the carriers with parcels waiting, handovers under way, and past ones to reprint. */
function Home({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const carriers = useHandoverStore((s) => s.carriers);
  const open = useHandoverStore((s) => s.open);
  const past = useHandoverStore((s) => s.past);
  const error = useHandoverStore((s) => s.error);
  return (
    <div className="handover-home">
      <section className="card">
        <h3>{t('handover.chooseCarrier')}</h3>
        <p className="small muted">{t('handover.lead')}</p>
        {carriers.length === 0 ? (
          <p className="muted">{t('handover.noCarriers')}</p>
        ) : (
          <div className="handover-carriers">
            {carriers.map((c) => {
              const going = open.filter((h) => h.carrierCode === c.carrierCode);
              // Scanned into a handover under way is still waiting (handed over only at its close): said, so the two counts agree.
              const scanned = going.reduce((n, h) => n + h.counts.accepted, 0);
              return (
                <button key={c.carrierCode} type="button" className="btn handover-carrier-btn" onClick={() => (primeAudio(), void useHandoverStore.getState().start(c.carrierCode))}
                  data-testid={`handover-carrier-${c.carrierCode}`}>
                  <strong>{carrierName(t, c.carrierCode, c.carrierName)}</strong>
                  <span data-testid="handover-carrier-awaiting">
                    {scanned > 0 ? t('handover.awaitingScanned', { count: c.awaiting, scanned }) : t('handover.awaiting', { count: c.awaiting })}
                  </span>
                  {c.kept > 0 && <span className="handover-reason small" data-testid="handover-carrier-kept">{t('handover.keptBack', { count: c.kept })}</span>}
                  <span className="small">{going.length > 0 ? t('handover.continue') : t('handover.open')}</span>
                </button>
              );
            })}
          </div>
        )}
        <ErrorText error={error} testId="handover-error" />
      </section>
      {open.length > 0 && (
        <section className="card">
          <h3>{t('handover.states.open')}</h3>
          <ul className="handover-rows">{open.map((h) => <Row key={h.id} h={h} phone={phone} />)}</ul>
        </section>
      )}
      <section className="card">
        <h3>{t('handover.past')}</h3>
        {past.length === 0 ? <p className="muted">{t('handover.none')}</p> : <ul className="handover-rows">{past.map((h) => <Row key={h.id} h={h} phone={phone} />)}</ul>}
      </section>
    </div>
  );
}

/**
 * 交接: the courier's pickup, scanner-driven like the bench. While this screen is shown the scanner
 * is its own: each code goes into the open handover, or, with none on screen, opens the handover of
 * that parcel's carrier (the packer scans the first parcel). `phone`: on the hub's desk (no label printer).
 */
export function HandoverScreen({ phone = false }: { phone?: boolean }) {
  const { t } = useTranslation();
  const current = useHandoverStore((s) => s.current);
  const onScan = useRef<(code: string) => void>(() => {});
  useEffect(() => {
    onScan.current = (code) => void useHandoverStore.getState().scan(code);
  });
  useEffect(() => claimScans((code) => onScan.current(code)), []);
  useEffect(() => void useHandoverStore.getState().load(), []);
  return (
    <div className="screen handover" data-testid="handover-screen">
      {!phone && <ScreenHead title={t('handover.title')} />}
      {current ? <Current phone={phone} /> : <Home phone={phone} />}
    </div>
  );
}
