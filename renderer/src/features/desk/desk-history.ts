import { useDeskStore } from './desk.store';
import { deskTabs, tabOfHash } from './desk-tabs';

/** Where the phone is: the tab, the record open over its list, how many sheets (dialogs) are up. */
type Place = { tab: string; detail: string | null; sheets: number };
/** A history entry of ours: the place, and its position (to tell a back gesture from a forward one). */
type Entry = Place & { desk: 1; n: number };

const isEntry = (state: unknown): state is Entry => typeof state === 'object' && state !== null && (state as { desk?: unknown }).desk === 1;

/**
 * The phone's back gesture, and the tab kept over a reload. Each tab, record and sheet opened
 * pushes a history entry (the tab in the address's hash); back closes the sheet (the Escape every
 * Dialog answers), then the record, then returns to the previous tab. A sheet or record closed by
 * its own button leaves its entry behind: back skips an entry that has nothing left to close.
 */
export function followHistory(win: Window): () => void {
  const { go } = useDeskStore.getState();
  const detailOf = (tab: string) => deskTabs.find((d) => d.id === tab)?.detail;
  const here = (): Place => {
    const tab = useDeskStore.getState().tab;
    return { tab, detail: detailOf(tab)?.open() ?? null, sheets: win.document.querySelectorAll('[role="dialog"]').length };
  };
  const entry = (): Entry => (isEntry(win.history.state) ? win.history.state : { ...here(), desk: 1, n: 0 });
  win.history.replaceState({ ...here(), desk: 1, n: entry().n } satisfies Entry, '', `#${useDeskStore.getState().tab}`);
  let applying = false;
  let at = entry().n;

  // Something opened (not something closed): a new entry the back gesture returns from.
  const moved = () => {
    if (applying) return;
    const now = here();
    const was = entry();
    const opened = now.tab !== was.tab || (now.detail !== null && now.detail !== was.detail) || now.sheets > was.sheets;
    if (!opened) return;
    at = was.n + 1;
    win.history.pushState({ ...now, desk: 1, n: at } satisfies Entry, '', `#${now.tab}`);
  };

  const onPop = (event: PopStateEvent) => {
    const to: Entry = isEntry(event.state) ? event.state : { tab: tabOfHash(win.location) ?? deskTabs[0]?.id ?? '', detail: null, sheets: 0, desk: 1, n: 0 };
    const back = to.n < at;
    at = to.n;
    const now = here();
    applying = true;
    try {
      if (now.sheets > to.sheets) win.document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      else if (now.detail !== null && now.detail !== to.detail && now.tab === to.tab) detailOf(now.tab)?.close();
      else if (now.tab !== to.tab && deskTabs.some((d) => d.id === to.tab)) go(to.tab);
      else if (back) win.history.back();
    } finally {
      applying = false;
    }
  };

  const dialogs = new MutationObserver(moved);
  dialogs.observe(win.document.body, { childList: true, subtree: true });
  const offs = [useDeskStore.subscribe((now, before) => now.tab !== before.tab && moved()), ...deskTabs.flatMap((d) => (d.detail ? [d.detail.subscribe(moved)] : []))];
  win.addEventListener('popstate', onPop);
  return () => {
    win.removeEventListener('popstate', onPop);
    dialogs.disconnect();
    offs.forEach((off) => off());
  };
}
