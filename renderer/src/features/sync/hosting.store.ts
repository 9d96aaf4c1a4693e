import { create } from 'zustand';
import type { StationRole } from '#shared/contract/hub.contract';
import type { HostingStatus } from '#shared/contract/sync.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

/** A code as the hub made it: replaces names the station a replacement code takes over. */
export type PairingCode = { code: string; role: StationRole; expiresAt: string; replaces: string | null; fingerprint: string };

type HostingStore = {
  hosting: HostingStatus | null;
  busy: boolean;
  error: UiError | null;
  /** The last code made on this screen; the hub keeps it valid until expiresAt. */
  code: PairingCode | null;
  /** A role, or the station id a replacement code is being made for. */
  codeBusy: string | null;
  load(): Promise<void>;
  setHosting(enabled: boolean, port: number): Promise<void>;
  newCode(role: StationRole): Promise<void>;
  /** A code for a new PC that takes over `stationId` (lost or broken). */
  newReplacementCode(stationId: string): Promise<void>;
  revoke(stationId: string): Promise<void>;
};

/** This PC hosting the shop's hub (admin): on/off, the addresses other PCs use, pairing codes. */
export const useHostingStore = create<HostingStore>()((set) => {
  const makeCode = async (busy: string, make: () => Promise<PairingCode>) => {
    set({ codeBusy: busy, error: null });
    try {
      set({ code: await make() });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ codeBusy: null });
    }
  };
  return {
    hosting: null,
    busy: false,
    error: null,
    code: null,
    codeBusy: null,
    async load() {
      try {
        set({ hosting: await getApi().call('hub.hosting', {}), error: null });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    async setHosting(enabled, port) {
      set({ busy: true, error: null });
      try {
        const hosting = await getApi().call('hub.setHosting', { enabled, port });
        set({ hosting, ...(enabled ? {} : { code: null }) });
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ busy: false });
      }
    },
    async revoke(stationId) {
      set({ busy: true, error: null });
      try {
        set({ hosting: await getApi().call('hub.revokeStation', { stationId }) });
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ busy: false });
      }
    },
    newCode: (role) => makeCode(role, () => getApi().call('hub.newPairingCode', { role })),
    newReplacementCode: (stationId) => makeCode(stationId, () => getApi().call('hub.newReplacementCode', { stationId })),
  };
});
