import type { Contract, Events } from '#shared/contract/index';
import { DESKTOP_ATTACHMENTS_BASE } from '#shared/domain/attachments';
import { createRpcClient, type RpcClient } from '#shared/rpc/client';
import { useConnectionStore } from './connection.store';
import { rpcUrl, takeToken } from './token';
import { createBridgeTransport } from './transport-electron';
import { createWebSocketTransport } from './transport-websocket';

/** The typed client every store talks through. Components never use it directly. */
export type Api = RpcClient<Contract, Events>;

let current: Api | null = null;
let retry: (() => void) | null = null;
let stationToken: string | null = null;
let attachmentsBase: string | null = null;

/**
 * The browser station's token, for its plain HTTP endpoints (pack clip uploads); null over the
 * Electron bridge, which has no such endpoints.
 */
export function getStationToken(): string | null {
  return stationToken;
}

/**
 * Where this page reads stored videos and pictures (`<base><sha256>?ticket=…`) and sends pack clips
 * (`<base>clips`): `/attachments/` at the browser station, the app's own `packdesk://attachments/`
 * in the desktop window, the hub's `/desk/attachments/` on a phone.
 */
export function getAttachmentsBase(): string | null {
  return attachmentsBase;
}

export function setApi(api: Api | null): void {
  current = api;
}

export function getApi(): Api {
  if (!current) throw new Error('api not connected');
  return current;
}

/** Asks the transport to reconnect now (banner button); no-op over the Electron bridge. */
export function retryConnection(): void {
  retry?.();
}

/**
 * Picks the transport: the Electron preload bridge when present, otherwise a WebSocket to the
 * browser station that served this page, authenticated by the token from `#token=…`.
 */
export function connectApi(win: Window = window): Api {
  const connection = useConnectionStore.getState();
  if (win.bridge) {
    connection.set('open');
    attachmentsBase = DESKTOP_ATTACHMENTS_BASE;
    const api = createRpcClient<Contract, Events>(createBridgeTransport(win.bridge));
    setApi(api);
    return api;
  }
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const token = takeToken(win.location, storage, win.history);
  stationToken = token;
  attachmentsBase = token ? '/attachments/' : null;
  connection.setTokenMissing(!token);
  const transport = createWebSocketTransport({
    url: rpcUrl(win.location, token ?? ''),
    onStatus: (status, retryInMs) =>
      useConnectionStore.getState().set(status, retryInMs === null ? null : Math.ceil(retryInMs / 1000)),
  });
  retry = () => transport.retryNow();
  const api = createRpcClient<Contract, Events>(transport, { timeoutMs: 60_000 });
  setApi(api);
  return api;
}

/**
 * The hub's supervisor desk (a phone): RPC over a WebSocket to `/desk/rpc` on the hub that served
 * this page, authenticated by the login cookie the browser sends with it. `close` ends it (log out).
 */
export function connectDeskApi(win: Window = window): { api: Api; close(): void } {
  const transport = createWebSocketTransport({
    url: `wss://${win.location.host}/desk/rpc`,
    onStatus: (status, retryInMs) => useConnectionStore.getState().set(status, retryInMs === null ? null : Math.ceil(retryInMs / 1000)),
  });
  retry = () => transport.retryNow();
  attachmentsBase = '/desk/attachments/';
  const api = createRpcClient<Contract, Events>(transport, { timeoutMs: 30_000 });
  setApi(api);
  return {
    api,
    close() {
      transport.close();
      retry = null;
      setApi(null);
    },
  };
}
