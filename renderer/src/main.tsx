import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/client';
import { toUiError } from './api/errors';
import { App } from './app/App';
import { loadFonts } from './app/fonts';
import { startStation } from './app/start-station';
import { useToastStore } from './app/toast.store';
import { initI18n } from './i18n/setup';

loadFonts();
initI18n();
const api = connectApi(window);
startStation(api);

// A failed promise nobody awaited still tells the user something (never a silent failure).
window.addEventListener('unhandledrejection', (event) => {
  useToastStore.getState().fail(toUiError(event.reason));
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
