import { create } from 'zustand';
import type { Claim, ClaimStatus } from '#shared/contract/claims.contract';
import type { ClaimOutcome } from '#shared/ops/claim-settled.op';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { pagedList, type PagedList } from '../../lib/paged-list';
import { needsSupervisorPin, pinMayHelp } from '../session/session.store';

export type ClaimFilter = ClaimStatus | 'all';
export type SettleDraft = { outcome: ClaimOutcome; paidFen: number | null; note: string };

type ClaimsStore = PagedList<ClaimFilter> & {
  claims: Claim[];
  /** The claim whose settlement dialog is open; `askPin` once a packer's bench needs a supervisor's PIN. */
  settling: { claim: Claim; busy: boolean; askPin: boolean; draft: SettleDraft | null; error: UiError | null } | null;
  /** The result just saved here, for the confirmation line: the claim may leave the list under its filter. */
  settled: { claim: Claim; draft: SettleDraft } | null;
  openSettle(claim: Claim): void;
  closeSettle(): void;
  settle(draft: SettleDraft, pin?: string): Promise<boolean>;
};

/** Carrier claims (理赔): filed by a claim decision, settled paid or rejected when the carrier answers. */
export const useClaimsStore = create<ClaimsStore>()((set, get) => ({
  ...pagedList(set, get, {
    filter: 'filed',
    fetchPage: ({ filter, limit, offset }) => getApi().call('claims.list', { status: filter, limit, offset }).then(({ claims, total }) => ({ claims, total })),
  }),
  claims: [],
  settling: null,
  settled: null,
  openSettle: (claim) => set({ settling: { claim, busy: false, askPin: false, draft: null, error: null }, settled: null }),
  closeSettle: () => set({ settling: null }),
  async settle(draft, pin) {
    const settling = get().settling;
    if (!settling) return false;
    if (pin === undefined && needsSupervisorPin()) {
      set({ settling: { ...settling, draft, askPin: true, error: null } });
      return false;
    }
    set({ settling: { ...settling, draft, busy: true, error: null } });
    try {
      const done = await getApi().call('claims.settle', { claimId: settling.claim.id, ...draft, ...(pin ? { authorizerPin: pin } : {}) });
      set({ settling: null, settled: { claim: settling.claim, draft }, claims: get().claims.map((c) => (c.id === done.id ? done : c)) });
      // Settled, it may belong under another filter now (已申请 → 已赔付): the page is read again.
      await get().load();
      return true;
    } catch (e) {
      const error = toUiError(e);
      set({ settling: { ...settling, draft, busy: false, askPin: pin !== undefined || pinMayHelp(error), error } });
      return false;
    }
  },
}));
