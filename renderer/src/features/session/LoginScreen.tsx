import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { PinPad } from '../../components/PinPad';
import { setLanguage, currentLanguage } from '../../i18n/setup';
import { useSessionStore } from './session.store';
import './session.css';

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
  const locked = session?.locked === true && session.user !== null;
  const lang = currentLanguage();
  return (
    <div className="login" data-testid={locked ? 'lock-screen' : 'login-screen'}>
      <div className="login-card">
        <div className="login-brand">
          <span className="brand-mark">发</span> {t('app.name')}
        </div>
        <h1 className="login-prompt" data-testid="login-prompt">
          {locked ? t('login.locked', { name: session?.user?.name ?? '' }) : t('login.prompt')}
        </h1>
        <p className="muted">{locked ? t('login.lockedHint') : t('login.hint')}</p>
        <PinPad
          onSubmit={(pin) => void loginWithPin(pin)}
          busy={busy}
          error={<ErrorText error={error} testId="login-error" />}
          submitLabel={locked ? t('login.unlock') : t('pin.submit')}
        />
        {session?.defaultPinInUse && <p className="login-default-pin">{t('login.defaultPin')}</p>}
        <div className="login-lang">
          <button type="button" className={lang === 'zh-CN' ? 'chip chip-on' : 'chip'} onClick={() => setLanguage('zh-CN')}>
            中文
          </button>
          <button type="button" className={lang === 'en' ? 'chip chip-on' : 'chip'} onClick={() => setLanguage('en')}>
            English
          </button>
        </div>
      </div>
    </div>
  );
}
