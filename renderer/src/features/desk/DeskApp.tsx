import { StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { DeskSession } from '#shared/contract/desk.contract';
import { retryConnection } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { sessionUserName } from '../../lib/bench-names';
import { useToastStore } from '../../app/toast.store';
import { Toasts } from '../../components/Toasts';
import { leaveEdits, UnsavedPrompt } from '../../components/UnsavedPrompt';
import { DeskLogin } from './DeskLogin';
import { followHistory } from './desk-history';
import { useDeskStore } from './desk.store';
import { deskTabs, type DeskTab } from './desk-tabs';
import '../../app/app.css';
import '../../components/controls.css';
import '../../components/tables.css';
import '../../components/overlays.css';
import '../session/session.css';
import './desk.css';

/** Starts the phone shell on `root` (main.tsx, when the hub's desk served the page). */
export function mountDesk(root: HTMLElement, session: DeskSession): void {
  useDeskStore.getState().begin(session);
  createRoot(root).render(
    <StrictMode>
      <DeskApp />
    </StrictMode>,
  );
}

/** The supervisor's pages on a phone (390 px wide and up): a top bar, the open screen, tabs at the bottom. */
export function DeskApp() {
  const user = useDeskStore((s) => s.user);
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="desk" data-testid="desk">
      {user ? <DeskShell /> : <DeskLogin />}
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}

function DeskShell() {
  const { t } = useTranslation();
  const user = useDeskStore((s) => s.user)!;
  const tab = useDeskStore((s) => s.tab);
  const go = useDeskStore((s) => s.go);
  const logout = useDeskStore((s) => s.logout);
  const connection = useConnectionStore((s) => s.status);
  const current = deskTabs.find((d) => d.id === tab) ?? deskTabs[0];
  const Screen = current?.screen;
  useEffect(() => followHistory(window), []);
  return (
    <>
      <header className="desk-top">
        <span className="brand-mark">{t('app.mark')}</span>
        <div className="desk-user" data-testid="desk-user">
          <strong>{sessionUserName(t, user)}</strong>
          <span>{t(`roles.${user.role}`)}</span>
        </div>
        <button type="button" className="btn btn-ghost desk-logout" onClick={() => leaveEdits(() => void logout())} data-testid="desk-logout">
          {t('desk.shell.logout')}
        </button>
      </header>
      {connection === 'down' && (
        <button type="button" className="desk-offline" role="alert" onClick={retryConnection} data-testid="desk-offline">
          {t('desk.shell.offline')}
        </button>
      )}
      <main className="desk-main">
        <ErrorBoundary resetKey={tab}>
          <Suspense fallback={<div className="loading">{t('common.loading')}</div>}>{Screen && <Screen />}</Suspense>
        </ErrorBoundary>
      </main>
      {/* Asked for by a form with edits that would be closed (useUnsavedEdits). */}
      <UnsavedPrompt />
      <nav className="desk-tabs" aria-label={t('desk.shell.tabs')}>
        {deskTabs.map((d) => (
          // A courier's signature or a half-typed decision is asked about before another tab drops it.
          <DeskTabButton key={d.id} tab={d} on={d.id === current?.id} onTap={() => leaveEdits(() => go(d.id))} />
        ))}
      </nav>
    </>
  );
}

/** One tab: its label, and the count of what waits there when the tab has one. */
function DeskTabButton({ tab, on, onTap }: { tab: DeskTab; on: boolean; onTap: () => void }) {
  const { t } = useTranslation();
  // The tab list never changes while the page lives, so each button calls the same hooks every render.
  const count = tab.useCount?.() ?? null;
  return (
    <button type="button" className={on ? 'desk-tab desk-tab-on' : 'desk-tab'} aria-current={on ? 'page' : undefined} onClick={onTap} data-testid={`desk-tab-${tab.id}`}>
      <span className="desk-tab-label">{t(tab.label)}</span>
      {count !== null && count > 0 && (
        <span className="desk-count" data-testid={`desk-count-${tab.id}`}>
          {count}
        </span>
      )}
    </button>
  );
}
