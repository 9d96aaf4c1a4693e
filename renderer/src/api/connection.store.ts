import { create } from 'zustand';

/** Whether the station core (host) is reachable. Shown as a banner while it is not. */
export type ConnectionStatus = 'connecting' | 'open' | 'down';

type ConnectionState = {
  status: ConnectionStatus;
  /** The page was opened without a token, so the WebSocket will be refused. */
  tokenMissing: boolean;
  /** Seconds until the next reconnect attempt, when down. */
  retryInSec: number | null;
  /** Increases each time the connection comes back after being down (stores reload on it). */
  reconnects: number;
  set(status: ConnectionStatus, retryInSec?: number | null): void;
  setTokenMissing(missing: boolean): void;
};

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  status: 'connecting',
  tokenMissing: false,
  retryInSec: null,
  reconnects: 0,
  set(status, retryInSec = null) {
    const prev = get().status;
    set({
      status,
      retryInSec,
      reconnects: status === 'open' && prev === 'down' ? get().reconnects + 1 : get().reconnects,
    });
  },
  setTokenMissing(tokenMissing) {
    set({ tokenMissing });
  },
}));
