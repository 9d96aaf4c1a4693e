import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRole } from '#shared/contract/common';
import type { ShopUser } from '#shared/contract/session.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { DigitsInput } from '../../components/DigitsInput';
import { ErrorText } from '../../components/ErrorText';
import { useUnsavedEdits } from '../../components/UnsavedPrompt';
import { benchName, userName } from '../../lib/bench-names';
import { useSessionStore } from '../session/session.store';
import { useSyncStore } from '../sync/sync.store';
import { useSettingsStore } from './settings.store';

const roles: UserRole[] = ['packer', 'supervisor', 'admin'];

/** The shop's users as this station knows them; PINs are write-only (the host keeps scrypt hashes). */
export function UsersPanel() {
  const { t } = useTranslation();
  const users = useSettingsStore((s) => s.users);
  const error = useSettingsStore((s) => s.usersError);
  const me = useSessionStore((s) => s.session?.user?.id ?? null);
  const admin = useSessionStore((s) => s.session?.user?.role === 'admin');
  const [editing, setEditing] = useState<ShopUser | 'new' | null>(null);
  const role = useSyncStore((s) => (s.status?.paired ? s.status.role : null));
  // Paired as a packer or supervisor station, the shop's users are the admin station's: its factory administrator (published by it) names it.
  const elsewhere = role !== null && role !== 'admin';
  const adminStation = useSettingsStore((s) => s.usersManagedAt);
  // This bench's own administrator is not one of the shop's users: only a shop admin logged in here may change them.
  const manages = admin && (!elsewhere || users.find((u) => u.id === me)?.bench?.thisBench !== true);
  return (
    <section className="card" data-testid="users-panel">
      <h2>{t('users.title')}</h2>
      {elsewhere ? (
        <p className="muted" role="note" data-testid="users-elsewhere">
          {adminStation
            ? t('users.managedAt', { station: benchName(t, adminStation), role: t(`sync.stationRoles.${role}`) })
            : t('users.managedAtAdmin', { role: t(`sync.stationRoles.${role}`) })}
        </p>
      ) : (
        !admin && (
          <p className="muted" role="note" data-testid="users-admin-only">
            {t('users.adminOnly')}
          </p>
        )
      )}
      {/* Only an admin may see the list: anyone else would get an empty table. */}
      {admin && <UsersTable users={users} me={me} manages={manages} onEdit={setEditing} />}
      {editing === null ? (
        manages && (
          <button type="button" className="btn" onClick={() => setEditing('new')} data-testid="user-new">
            {t('users.add')}
          </button>
        )
      ) : (
        <UserForm key={editing === 'new' ? 'new' : editing.id} user={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      <ErrorText error={error} />
    </section>
  );
}

function UsersTable({ users, me, manages, onEdit }: { users: ShopUser[]; me: string | null; manages: boolean; onEdit: (user: ShopUser) => void }) {
  const { t } = useTranslation();
  const saveUser = useSettingsStore((s) => s.saveUser);
  return (
    // In its own box: a header sticky to the page stays pinned over the rows as Settings scrolls past a short table.
    <div className="table-wrap">
      <table className="table table-dense">
        <thead>
          <tr>
            <th>{t('users.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.badge')}</th>
            <th>{t('users.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.name}`}>
              <td data-testid="user-name-cell">{userName(t, u)}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.hasBadge ? '✓' : '—'}</td>
              <td className={u.active ? '' : 'muted'}>{u.active ? t('users.active') : t('users.inactive')}</td>
              <td className="actions">
                {manages && (
                  <button type="button" className="btn btn-small" onClick={() => onEdit(u)}>
                    {t('common.edit')}
                  </button>
                )}
                {manages && u.id !== me && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void saveUser({ id: u.id, name: u.name, role: u.role, active: !u.active })}
                    data-testid={`user-toggle-${u.name}`}
                  >
                    {u.active ? t('users.disable') : t('users.enable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserForm({ user, onDone }: { user: ShopUser | null; onDone: () => void }) {
  const { t } = useTranslation();
  const saveUser = useSettingsStore((s) => s.saveUser);
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<UserRole>(user?.role ?? 'packer');
  const [pin, setPin] = useState('');
  const [badge, setBadge] = useState('');
  const guarded = useUnsavedEdits(name !== (user?.name ?? '') || role !== (user?.role ?? 'packer') || pin !== '' || badge !== '');
  const pinOk = pin === '' ? user !== null : /^\d{4,8}$/.test(pin);
  const badgeOk = badge === '' || (badge.length >= 3 && badge.length <= 64);
  const valid = name.trim() !== '' && pinOk && badgeOk;
  const submit = async () => {
    const ok = await saveUser({
      ...(user ? { id: user.id } : {}),
      name: name.trim(),
      role,
      ...(pin ? { pin } : {}),
      ...(badge ? { badge } : {}),
    });
    if (ok) onDone();
  };
  return (
    <div className="user-form" data-testid="user-form">
      <div className="form-grid">
        <label htmlFor="user-name">{t('users.name')}</label>
        <input id="user-name" className="input" maxLength={40} value={name} onChange={(e) => setName(e.target.value)} data-testid="user-name" />
        <label htmlFor="user-role">{t('users.role')}</label>
        <select id="user-role" className="input" value={role} onChange={(e) => setRole(e.target.value as UserRole)} data-testid="user-role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor="user-pin">{t('users.pin')}</label>
        <div>
          <DigitsInput id="user-pin" type="password" autoComplete="new-password" maxLength={8} value={pin} onDigits={setPin} data-testid="user-pin" />
          {/* Said in red while what is typed cannot be saved: 保存 greyed out said nothing. */}
          <span className={pin !== '' && !pinOk ? 'error-text small' : 'muted small'} data-testid="user-pin-hint"> {user ? t('users.pinKeep') : t('users.pinRule')}</span>
        </div>
        <label htmlFor="user-badge">{t('users.badge')}</label>
        <div>
          <input id="user-badge" className="input" maxLength={64} value={badge} onChange={(e) => setBadge(e.target.value)} data-scan-target="field" data-testid="user-badge" />
          <span className={badgeOk ? 'muted small' : 'error-text small'} data-testid="user-badge-hint"> {user ? t('users.badgeHint') : t('users.badgeHintNew')}</span>
        </div>
      </div>
      <div className="row-gap">
        <ConfirmButtons onCancel={guarded(onDone)} label={t('common.save')} disabled={!valid} onConfirm={() => void submit()} testId="user-save" />
      </div>
    </div>
  );
}
