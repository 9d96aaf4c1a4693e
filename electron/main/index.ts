import { join } from 'node:path';
import { app, dialog } from 'electron';
import { AppError } from '#shared/contract/errors';
import { languageFrom } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { createHost, type Host } from '../host/create-host';
import { resolveDataDir } from '../host/data-dir';
import { deskFactory } from '../host/desk/desk-station';
import { createHubHosting } from '../hub/hub-hosting';
import { ipcTransport } from './ipc-transport';
import { createDriverPrinting } from './os-printer';
import { osSecretBox } from './secret-box';
import { applySessionPolicy } from './security';
import { createMainWindow } from './window';

// Composition root: the host core runs in this process, the window talks to it over one IPC channel.
if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  applySessionPolicy();
  let host: Host;
  let window: ReturnType<typeof createMainWindow> | null = null;
  try {
    host = createHost({
      dataDir: resolveDataDir(process.argv, process.env, app.getPath('userData')),
      sync: {
        autoSync: true,
        // Hosting the hub also serves the supervisor's phone pages, from the renderer this app ships.
        hubHosting: createHubHosting({ appVersion: app.getVersion(), desk: deskFactory(join(import.meta.dirname, '../renderer'), (line, error) => console.error(line, error ?? '')) }),
      },
      // A PDF printer set to a system printer prints through its driver, via the bench window.
      printing: { driver: createDriverPrinting(() => window?.webContents ?? null) },
      // E-waybill accounts sealed by the OS keychain where there is one.
      secrets: osSecretBox(),
    });
  } catch (error) {
    // In the system's language (the station's own setting is in the database that did not open).
    const { t } = createTranslator(languageFrom(app.getLocale()));
    const reason = error instanceof AppError ? t(error.msg) : String(error);
    // Most often better-sqlite3 built for Node's ABI instead of Electron's: say how to fix it.
    const abi = /NODE_MODULE_VERSION/.test(String(error)) ? `\n\n${t(msg('app.nativeRebuild'))}` : '';
    dialog.showErrorBox(t(msg('app.cannotStart')), `${reason}${abi}`);
    app.exit(1);
    return;
  }
  window = createMainWindow();
  host.server.attach(ipcTransport(window));
  app.on('window-all-closed', () => {
    host.close();
    app.quit();
  });
});
