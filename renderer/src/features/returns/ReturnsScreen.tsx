import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHead } from '../../components/ScreenHead';
import { claimScans } from '../../lib/scan-sink';
import { ReturnIntake, ReturnsError } from './ReturnIntake';
import { ReturnsList } from './ReturnsList';
import { useReturnsStore } from './returns.store';
import './returns.css';

/** The scan field: a returned parcel's tracking number or the order id, typed or scanned. */
function ReturnScan() {
  const { t } = useTranslation();
  const looking = useReturnsStore((s) => s.looking);
  const notFound = useReturnsStore((s) => s.notFound);
  const { lookup, keepUnknown } = useReturnsStore.getState();
  const [text, setText] = useState('');
  const go = () => void lookup(text).then(() => setText(''));
  return (
    <section className="card return-scan" data-testid="return-scan">
      <p className="dialog-lead">{t('returns.scanLead')}</p>
      <div className="row-gap">
        <input className="input return-ref" value={text} maxLength={80} placeholder={t('returns.refHint')} onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), go())} data-testid="returns-ref" />
        <button type="button" className="btn btn-primary" disabled={looking || !text.trim()} onClick={go} data-testid="returns-lookup">
          {t('returns.lookup')}
        </button>
      </div>
      {notFound && (
        <div className="return-notfound" role="alert" data-testid="returns-notfound">
          <span>{t('returns.notFound', { ref: notFound })}</span>
          <button type="button" className="btn" onClick={keepUnknown} data-testid="returns-keep-unknown">{t('returns.keepUnknown')}</button>
        </div>
      )}
      <ReturnsError />
    </section>
  );
}

/**
 * 退货入库: scan the returned parcel (or type the order), mark each item good / defective / missing,
 * take photos, confirm. While this screen is shown the scanner is its own: a parcel number opens a
 * return, an item's barcode counts one good unit of it, PD:PHOTO snaps and PD:CANCEL starts over.
 */
export function ReturnsScreen() {
  const { t } = useTranslation();
  const seq = useReturnsStore((s) => s.seq);
  const open = useReturnsStore((s) => s.intake !== null);
  const [snaps, setSnaps] = useState(0);
  const onScan = useRef<(code: string) => void>(() => {});
  useEffect(() => {
    onScan.current = (code: string) => {
      const store = useReturnsStore.getState();
      const command = code.trim().toUpperCase();
      if (command === 'PD:PHOTO') return setSnaps((n) => n + 1);
      if (command === 'PD:CANCEL') return store.reset();
      if (command.startsWith('PD:')) return;
      if (store.intake) void store.scanItem(code);
      else void store.lookup(code);
    };
  });
  useEffect(() => claimScans((code) => onScan.current(code)), []);
  useEffect(() => void useReturnsStore.getState().load(), []);
  return (
    <div className="screen returns" data-testid="returns-screen">
      <ScreenHead title={t('nav.returns')} />
      <div className="returns-layout">
        <div className="returns-main">
          {!open && <ReturnScan />}
          <ReturnIntake key={seq} snapSignal={snaps} />
        </div>
        <ReturnsList />
      </div>
    </div>
  );
}
