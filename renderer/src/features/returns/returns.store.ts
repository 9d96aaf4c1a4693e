import { create } from 'zustand';
import type { DamageReason } from '#shared/contract/damage.contract';
import { msg } from '#shared/i18n/message';
import { unaccountedRefusals, type ReturnLookup, type ReturnRecord } from '#shared/contract/returns.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { playOutcome } from '../../lib/sounds';
import { findSku } from '../damage-report/sku-lookup';

/**
 * One SKU of the parcel: what is still to come back (null: not in the parcel, or no parcel is known), what earlier
 * returns of the order already brought back, and what the packer found.
 */
export type ReturnLine = {
  skuCode: string; name: string; expected: number | null; returned: number; good: number; defective: number; missing: number; reason: DamageReason | null;
};
export type LineCount = 'good' | 'defective' | 'missing';

/** The return being received: a parcel that was found, or an unknown one kept by its scanned number. */
type Intake = { ref: string; found: ReturnLookup | null; lines: ReturnLine[] };

type ReturnsState = {
  /** Bumped at each new intake: the form (and its camera and photos) starts afresh. */
  seq: number;
  looking: boolean;
  /** A scanned number that matched nothing, until it is kept as an unknown return or scanned again. */
  notFound: string | null;
  intake: Intake | null;
  note: string;
  busy: boolean;
  error: UiError | null;
  /** The order does not account for the return (more than shipped, or not shipped): asked to confirm, with why (a packer's bench asks a supervisor's PIN). */
  unaccounted: { photoHashes: string[]; why: UiError } | null;
  filter: 'all' | 'unknown';
  list: ReturnRecord[];
  total: number;
  lookup(ref: string): Promise<void>;
  keepUnknown(): void;
  /** A SKU by code or barcode: one more good unit of its line (a case barcode its units, as the host counts it), or a new line. */
  scanItem(code: string): Promise<void>;
  setCount(skuCode: string, which: LineCount, n: number): void;
  setReason(skuCode: string, reason: DamageReason): void;
  allGood(): void;
  setNote(note: string): void;
  reset(): void;
  /** Receives the return; `confirm` takes in what the order does not account for (with a supervisor's PIN at a packer's bench). */
  receive(photoHashes: string[], confirm?: { pin?: string }): Promise<ReturnRecord | null>;
  closeUnaccounted(): void;
  load(filter?: 'all' | 'unknown'): Promise<void>;
};

const newLine = (skuCode: string, name: string, expected: number | null, returned = 0): ReturnLine => ({
  skuCode, name, expected, returned, good: 0, defective: 0, missing: 0, reason: null,
});

/** What the host files: a line per SKU and condition that has units. */
export function itemsOf(lines: ReturnLine[]) {
  return lines.flatMap((l) => [
    ...(l.good > 0 ? [{ skuCode: l.skuCode, qty: l.good, condition: 'good' as const, reason: null }] : []),
    ...(l.defective > 0 ? [{ skuCode: l.skuCode, qty: l.defective, condition: 'defective' as const, reason: l.reason ?? 'broken' }] : []),
    ...(l.missing > 0 ? [{ skuCode: l.skuCode, qty: l.missing, condition: 'missing' as const, reason: null }] : []),
  ]);
}

export const useReturnsStore = create<ReturnsState>()((set, get) => {
  const updateLine = (skuCode: string, change: (l: ReturnLine) => ReturnLine) => {
    const intake = get().intake;
    if (intake) set({ intake: { ...intake, lines: intake.lines.map((l) => (l.skuCode === skuCode ? change(l) : l)) } });
  };
  return {
    seq: 0,
    looking: false,
    notFound: null,
    intake: null,
    note: '',
    busy: false,
    unaccounted: null,
    error: null,
    filter: 'all',
    list: [],
    total: 0,
    async lookup(ref) {
      const text = ref.trim();
      if (!text) return;
      set({ looking: true, error: null });
      try {
        const { found } = await getApi().call('returns.lookup', { ref: text });
        if (!found) {
          playOutcome('error');
          return set({ notFound: text, intake: null });
        }
        playOutcome('opened');
        set({
          notFound: null, note: '', seq: get().seq + 1,
          intake: { ref: text, found, lines: found.expected.map((e) => newLine(e.skuCode, e.skuName, e.qty, e.returned)) },
        });
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ looking: false });
      }
    },
    keepUnknown() {
      const ref = get().notFound;
      if (ref) set({ notFound: null, note: '', seq: get().seq + 1, intake: { ref, found: null, lines: [] } });
    },
    async scanItem(code) {
      const intake = get().intake;
      if (!intake) return;
      const known = intake.lines.find((l) => l.skuCode === code.trim());
      const hit = known ? { skuCode: known.skuCode, name: known.name, units: 1 } : await findSku(code).catch(() => null);
      if (!hit) {
        playOutcome('error');
        return set({ error: { code: 'NOT_FOUND', msg: msg('returns.skuNotFound', { sku: code.trim() }) } });
      }
      playOutcome('verified');
      const now = get().intake ?? intake;
      const lines = now.lines.some((l) => l.skuCode === hit.skuCode) ? now.lines : [...now.lines, newLine(hit.skuCode, hit.name, null)];
      set({ error: null, intake: { ...now, lines: lines.map((l) => (l.skuCode === hit.skuCode ? { ...l, good: l.good + hit.units } : l)) } });
    },
    setCount: (skuCode, which, n) => updateLine(skuCode, (l) => ({ ...l, [which]: Math.max(0, Math.min(100_000, Math.floor(n) || 0)) })),
    setReason: (skuCode, reason) => updateLine(skuCode, (l) => ({ ...l, reason })),
    allGood() {
      const intake = get().intake;
      if (intake) set({ intake: { ...intake, lines: intake.lines.map((l) => ({ ...l, good: l.expected ?? 0, defective: 0, missing: 0 })) } });
    },
    setNote: (note) => set({ note }),
    reset: () => set({ intake: null, notFound: null, note: '', error: null, unaccounted: null }),
    async receive(photoHashes, confirm) {
      const { intake, note } = get();
      if (!intake || get().busy) return null;
      set({ busy: true, error: null });
      try {
        const record = await getApi().call('returns.receive', {
          ref: intake.ref, allowUnknown: intake.found === null, items: itemsOf(intake.lines), photoHashes, note, ...(confirm ? { confirmed: true, ...(confirm.pin === undefined ? {} : { authorizerPin: confirm.pin }) } : {}),
        });
        set({ intake: null, note: '', unaccounted: null });
        useToastStore.getState().ok(record.unknown ? 'returns.receivedUnknown' : 'returns.received', { order: record.orderExternalId ?? '', count: record.items.length });
        void get().load();
        return record;
      } catch (e) {
        const error = toUiError(e);
        // The order does not account for it: asked to confirm, with why; a refusal of the confirmation (a wrong PIN) keeps the question up.
        if (confirm) set({ error });
        else if (error.code === 'CONFLICT' && unaccountedRefusals.has(error.msg?.key ?? '')) set({ unaccounted: { photoHashes, why: error } });
        else set({ error });
        return null;
      } finally {
        set({ busy: false });
      }
    },
    closeUnaccounted: () => set({ unaccounted: null, error: null }),
    async load(filter) {
      const wanted = filter ?? get().filter;
      set({ filter: wanted });
      try {
        const page = await getApi().call('returns.list', { filter: wanted, limit: 30, offset: 0 });
        if (get().filter === wanted) set({ list: page.returns, total: page.total });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
  };
});
