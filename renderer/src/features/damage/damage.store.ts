import { create } from 'zustand';
import type { DamageDecisionEntry, DamageEffects, DamageReport } from '#shared/contract/damage.contract';
import { carriers as knownCarriers } from '#shared/domain/carriers';
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
export type Decided = { reportId: string; decision: DamageDecision; skuCode: string; qty: number };

/**
 * The report to show once `id` was decided and left the list: the one below it, else the one above,
 * else whatever the list holds now (null: nothing is left to decide).
 */
function nextReport(id: string, before: readonly { id: string }[], after: readonly { id: string }[]): string | null {
  const left = new Set(after.map((r) => r.id));
  left.delete(id);
  const at = before.findIndex((r) => r.id === id);
  const near = at < 0 ? [] : [...before.slice(at + 1), ...before.slice(0, at).reverse()];
  return near.find((r) => left.has(r.id))?.id ?? after.find((r) => r.id !== id)?.id ?? null;
}
/** A carrier a claim can be filed against: its code and its stored (Chinese) name. */
export type ClaimCarrier = { code: string; name: string };

type DamageStore = PagedList<DamageFilter> & {
  reports: DamageReport[];
  /** The report open in the detail (on a phone it replaces the list). */
  selectedId: string | null;
  detail: Detail | null;
  detailError: UiError | null;
  /**
   * A decision being sent; `askPin`: a packer is at the bench, a supervisor types their PIN first;
   * `confirm`: the host said it takes the shelf below zero, and it is sent again only once confirmed.
   */
  deciding: { draft: DecisionDraft; busy: boolean; askPin: boolean; error: UiError | null; confirm: boolean; pin?: string } | null;
  /** The last decision taken here and the report it was about, for the confirmation line. */
  decided: Decided | null;
  evidenceBusy: boolean;
  evidenceError: UiError | null;
  /** The carriers a claim may name: the shop's (enabled) carriers; null until read. */
  carriers: ClaimCarrier[] | null;
  loadCarriers(): Promise<void>;
  /** The list and the open report again (another bench's report or decision arrived). */
  refresh(): Promise<void>;
  select(id: string | null): Promise<void>;
  /** `confirmed`: booked although it takes the shelf below zero (the host refuses it otherwise). */
  decide(draft: DecisionDraft, pin?: string, confirmed?: boolean): Promise<boolean>;
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
  /** Opens a report (or none), with the confirmation line of a decision just taken, if any. */
  const show = async (id: string | null, decided: Decided | null) => {
    // The shop's carriers are read again with the next claim: one may have been enabled since.
    set({ selectedId: id, detail: null, detailError: null, deciding: null, decided, evidenceError: null, carriers: null });
    if (id) await loadDetail(id);
  };
  const moveOn = async (id: string, decided: Decided) => {
    const before = get().reports;
    await get().load();
    // The supervisor may have opened another report meanwhile: that one stays.
    if (get().selectedId === id) await show(nextReport(id, before, get().reports), decided);
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
    select: (id) => show(id, null),
    async decide(draft, pin, confirmed = false) {
      const id = get().selectedId;
      if (!id) return false;
      // A packer's bench asks for a supervisor's PIN before anything is sent.
      if (pin === undefined && needsSupervisorPin()) {
        set({ deciding: { draft, busy: false, askPin: true, error: null, confirm: confirmed } });
        return false;
      }
      set({ deciding: { draft, busy: true, askPin: pin !== undefined, error: null, confirm: confirmed } });
      try {
        const report = await getApi().call('damage.decide', { reportId: id, ...draft, ...(confirmed ? { confirmed } : {}), ...(pin ? { authorizerPin: pin } : {}) });
        const decided = { reportId: id, decision: draft.decision, skuCode: report.skuCode, qty: report.qty };
        set({ deciding: null, decided });
        // Awaiting a decision, the list is an inbox: the decided report leaves it, and the next one opens.
        if (get().filter === 'open') void moveOn(id, decided);
        else void get().refresh();
        return true;
      } catch (e) {
        const error = toUiError(e);
        // Refused for want of authority: the PIN pad is the way forward. Refused as below zero: said, and sent again once confirmed.
        const confirm = error.msg?.key === 'damage.belowZero';
        // Below zero on a supervisor's PIN: the PIN was right, the warning is what is left to confirm (the
        // PIN is kept for that one press, not asked again).
        if (confirm && pin !== undefined) set({ deciding: { draft, busy: false, askPin: false, error, confirm, pin } });
        else set({ deciding: { draft, busy: false, askPin: pin !== undefined || pinMayHelp(error), error, confirm } });
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
