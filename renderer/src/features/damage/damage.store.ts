import { create } from 'zustand';
import type { DamageDecisionEntry, DamageEffects, DamageReport } from '#shared/contract/damage.contract';
import { carriers as knownCarriers } from '#shared/domain/carriers';
import { readYuan } from '#shared/domain/money';
import type { DamageDecision } from '#shared/ops/damage-decided.op';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { downloadBase64 } from '../../lib/files';
import { pagedList, type PagedList } from '../../lib/paged-list';
import { needsSupervisorPin, pinMayHelp } from '../session/session.store';

export type DamageFilter = 'open' | 'decided' | 'all';
export type DecisionDraft = {
  decision: DamageDecision; note: string; amountFen: number | null; carrierCode: string | null; trackingNo: string | null;
};
type Detail = { report: DamageReport; decisions: DamageDecisionEntry[]; effects: DamageEffects };
/** A carrier a claim can be filed against: its code and its stored (Chinese) name. */
export type ClaimCarrier = { code: string; name: string };

/** An amount typed in 元 → fen, or why not. Full-width digits (１２.５０, a Chinese IME's) read as ASCII. */
export function readAmount(text: string): { fen: number | null; problem: 'amountInvalid' | 'amountNeeded' | 'amountPositive' | null } {
  const read = readYuan(text.normalize('NFKC'));
  if (!read.ok) return { fen: null, problem: 'amountInvalid' };
  if (read.fen === null) return { fen: null, problem: 'amountNeeded' };
  return read.fen > 0 ? { fen: read.fen, problem: null } : { fen: read.fen, problem: 'amountPositive' };
}

type DamageStore = PagedList<DamageFilter> & {
  reports: DamageReport[];
  /** The report open in the detail (on a phone it replaces the list). */
  selectedId: string | null;
  detail: Detail | null;
  detailError: UiError | null;
  /** A decision being sent; `askPin`: a packer is at the bench, a supervisor types their PIN first. */
  deciding: { draft: DecisionDraft; busy: boolean; askPin: boolean; error: UiError | null } | null;
  /** The last decision taken here, for the confirmation line. */
  decided: DamageDecision | null;
  evidenceBusy: boolean;
  evidenceError: UiError | null;
  /** The carriers a claim may name: the shop's (enabled) carriers; null until read. */
  carriers: ClaimCarrier[] | null;
  loadCarriers(): Promise<void>;
  /** The list and the open report again (another bench's report or decision arrived). */
  refresh(): Promise<void>;
  select(id: string | null): Promise<void>;
  decide(draft: DecisionDraft, pin?: string): Promise<boolean>;
  cancelPin(): void;
  downloadEvidence(): Promise<void>;
};

/** The damage review (破损审核): reports from every bench, one open with its photos, decisions and what they set going. */
export const useDamageStore = create<DamageStore>()((set, get) => {
  const loadDetail = async (id: string) => {
    try {
      const detail = await getApi().call('damage.get', { id });
      if (get().selectedId === id) set({ detail, detailError: null });
    } catch (e) {
      if (get().selectedId === id) set({ detailError: toUiError(e) });
    }
  };
  return {
    ...pagedList(set, get, {
      filter: 'open',
      fetchPage: ({ filter, limit, offset }) => getApi().call('damage.list', { filter, limit, offset }).then(({ reports, total }) => ({ reports, total })),
    }),
    reports: [],
    selectedId: null,
    detail: null,
    detailError: null,
    deciding: null,
    decided: null,
    evidenceBusy: false,
    evidenceError: null,
    carriers: null,
    async loadCarriers() {
      try {
        const shop = await getApi().call('carriers.list', {});
        set({ carriers: shop.filter((c) => c.enabled).map(({ code, name }) => ({ code, name })) });
      } catch {
        // A phone's desk is not given the carrier settings: every carrier the host knows is offered instead.
        set({ carriers: knownCarriers.map(({ code, name }) => ({ code, name })) });
      }
    },
    async refresh() {
      await get().load();
      const open = get().selectedId;
      if (open) await loadDetail(open);
    },
    async select(id) {
      // The shop's carriers are read again with the next claim: one may have been enabled since.
      set({ selectedId: id, detail: null, detailError: null, deciding: null, decided: null, evidenceError: null, carriers: null });
      if (id) await loadDetail(id);
    },
    async decide(draft, pin) {
      const id = get().selectedId;
      if (!id) return false;
      // A packer's bench asks for a supervisor's PIN before anything is sent.
      if (pin === undefined && needsSupervisorPin()) {
        set({ deciding: { draft, busy: false, askPin: true, error: null } });
        return false;
      }
      set({ deciding: { draft, busy: true, askPin: pin !== undefined, error: null } });
      try {
        await getApi().call('damage.decide', { reportId: id, ...draft, ...(pin ? { authorizerPin: pin } : {}) });
        set({ deciding: null, decided: draft.decision });
        void get().refresh();
        return true;
      } catch (e) {
        const error = toUiError(e);
        // Refused for want of authority: the PIN pad is the way forward.
        set({ deciding: { draft, busy: false, askPin: pin !== undefined || pinMayHelp(error), error } });
        return false;
      }
    },
    cancelPin: () => set({ deciding: null }),
    async downloadEvidence() {
      const id = get().selectedId;
      if (!id) return;
      set({ evidenceBusy: true, evidenceError: null });
      try {
        const file = await getApi().call('damage.evidence', { reportId: id });
        downloadBase64(file.fileName, file.base64, 'application/pdf');
      } catch (e) {
        set({ evidenceError: toUiError(e) });
      } finally {
        set({ evidenceBusy: false });
      }
    },
  };
});
