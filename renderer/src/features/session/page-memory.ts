/**
 * What one browser tab of the browser station remembers across a reload: when its user was last
 * active. It lives in sessionStorage, which a reload of the tab keeps and a new tab or window (the
 * station's address opened again, or picked from the browser's history) starts without. The bench's
 * session lives in the station, so without this every page opened on the address went on as the
 * last user; the desktop window has one page and no such memory.
 */
export type PageMemory = {
  /** Epoch ms of the last activity this tab saw; null in a page opened fresh. */
  readonly lastActive: number | null;
  remember(lastActive: number): void;
};

const KEY = 'packdesk.lastActive';

export function pageMemory(storage: Pick<Storage, 'getItem' | 'setItem'> | null): PageMemory {
  let lastActive: number | null = null;
  try {
    // Anything but a plain count of milliseconds (edited by hand, another version) is no memory.
    const raw = storage?.getItem(KEY) ?? null;
    lastActive = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  } catch {
    // storage disabled: every load of the page is a fresh one
  }
  return {
    lastActive,
    remember(at) {
      try {
        storage?.setItem(KEY, String(Math.round(at)));
      } catch {
        // storage disabled or full: a reload asks for the PIN, which is the safe side
      }
    },
  };
}

/** The tab's memory at the browser station; null in the desktop window (its session survives a restart by design). */
export function browserPageMemory(win: Window): PageMemory | null {
  if (win.bridge) return null;
  try {
    return pageMemory(win.sessionStorage);
  } catch {
    return pageMemory(null);
  }
}
