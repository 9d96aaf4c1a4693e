import type { RpcMessage, Transport } from '#shared/rpc/protocol';
import { isRpcMessage } from '#shared/rpc/protocol';

/** What electron/preload exposes as `window.bridge`: exactly these two functions. */
export type Bridge = {
  send(message: RpcMessage): void;
  onMessage(listener: (message: RpcMessage) => void): (() => void) | void;
};

declare global {
  interface Window {
    bridge?: Bridge;
  }
}

/** RPC over the Electron preload bridge (one 'rpc' IPC channel; main checks the sender frame). */
export function createBridgeTransport(bridge: Bridge): Transport {
  return {
    send: (message) => bridge.send(message),
    onMessage(listener) {
      const off = bridge.onMessage((m) => {
        if (isRpcMessage(m)) listener(m);
      });
      return typeof off === 'function' ? off : () => undefined;
    },
  };
}
