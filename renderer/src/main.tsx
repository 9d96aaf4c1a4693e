import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/client';
import { toUiError } from './api/errors';
import { App } from './app/App';
import { loadFonts } from './app/fonts';
import { startStation } from './app/start-station';
import { useToastStore } from './app/toast.store';
import { probeDesk } from './features/desk/desk-http';
import { browserPageMemory } from './features/session/page-memory';
import { initI18n } from './i18n/setup';

loadFonts();
initI18n();

// A failed promise nobody awaited still tells the user something (never a silent failure).
window.addEventListener('unhandledrejection', (event) => {
  useToastStore.getState().fail(toUiError(event.reason));
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// Served by the hub to a supervisor's phone: the phone shell; otherwise the bench (desktop window or browser station).
void probeDesk(window).then(async (desk) => {
  if (desk) return (await import('./features/desk/DeskApp')).mountDesk(root, desk);
  startStation(connectApi(window), document, browserPageMemory(window));
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
