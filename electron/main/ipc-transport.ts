import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { isRpcMessage, type RpcMessage, type Transport } from '#shared/rpc/protocol';
import { isAppUrl } from './security';

/**
 * The window's side of the RPC on the single 'rpc' channel. Messages are accepted only from the
 * window's own main frame at the app's origin; anything else (an iframe, a navigated page) is ignored.
 */
export function ipcTransport(window: BrowserWindow): Transport {
  const listeners = new Set<(m: RpcMessage) => void>();
  const onIpc = (event: IpcMainEvent, message: unknown) => {
    const frame = event.senderFrame;
    const trusted =
      event.sender === window.webContents &&
      frame !== null &&
      frame === window.webContents.mainFrame &&
      isAppUrl(frame.url);
    if (trusted && isRpcMessage(message)) listeners.forEach((l) => l(message));
  };
  ipcMain.on('rpc', onIpc);
  window.on('closed', () => ipcMain.off('rpc', onIpc));
  return {
    send(message) {
      if (!window.isDestroyed()) window.webContents.send('rpc', message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose(listener) {
      window.on('closed', listener);
      return () => window.off('closed', listener);
    },
  };
}
