import { join } from 'node:path';
import { app, dialog, protocol } from 'electron';
import { AppError } from '#shared/contract/errors';
import { languageFrom } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { DESKTOP_ATTACHMENT_SCHEME } from '#shared/domain/attachments';
import { createDesktopAttachments, DESKTOP_ATTACHMENT_PRIVILEGES } from '../host/attachments/attachment-protocol';
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
// Pack clips and pictures come through a scheme of the app's own (no HTTP server behind this window):
// privileged before ready, so a <video> streams and seeks by byte ranges and fetch may upload.
protocol.registerSchemesAsPrivileged([{ scheme: DESKTOP_ATTACHMENT_PRIVILEGES.scheme, privileges: { ...DESKTOP_ATTACHMENT_PRIVILEGES.privileges } }]);

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
  // The same route code as the browser station's /attachments/…, as Request → Response (electron/host).
  protocol.handle(DESKTOP_ATTACHMENT_SCHEME, createDesktopAttachments({
    routes: host.attachments, ticketMatches: (ticket) => host.context.media.ticketMatches(ticket), log: (line, error) => console.error(line, error ?? ''),
  }));
  window = createMainWindow();
  host.server.attach(ipcTransport(window));
  app.on('window-all-closed', () => {
    host.close();
    app.quit();
  });
});
