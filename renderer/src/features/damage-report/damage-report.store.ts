import { create } from 'zustand';
import type { BenchState } from '#shared/contract/bench.contract';
import type { DamageReport } from '#shared/contract/damage.contract';

/** An order the form is about, with the SKUs to pick from (the bench's lines or the parcel's contents). */
export type DamageOrder = {
  /** What the host looks it up by (damage.report orderRef): the order id, or the parcel's tracking number. */
  ref: string;
  externalId: string;
  receiverName: string;
  trackingNo: string | null;
  /** Shipped from this shop: looked up, it was found after delivery unless the filer says otherwise. */
  shipped: boolean;
  skus: { skuCode: string; title: string }[];
  /** Opened over the bench's order (found while packing), or looked up (shelf, after delivery). */
  atBench: boolean;
};

type DamageReportState = {
  /** Bumped at each opening: the form starts afresh. */
  openSeq: number;
  open: boolean;
  prefill: DamageOrder | null;
  /** Bumped by a PD:PHOTO from a serial scanner while the form is open. */
  snapSeq: number;
  /** Reports filed here since start, newest first (the bench lists the open order's). */
  filed: DamageReport[];
  openWith(order: DamageOrder | null): void;
  close(): void;
  snap(): void;
  onFiled(report: DamageReport): void;
};

/** The damage form over the bench: open or not, what it was opened with, and what it filed. */
export const useDamageReportStore = create<DamageReportState>()((set, get) => ({
  openSeq: 0,
  open: false,
  prefill: null,
  snapSeq: 0,
  filed: [],
  openWith: (order) => set({ open: true, prefill: order, openSeq: get().openSeq + 1 }),
  close: () => set({ open: false }),
  snap: () => {
    if (get().open) set({ snapSeq: get().snapSeq + 1 });
  },
  onFiled: (report) => set({ filed: [report, ...get().filed].slice(0, 50), open: false }),
}));

/** The bench's open order as the form's order: found while packing it. */
export function benchDamageOrder(state: BenchState): DamageOrder | null {
  const { order, lines } = state;
  if (!order) return null;
  const skus = new Map<string, string>();
  for (const l of lines) if (l.skuCode && !skus.has(l.skuCode)) skus.set(l.skuCode, l.title);
  const parcel = state.shipments.filter((s) => s.voidedAt === null).at(-1) ?? null;
  return {
    // Shipped: the parcel the form shows is the one the report names (its carrier, for a claim and the dashboard).
    ref: parcel?.trackingNo ?? order.id, externalId: order.externalId, receiverName: order.receiverName, trackingNo: parcel?.trackingNo ?? null, shipped: parcel !== null,
    skus: [...skus].map(([skuCode, title]) => ({ skuCode, title })), atBench: true,
  };
}
