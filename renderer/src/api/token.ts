/**
 * The browser station hands the per-launch token in the URL fragment (`#token=…`), which is never
 * sent to a server or logged. On first load we keep it in sessionStorage (so a reload still works)
 * and strip it from the address bar so it does not end up in screenshots or bookmarks.
 */
const storageKey = 'packdesk.token';

type LocationLike = Pick<Location, 'hash' | 'pathname' | 'search'>;
type HistoryLike = Pick<History, 'replaceState'>;
type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function takeToken(location: LocationLike, storage: StorageLike | null, history: HistoryLike | null): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      storage?.setItem(storageKey, fromHash);
    } catch {
      // storage disabled: the token still works for this page
    }
    history?.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  try {
    return storage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
}

/** The RPC WebSocket address on the host that served this page. */
export function rpcUrl(location: Pick<Location, 'host' | 'protocol'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}

/** Whether this page holds a browser station's token (in the address or kept from it), without taking it. */
export function hasToken(location: Pick<Location, 'hash'>, storage: Pick<Storage, 'getItem'> | null): boolean {
  if (new URLSearchParams(location.hash.replace(/^#/, '')).get('token')) return true;
  try {
    return Boolean(storage?.getItem(storageKey));
  } catch {
    return false;
  }
}
