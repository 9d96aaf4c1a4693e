import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, session, type WebContents } from 'electron';

/** The renderer's own page: the packaged index.html, or the dev server while developing. */
const appPageUrl = () => process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

/** True only for the app's own page; any other file or site is foreign (no IPC, no navigation). */
export function isAppUrl(url: string): boolean {
  const expected = appPageUrl();
  return url === expected || url.startsWith(`${expected}#`) || (process.env['ELECTRON_RENDERER_URL'] !== undefined && url.startsWith(expected));
}

/** Denies navigation away from the app, new windows, webviews and every permission request but the bench's camera. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function applySessionPolicy(): void {
  // The webcam (pack video, damage photos), video only, for the app's own page; nothing else, for no one else.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const types = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permission === 'media' && isAppUrl(details.requestingUrl) && types.length > 0 && types.every((t) => t === 'video'));
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
