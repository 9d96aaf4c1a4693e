import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyHint } from '../../components/KeyHint';
import { sessionUserName } from '../../lib/bench-names';
import { keyInScan } from '../../lib/wedge-dom';
import { useSessionStore } from './session.store';

/**
 * Ctrl+L locks, as 锁定 does, from any screen: a packer stepping away does not reach for the mouse.
 * Read by physical key (an IME on reports "Process"), and never from inside a scanner burst.
 */
function useLockKey(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'KeyL' || !e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || e.repeat || keyInScan(e)) return;
      e.preventDefault();
      void useSessionStore.getState().lock('manual');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Who is packing, always visible: every scan and parcel is attributed to this person. */
export function PackerBadge() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.session?.user ?? null);
  const name = user ? sessionUserName(t, user) : null;
  const locked = useSessionStore((s) => s.session?.locked ?? false);
  const { lock, logout } = useSessionStore.getState();
  useLockKey(user !== null && !locked);
  return (
    <div className="packer">
      <div className="packer-badge" data-testid="packer" data-user-id={user?.id ?? ''} data-role={user?.role ?? ''} data-locked={locked}>
        <span className="packer-avatar" aria-hidden>
          {name ? name.slice(0, 1) : '?'}
        </span>
        <span className="packer-text">
          <span className="packer-name">{name ?? t('packer.nobody')}</span>
          {user && <span className="packer-role">{t(`roles.${user.role}`)}</span>}
        </span>
      </div>
      {user && (
        <>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void lock('manual')} aria-keyshortcuts="Control+L" data-testid="lock-button">
            {t('packer.lock')} <KeyHint keys="Ctrl+L" />
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void logout()} data-testid="logout-button">
            {t('packer.switch')}
          </button>
        </>
      )}
    </div>
  );
}
