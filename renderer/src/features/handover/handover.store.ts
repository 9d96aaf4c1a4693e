import { create } from 'zustand';
import type { HandoverAbandonReason, HandoverDetail, HandoverScan, HandoverScanOutcome, HandoverSummary } from '#shared/contract/handover.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { downloadBase64 } from '../../lib/files';
import { playSound, type SoundName } from '../../lib/sounds';
import { pinMayHelp } from '../session/session.store';

type Carrier = { carrierCode: string; carrierName: string; awaiting: number; kept: number };

type HandoverState = {
  carriers: Carrier[];
  open: HandoverSummary[];
  past: HandoverSummary[];
  /** The handover on screen (open: being scanned; closed: its sheet). */
  current: HandoverDetail | null;
  /** The latest scan's answer, shown big; `seq` changes with each scan (tests wait on it). */
  last: { scan: HandoverScan; seq: number } | null;
  busy: boolean;
  error: UiError | null;
  closing: boolean;
  /** The 作废 dialog: open, and whether it asks for a supervisor's PIN now (parcels scanned in, a packer's bench). */
  abandoning: { needsPin: boolean } | null;
  load(): Promise<void>;
  start(carrierCode: string): Promise<void>;
  show(id: string): Promise<void>;
  /**
   * A code from the scanner or typed: scanned into the open handover; with none open on screen, the
   * first parcel of a pickup opens (or carries on with) its carrier's handover.
   */
  scan(code: string): Promise<void>;
  setClosing(open: boolean): void;
  close(input: { courierName: string; signatureHash: string | null; photoHashes: string[] }): Promise<boolean>;
  setAbandoning(open: boolean): void;
  /** Abandons the handover on screen (作废): its scanned parcels wait again. False when refused (a PIN may be asked next). */
  abandon(input: { reason: HandoverAbandonReason; note: string }, authorizerPin?: string): Promise<boolean>;
  sheet(id: string): Promise<void>;
  print(id: string): Promise<void>;
  back(): void;
};

/**
 * Each outcome its own sound, as at the bench: a tick for a parcel taken, the bench's blocked-order
 * alarm for one to intercept (the packer must take it back from the courier's sack), a buzz for a
 * parcel that is not this pickup's, a question for an unknown number (or an order's), two beeps for a repeat.
 */
export const handoverSound: Record<HandoverScanOutcome | 'error', SoundName> = {
  accepted: 'tick',
  intercepted: 'alarm',
  'unexpected-voided': 'buzz',
  'unexpected-carrier': 'buzz',
  'unexpected-unknown': 'rising',
  'unexpected-order': 'rising',
  duplicate: 'doubleBeep',
  error: 'thud',
};

let seq = 0;

export const useHandoverStore = create<HandoverState>()((set, get) => {
  const fail = (error: unknown) => {
    const ui = toUiError(error);
    set({ busy: false, error: ui });
    playSound(handoverSound.error);
  };
  return {
    carriers: [],
    open: [],
    past: [],
    current: null,
    last: null,
    busy: false,
    error: null,
    closing: false,
    abandoning: null,
    async load() {
      try {
        const api = getApi();
        const [carriers, open, past] = await Promise.all([
          api.call('handover.carriers', {}),
          api.call('handover.list', { state: 'open', limit: 20 }),
          api.call('handover.list', { state: 'closed', limit: 30 }),
        ]);
        set({ carriers, open: open.handovers, past: past.handovers });
        const current = get().current;
        // Another bench's scans reach this one with sync: the open handover on screen follows.
        if (current?.state === 'open') set({ current: await api.call('handover.get', { id: current.id }) });
      } catch (error) {
        set({ error: toUiError(error) });
      }
    },
    async start(carrierCode) {
      set({ busy: true, error: null, last: null });
      try {
        set({ current: await getApi().call('handover.open', { carrierCode }), busy: false });
      } catch (error) {
        fail(error);
      }
    },
    async show(id) {
      set({ busy: true, error: null, last: null });
      try {
        set({ current: await getApi().call('handover.get', { id }), busy: false });
      } catch (error) {
        fail(error);
      }
    },
    async scan(code) {
      const current = get().current;
      if (get().closing || get().abandoning) return;
      const open = current?.state === 'open' ? current : null;
      set({ busy: true, error: null });
      try {
        const api = getApi();
        // No handover on screen (choosing the carrier, or a past sheet): the courier is here and this is the first parcel.
        const { scan, handover } = open ? await api.call('handover.scan', { handoverId: open.id, code }) : await api.call('handover.scanFirst', { code });
        seq += 1;
        set({ current: handover, last: { scan, seq }, busy: false });
        playSound(handoverSound[scan.outcome]);
      } catch (error) {
        if (open) return fail(error);
        // A number with no parcel opens nothing: it is said over the carriers, with the unknown number's question.
        const ui = toUiError(error);
        set({ busy: false, error: ui, current: null, last: null });
        playSound(ui.code === 'NOT_FOUND' ? handoverSound['unexpected-unknown'] : handoverSound.error);
      }
    },
    setClosing: (closing) => set({ closing }),
    async close(input) {
      const current = get().current;
      if (!current) return false;
      set({ busy: true, error: null });
      try {
        const closed = await getApi().call('handover.close', { handoverId: current.id, ...input });
        set({ current: closed, busy: false, closing: false, last: null });
        playSound('chord');
        useToastStore.getState().ok('handover.closed', { count: closed.counts.accepted, courier: closed.courierName ?? '' });
        void get().load();
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
    setAbandoning: (open) => set({ abandoning: open ? { needsPin: false } : null, error: null }),
    async abandon(input, authorizerPin) {
      const current = get().current;
      if (!current) return false;
      set({ busy: true, error: null });
      try {
        const abandoned = await getApi().call('handover.abandon', { handoverId: current.id, ...input, ...(authorizerPin === undefined ? {} : { authorizerPin }) });
        set({ current: abandoned, busy: false, abandoning: null, last: null });
        useToastStore.getState().ok('handover.abandon.done', { count: current.counts.accepted });
        void get().load();
        return true;
      } catch (error) {
        const ui = toUiError(error);
        // A packer's bench: the same abandon goes again with a supervisor's PIN.
        const askPin = authorizerPin === undefined && pinMayHelp(ui);
        set({ busy: false, error: askPin ? null : ui, abandoning: { needsPin: askPin || (get().abandoning?.needsPin ?? false) } });
        if (!askPin) playSound(handoverSound.error);
        return false;
      }
    },
    async sheet(id) {
      try {
        const { fileName, base64 } = await getApi().call('handover.sheet', { id });
        downloadBase64(fileName, base64, 'application/pdf');
      } catch (error) {
        useToastStore.getState().fail(toUiError(error));
      }
    },
    async print(id) {
      try {
        const { pages } = await getApi().call('handover.print', { id });
        useToastStore.getState().ok('handover.printed', { pages });
      } catch (error) {
        useToastStore.getState().fail(toUiError(error));
      }
    },
    back() {
      set({ current: null, last: null, error: null, closing: false, abandoning: null });
      void get().load();
    },
  };
});
