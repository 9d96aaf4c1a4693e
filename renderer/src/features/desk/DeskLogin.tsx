import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { PinPad } from '../../components/PinPad';
import { retryInSeconds, usePinWait } from '../../components/pin-wait';
import { currentLanguage, setLanguage } from '../../i18n/setup';
import { hostText } from '../../lib/host-text';
import { rememberedName, useDeskStore } from './desk.store';

// Why the last login ended, as the hub said; 'unknown' when it no longer knew (it restarted).
const ENDED_TEXT = { idle: 'desk.sessionIdle', day: 'desk.sessionDay', revoked: 'desk.sessionRevoked', unknown: 'desk.sessionEnded' } as const;

/** The phone's login: the user's name as the shop's user list spells it, and their PIN on the same pad the benches use. */
export function DeskLogin() {
  const { t } = useTranslation();
  const busy = useDeskStore((s) => s.busy);
  const error = useDeskStore((s) => s.error);
  const ended = useDeskStore((s) => s.ended);
  const login = useDeskStore((s) => s.login);
  const idleMinutes = useDeskStore((s) => s.idleMinutes);
  const [name, setName] = useState(rememberedName);
  const nameBox = useRef<HTMLInputElement>(null);
  const wait = usePinWait(error);
  const lang = currentLanguage();
  // The pad takes the focus when it mounts; a phone with no name remembered starts at the name.
  useEffect(() => {
    if (!name) nameBox.current?.focus();
  }, []);
  return (
    <div className="login desk-login" data-testid="desk-login">
      <div className="login-card">
        <div className="login-brand">
          <span className="brand-mark">{t('app.mark')}</span> {t('desk.title')}
        </div>
        <h1 className="login-prompt">{t('desk.login.title')}</h1>
        <p className="muted">{t('desk.login.lead')}</p>
        {ended && !error && (
          <p className="error-text" role="alert" data-testid="desk-ended">
            {t(ENDED_TEXT[ended])}
          </p>
        )}
        <label className="desk-name">
          <span>{t('desk.login.name')}</span>
          <input
            ref={nameBox}
            className="input"
            value={name}
            maxLength={40}
            autoComplete="username"
            autoCapitalize="off"
            enterKeyHint="next"
            onChange={(e) => setName(e.target.value)}
            data-testid="desk-name"
          />
        </label>
        <span className="desk-name desk-pin-label">{t('desk.login.pin')}</span>
        <PinPad
          onSubmit={(pin) => {
            if (name.trim()) void login(name, pin);
            else nameBox.current?.focus();
          }}
          busy={busy}
          // The hub's own words say it all ("wrong name or PIN…"), without the generic "not allowed" before them.
          error={retryInSeconds(error) === 0 && <ErrorText error={error} testId="desk-login-error" overrides={error?.msg ? { FORBIDDEN: hostText(t, error.msg) } : {}} />}
          waitSeconds={wait}
          submitLabel={t('desk.login.submit')}
          testId="desk-pinpad"
        />
        <p className="muted small">{t('desk.shell.idle', { minutes: idleMinutes })}</p>
        <div className="login-lang">
          {(['zh-CN', 'en'] as const).map((l) => (
            <button type="button" key={l} className={lang === l ? 'chip chip-on' : 'chip'} onClick={() => setLanguage(l)}>
              {t('language.autonym', { lng: l })}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
