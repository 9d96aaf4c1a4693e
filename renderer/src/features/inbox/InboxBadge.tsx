import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxKinds, type InboxCounts, type InboxKind } from '#shared/contract/inbox.contract';
import { useNavStore } from '../../app/nav.store';
import { useInboxStore } from './inbox.store';
import './inbox-badge.css';

/** Kinds where goods may leave wrongly or a human must act now: the badge turns red for them. */
const ALARM_KINDS: readonly InboxKind[] = ['parcel-stop', 'print-failed', 'damage', 'tracking-no-pickup', 'tracking-problem'];

const shown = (counts: InboxCounts) => (counts.total > 99 ? '99+' : `${counts.total}${counts.capped ? '+' : ''}`);

/**
 * The top bar's count of what needs a human, from every bench; hover (or tap) lists it by kind,
 * each opening the inbox at that kind.
 */
export function InboxBadge() {
  const { t } = useTranslation();
  const counts = useInboxStore((s) => s.counts);
  const [open, setOpen] = useState(false);
  if (!counts || counts.total === 0) return null;
  const kinds = inboxKinds.filter((k) => (counts.byKind[k] ?? 0) > 0);
  const lines = kinds.map((k) => t('inbox.badgeLine', { kind: t(`inbox.kinds.${k}`), count: counts.byKind[k] ?? 0 }));
  const alarm = kinds.some((k) => ALARM_KINDS.includes(k));
  const goTo = (kind: InboxKind | null) => {
    setOpen(false);
    useInboxStore.setState({ kind, view: 'open' });
    if (useNavStore.getState().screen === 'inbox') void useInboxStore.getState().load();
    else useNavStore.getState().go('inbox');
  };
  return (
    <div className="inbox-badge-wrap" onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className={alarm ? 'inbox-badge inbox-badge-alarm' : 'inbox-badge'}
        onClick={() => setOpen(!open)}
        onMouseEnter={() => setOpen(true)}
        aria-expanded={open}
        aria-label={t('inbox.badge', { count: counts.total })}
        title={[t('inbox.badge', { count: counts.total }), ...lines].join('\n')}
        data-testid="inbox-badge"
        data-count={counts.total}
      >
        <span aria-hidden>{t('inbox.badgeMark')}</span> {shown(counts)}
      </button>
      {open && (
        <ul className="inbox-badge-menu" data-testid="inbox-badge-menu">
          {kinds.map((k) => (
            <li key={k}>
              <button type="button" onClick={() => goTo(k)} data-testid={`inbox-badge-${k}`}>
                <span>{t(`inbox.kinds.${k}`)}</span> <b>{counts.byKind[k]}</b>
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => goTo(null)} data-testid="inbox-badge-all">
              {t('inbox.openAll')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
