import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { retryConnection } from '../api/client';
import { useConnectionStore } from '../api/connection.store';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Toasts } from '../components/Toasts';
import { leaveEdits, UnsavedPrompt } from '../components/UnsavedPrompt';
import { BenchScreen } from '../features/bench/BenchScreen';
import { LoginScreen } from '../features/session/LoginScreen';
import { PackerBadge } from '../features/session/PackerBadge';
import { useSessionStore } from '../features/session/session.store';
import { GuardBadge } from '../features/guard/GuardBadge';
import { InboxBadge } from '../features/inbox/InboxBadge';
import { SyncIndicator, SyncNotices } from '../features/sync/SyncIndicator';
import { canOpen, screens, useNavStore, type Screen } from './nav.store';
import { useToastStore } from './toast.store';
import './app.css';
import '../components/controls.css';
import '../components/tables.css';
import '../components/overlays.css';

// The bench is the first screen and ships in the main chunk; the back-office screens load on demand.
const OrdersScreen = lazy(() => import('../features/orders/OrdersScreen').then((m) => ({ default: m.OrdersScreen })));
const CatalogScreen = lazy(() => import('../features/catalog/CatalogScreen').then((m) => ({ default: m.CatalogScreen })));
const ShipmentsScreen = lazy(() => import('../features/shipments/ShipmentsScreen').then((m) => ({ default: m.ShipmentsScreen })));
const HandoverScreen = lazy(() => import('../features/handover/HandoverScreen').then((m) => ({ default: m.HandoverScreen })));
const DamageScreen = lazy(() => import('../features/damage/DamageScreen').then((m) => ({ default: m.DamageScreen })));
const ReturnsScreen = lazy(() => import('../features/returns/ReturnsScreen').then((m) => ({ default: m.ReturnsScreen })));
const InboxScreen = lazy(() => import('../features/inbox/InboxScreen').then((m) => ({ default: m.InboxScreen })));
// ECharts comes with the dashboard only (its own chunk), never with the first screen.
const DashboardScreen = lazy(() => import('../features/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })));
const AuditScreen = lazy(() => import('../features/audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const DevicesScreen = lazy(() => import('../features/devices/DevicesScreen').then((m) => ({ default: m.DevicesScreen })));
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'bench':
      return <BenchScreen />;
    case 'orders':
      return <OrdersScreen />;
    case 'catalog':
      return <CatalogScreen />;
    case 'shipments':
      return <ShipmentsScreen />;
    case 'handover':
      return <HandoverScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'damage':
      return <DamageScreen />;
    case 'returns':
      return <ReturnsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function Nav() {
  const { t } = useTranslation();
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const role = useSessionStore((s) => s.session?.user?.role);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {screens.filter((s) => canOpen(s, role)).map((s) => (
        <button
          type="button"
          key={s}
          className={s === screen ? 'nav-item nav-on' : 'nav-item'}
          aria-current={s === screen ? 'page' : undefined}
          onClick={() => leaveEdits(() => go(s))}
          data-testid={`nav-${s}`}
        >
          {t(`nav.${s}`)}
          {s === 'orders' && <GuardBadge />}
        </button>
      ))}
    </nav>
  );
}

function ConnectionBar() {
  const status = useConnectionStore((s) => s.status);
  const retryInSec = useConnectionStore((s) => s.retryInSec);
  const tokenMissing = useConnectionStore((s) => s.tokenMissing);
  return <ConnectionBanner status={status} retryInSec={retryInSec} tokenMissing={tokenMissing} onRetry={retryConnection} />;
}

function ToastLayer() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return <Toasts toasts={toasts} onDismiss={dismiss} />;
}

export function App() {
  const { t } = useTranslation();
  const screen = useNavStore((s) => s.screen);
  const session = useSessionStore((s) => s.session);
  const gate = session === null ? 'loading' : session.user === null || session.locked ? 'login' : 'open';
  const role = session?.user?.role;
  // A packer who takes over the bench does not stay on a supervisor's screen.
  useEffect(() => {
    if (role !== undefined && !canOpen(screen, role)) useNavStore.getState().go('bench');
  }, [screen, role]);
  return (
    <div className="app" data-screen={screen}>
      <ConnectionBar />
      {gate === 'open' ? (
        <>
          <header className="topbar">
            <div className="brand">
              <span className="brand-mark">{t('app.mark')}</span>
              <span className="brand-name">{t('app.name')}</span>
            </div>
            <Nav />
            <SyncIndicator />
            <InboxBadge />
            <PackerBadge />
          </header>
          <SyncNotices />
          {session?.defaultPinInUse && session.user?.role === 'admin' && (
            <div className="default-pin-banner" role="alert" data-testid="default-pin-banner">
              {t('login.defaultPinBanner')}
            </div>
          )}
          <main className="main">
            <ErrorBoundary resetKey={screen}>
              <Suspense fallback={<div className="loading">{t('common.loading')}</div>}>
                <ScreenView screen={screen} />
              </Suspense>
            </ErrorBoundary>
          </main>
          <UnsavedPrompt />
        </>
      ) : gate === 'login' ? (
        <ErrorBoundary>
          <LoginScreen />
        </ErrorBoundary>
      ) : (
        <div className="loading loading-full" data-testid="app-loading">
          {t('common.connecting')}
        </div>
      )}
      <ToastLayer />
    </div>
  );
}
