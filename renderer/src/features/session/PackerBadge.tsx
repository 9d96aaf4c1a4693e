import { useTranslation } from 'react-i18next';
import { sessionUserName } from '../../lib/bench-names';
import { useSessionStore } from './session.store';

/** Who is packing, always visible: every scan and parcel is attributed to this person. */
export function PackerBadge() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.session?.user ?? null);
  const name = user ? sessionUserName(t, user) : null;
  const locked = useSessionStore((s) => s.session?.locked ?? false);
  const { lock, logout } = useSessionStore.getState();
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
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void lock('manual')} data-testid="lock-button">
            {t('packer.lock')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void logout()} data-testid="logout-button">
            {t('packer.switch')}
          </button>
        </>
      )}
    </div>
  );
}
