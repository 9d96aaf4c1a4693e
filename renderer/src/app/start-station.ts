import { useSerialStore } from '../features/serial/serial.store';
import type { Settings } from '#shared/contract/settings.contract';
import type { Api } from '../api/client';
import { useConnectionStore } from '../api/connection.store';
import { useBenchStore } from '../features/bench/bench.store';
import { useSlipStatusStore } from '../features/bench/slip-status.store';
import { useOrdersStore } from '../features/orders/orders.store';
import { usePrintQueueStore } from '../features/print-queue/print-queue.store';
import { startIdleLock } from '../features/session/idle-lock';
import type { PageMemory } from '../features/session/page-memory';
import { useSessionStore } from '../features/session/session.store';
import { useSettingsStore } from '../features/settings/settings.store';
import { useInboxStore } from '../features/inbox/inbox.store';
import { useSyncStore } from '../features/sync/sync.store';
import { primeAudio } from '../lib/sounds';
import { routeScan } from '../lib/scan-sink';
import { attachWedgeScanner } from '../lib/wedge-dom';
import { defaultWedgeConfig, type WedgeConfig } from '../lib/wedge-scanner';
import { useNavStore } from './nav.store';

function wedgeConfig(settings: Settings | null): WedgeConfig {
  return settings ? { ...settings.scanner } : defaultWedgeConfig;
}

/**
 * Wires the station once the api is connected: host events into stores, the global wedge scanner,
 * the idle lock, and a reload of everything after the core comes back. Returns a stop function.
 * `page`: a browser tab's memory (browserPageMemory). The bench's session is the station's, so a
 * page opened fresh on its address locks it rather than go on as whoever logged in elsewhere, and a
 * reloaded tab's idle time runs on from its last activity; null in the desktop window.
 */
export function startStation(api: Api, doc: Document = document, page: PageMemory | null = null): () => void {
  const bench = useBenchStore.getState();
  const session = useSessionStore.getState();
  const settings = useSettingsStore.getState();

  const offEvents = [
    api.on('bench.changed', (state) => useBenchStore.getState().applyState(state)),
    api.on('labels.printed', (event) => useBenchStore.getState().onPrinted(event)),
    api.on('slips.printed', (event) => useSlipStatusStore.getState().onSlip(event)),
    api.on('session.changed', (s) => useSessionStore.getState().apply(s)),
    api.on('import.progressed', (p) => useOrdersStore.getState().onProgress(p)),
    api.on('orders.changed', () => {
      if (useNavStore.getState().screen === 'orders') void useOrdersStore.getState().load();
    }),
    api.on('sync.changed', (status) => useSyncStore.getState().apply(status)),
    api.on('inbox.changed', (counts) => useInboxStore.getState().applyCounts(counts, useNavStore.getState().screen === 'inbox')),
    api.on('printQueue.changed', (summary) => usePrintQueueStore.getState().apply(summary)),
    // A serial scanner's code or the scale's verdict, answered by the host: shown like a wedge scan.
    api.on('bench.scanned', (event) => useBenchStore.getState().onHostScan(event)),
    api.on('devices.serialChanged', (overview) => useSerialStore.getState().applyOverview(overview)),
    api.on('scale.weight', (live) => useSerialStore.getState().applyLive(live)),
  ];

  const idle = startIdleLock({
    minutes: () => useSettingsStore.getState().settings?.idleLockMinutes ?? 10,
    armed: () => {
      const s = useSessionStore.getState().session;
      return !!s?.user && !s.locked;
    },
    lock: () => void useSessionStore.getState().lock('idle'),
    target: doc,
    lastActive: page?.lastActive,
    remember: page?.remember,
  });

  const loadAll = (opened = false) => {
    const loaded = Promise.all([session.load({ lockOpen: opened && page !== null && page.lastActive === null }), settings.load()]);
    // A tab reloaded after its idle time locks as soon as it knows who and how long, not a check later.
    if (opened) void loaded.then(() => idle.check());
    void bench.refresh();
    void bench.loadCarriers();
    void useSyncStore.getState().load();
    void useInboxStore.getState().loadCounts();
    void usePrintQueueStore.getState().load();
  };
  loadAll(true);

  const offConnection = useConnectionStore.subscribe((now, before) => {
    if (now.reconnects !== before.reconnects) loadAll();
  });

  // Someone logged in (or switched): the bench and carrier list may differ for them.
  const offSession = useSessionStore.subscribe((now, before) => {
    if (now.session?.user?.id !== before.session?.user?.id && now.session?.user) {
      void useBenchStore.getState().refresh();
      void useBenchStore.getState().loadCarriers();
      // A packer who takes over starts at the bench, not on the page the last person left open.
      if (now.session.user.role === 'packer' && useNavStore.getState().available.includes('bench')) useNavStore.getState().go('bench');
    }
    // A scan while locked left "请先登录" on the panel: an unlock (same user, so not above) answers it.
    const open = (s: typeof now.session) => !!s?.user && !s.locked;
    if (open(now.session) && !open(before.session)) useBenchStore.getState().loggedIn();
  });

  // Creating the audio context can block the page for ~50 ms: do it after the first key or click
  // (still inside the gesture's activation window), never in the middle of a scanner burst, whose
  // keys are a few ms apart and must not be split by the wedge detector's gap timer.
  const prime = () => void setTimeout(primeAudio, 300);
  doc.addEventListener('keydown', prime, { capture: true, once: true });
  doc.addEventListener('pointerdown', prime, { capture: true, once: true });

  const wedge = attachWedgeScanner(doc, wedgeConfig(useSettingsStore.getState().settings), (code) => {
    idle.touch();
    // An open damage form or the returns screen takes the code instead of the bench.
    if (routeScan(code)) return;
    if (useNavStore.getState().screen !== 'bench') useNavStore.getState().go('bench');
    void useBenchStore.getState().scan(code, 'wedge');
  });
  const offSettings = useSettingsStore.subscribe((now, before) => {
    if (now.settings && now.settings.scanner !== before.settings?.scanner) wedge.configure(wedgeConfig(now.settings));
  });

  return () => {
    offEvents.forEach((off) => off());
    offConnection();
    offSession();
    offSettings();
    idle.stop();
    wedge.detach();
    doc.removeEventListener('keydown', prime, { capture: true });
    doc.removeEventListener('pointerdown', prime, { capture: true });
  };
}
