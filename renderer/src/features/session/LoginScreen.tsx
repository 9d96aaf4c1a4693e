import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorText } from '../../components/ErrorText';
import { PinPad } from '../../components/PinPad';
import { retryInSeconds, usePinWait } from '../../components/pin-wait';
import { setLanguage, currentLanguage } from '../../i18n/setup';
import { sessionUserName } from '../../lib/bench-names';
import { useBenchStore } from '../bench/bench.store';
import { useSessionStore } from './session.store';
import './session.css';

const lastSeq = () => useBenchStore.getState().last?.seq ?? 0;


/**
 * What became of a scan made on this screen (after `since`): anything but a known badge gets a plain
 * answer, which replaces an older PIN error so only the latest problem shows.
 */
function ScanNotice({ since }: { since: number }) {
  const { t } = useTranslation();
  const last = useBenchStore((s) => s.last);
  const clearError = useSessionStore((s) => s.clearError);
  const fresh = last !== null && last.seq > since;
  useEffect(() => {
    if (fresh) clearError();
  }, [fresh, last?.seq, clearError]);
  if (!fresh) return null;
  let text: string | null = null;
  if (last.outcome === 'not_logged_in') text = t('login.scanNotBadge', { code: last.code });
  else if (last.outcome === 'error' && last.error) text = describeError(t, last.error, { FORBIDDEN: t('login.scanNotBadge', { code: last.code }) });
  if (!text) return null;
  return (
    <div key={last.seq} className="error-text login-scan-notice" role="alert" data-testid="login-scan-notice">
      {text}
    </div>
  );
}

/**
 * Shown when nobody is logged in or the bench is locked. A badge scan goes through the wedge
 * detector to bench.scan (the host answers 'login'); the PIN pad calls session.login.
 */
export function LoginScreen() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const busy = useSessionStore((s) => s.busy);
  const error = useSessionStore((s) => s.error);
  const loginWithPin = useSessionStore((s) => s.loginWithPin);
  const lockReason = useSessionStore((s) => s.lockReason);
  // Scans before this moment are not this screen's business; a PIN attempt moves it on.
  const [since, setSince] = useState(lastSeq);
  const locked = session?.locked === true && session.user !== null;
  const lang = currentLanguage();
  const wait = usePinWait(error);
  return (
    <div className="login" data-testid={locked ? 'lock-screen' : 'login-screen'}>
      <div className="login-card">
        <div className="login-brand">
          <span className="brand-mark">{t('app.mark')}</span> {t('app.name')}
        </div>
        <h1 className="login-prompt" data-testid="login-prompt">
          {locked && session?.user ? t('login.locked', { name: sessionUserName(t, session.user) }) : t('login.prompt')}
        </h1>
        <p className="muted" data-testid="login-hint">
          {!locked ? t(session?.endedBy === 'disabled' ? 'login.disabledHint' : 'login.hint') : lockReason === 'idle' ? t('login.lockedIdleHint') : lockReason === 'manual' ? t('login.lockedManualHint') : t('login.lockedHint')}
        </p>
        <PinPad
          onSubmit={(pin) => {
            setSince(lastSeq());
            void loginWithPin(pin);
          }}
          busy={busy}
          error={
            <>
              <ScanNotice since={since} />
              {retryInSeconds(error) === 0 && <ErrorText error={error} testId="login-error" overrides={{ FORBIDDEN: t('login.wrongPin') }} />}
            </>
          }
          waitSeconds={wait}
          submitLabel={locked ? t('login.unlock') : t('pin.submit')}
        />
        {/* For whoever logs in as the admin; a locked bench is open to anyone walking by. */}
        {session?.defaultPinInUse && !locked && <p className="login-default-pin" data-testid="login-default-pin">{t('login.defaultPin')}</p>}
        <div className="login-lang">
          <button type="button" className={lang === 'zh-CN' ? 'chip chip-on' : 'chip'} onMouseDown={(e) => e.preventDefault()} onClick={() => setLanguage('zh-CN')}>
            {t('language.autonym', { lng: 'zh-CN' })}
          </button>
          <button type="button" className={lang === 'en' ? 'chip chip-on' : 'chip'} onMouseDown={(e) => e.preventDefault()} onClick={() => setLanguage('en')}>
            {t('language.autonym', { lng: 'en' })}
          </button>
        </div>
      </div>
    </div>
  );
}
