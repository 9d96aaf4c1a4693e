import { contextBridge, ipcRenderer } from 'electron';
import type { RpcMessage } from '#shared/rpc/protocol';

// Exactly two functions on one channel. The renderer never sees ipcRenderer; main validates the rest.
contextBridge.exposeInMainWorld('bridge', {
  send: (message: RpcMessage) => ipcRenderer.send('rpc', message),
  onMessage: (listener: (message: RpcMessage) => void) => {
    const handler = (_event: unknown, message: RpcMessage) => listener(message);
    ipcRenderer.on('rpc', handler);
    return () => ipcRenderer.removeListener('rpc', handler);
  },
});
