import { create } from 'zustand';
import type { LiveWeight, SerialDevice, SerialOverview } from '#shared/contract/serial.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

type SerialStore = {
  overview: SerialOverview | null;
  config: SerialDevice[];
  /** The scale's live weight; null while no scale reads. */
  live: LiveWeight | null;
  error: UiError | null;
  saved: boolean;
  load(): Promise<void>;
  /** Saves; false when the host refused (the form keeps its edits). */
  save(devices: SerialDevice[]): Promise<boolean>;
  applyOverview(overview: SerialOverview): void;
  applyLive(live: LiveWeight | null): void;
  /** Asks the host for the live weight: it is pushed only when it changes, so a (re)loaded window would wait for that. */
  loadLive(): Promise<void>;
};

/**
 * Bumped by each save: a load that began before it (its port list can take seconds, udevadm on a busy
 * PC) answers with the devices as they were, and must not replace what was just saved.
 */
let saves = 0;
/** Bumped by each pushed weight: an answer to loadLive older than a push must not replace it. */
let pushes = 0;

/** Serial ports, the configured scanners and scale with their status, and the scale's live weight. */
export const useSerialStore = create<SerialStore>()((set) => ({
  overview: null,
  config: [],
  live: null,
  error: null,
  saved: false,
  async load() {
    const before = saves;
    try {
      const api = getApi();
      const [overview, config] = await Promise.all([api.call('devices.serialOverview', {}), api.call('devices.getSerial', {})]);
      if (before === saves) set({ overview, config, error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },
  async save(devices) {
    set({ saved: false, error: null });
    saves += 1;
    try {
      set({ config: await getApi().call('devices.setSerial', { devices }), saved: true });
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    }
  },
  applyOverview: (overview) => set({ overview }),
  applyLive: (live) => {
    pushes += 1;
    set({ live });
  },
  async loadLive() {
    const before = pushes;
    try {
      const live = await getApi().call('devices.scaleLive', {});
      if (before === pushes) set({ live });
    } catch {
      // The strip says "no reading" meanwhile; the next pushed change shows the weight.
    }
  },
}));
