import { app } from 'electron';
import { createHost } from '../host/create-host';
import { resolveDataDir } from '../host/data-dir';
import { ipcTransport } from './ipc-transport';
import { applySessionPolicy } from './security';
import { createMainWindow } from './window';

// Composition root: the host core runs in this process, the window talks to it over one IPC channel.
if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  applySessionPolicy();
  const host = createHost({ dataDir: resolveDataDir(process.argv, process.env, app.getPath('userData')) });
  const window = createMainWindow();
  host.server.attach(ipcTransport(window));
  app.on('window-all-closed', () => {
    host.close();
    app.quit();
  });
});
