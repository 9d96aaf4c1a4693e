/**
 * Which order lines each parcel of an order carries, and whether a partial parcel can be uploaded
 * the way Taobao takes a split (china-formats §2.1: `sub_tid` + `is_split`, one row per sub-order).
 * The platform splits by sub-order only: a parcel that carries part of a line, or a line with no
 * 子订单编号, cannot be written back without marking the whole order shipped (mission-anchors §3.9).
 *
 * A shipment group's goods are known per SKU (the stock it took off the shelf); they are laid onto
 * the order's lines in line order, earlier groups first. A complete (not partial) group carries
 * whatever is left of every line, including lines with no 商家编码, which no partial parcel books.
 */
import { msg, type Message } from '../i18n/message';

export type SplitLine = { lineNo: number; subOrderId: string | null; skuCode: string | null; qty: number; title: string };
export type SplitGroup = { partial: boolean; units: ReadonlyMap<string, number> };

export type GroupLines = {
  /** Lines this group carries every unit of. */
  whole: number[];
  /** Lines this group carries some units of, with the rest shipped earlier or not yet. */
  partly: number[];
  /** Lines whose last unit leaves with this group (carried whole here or finished here). */
  completes: number[];
  /** Units per line this group carries. */
  units: ReadonlyMap<number, number>;
};

/** The lines each group carries, in the groups' order. */
export function linesPerGroup(lines: readonly SplitLine[], groups: readonly SplitGroup[]): GroupLines[] {
  const ordered = [...lines].sort((a, b) => a.lineNo - b.lineNo);
  const left = new Map(ordered.map((l) => [l.lineNo, l.qty]));
  return groups.map((g) => {
    const took = new Map<number, number>();
    if (!g.partial) {
      for (const l of ordered) {
        const n = left.get(l.lineNo) ?? 0;
        if (n > 0) took.set(l.lineNo, n);
      }
    } else {
      for (const [sku, units] of g.units) {
        let rest = units;
        for (const l of ordered) {
          if (rest <= 0) break;
          if (l.skuCode !== sku) continue;
          const n = Math.min(rest, (left.get(l.lineNo) ?? 0) - (took.get(l.lineNo) ?? 0));
          if (n > 0) {
            took.set(l.lineNo, (took.get(l.lineNo) ?? 0) + n);
            rest -= n;
          }
        }
      }
    }
    const out: GroupLines = { whole: [], partly: [], completes: [], units: took };
    for (const l of ordered) {
      const n = took.get(l.lineNo);
      if (n === undefined) continue;
      const before = left.get(l.lineNo) ?? 0;
      left.set(l.lineNo, before - n);
      if (n === l.qty) out.whole.push(l.lineNo);
      else out.partly.push(l.lineNo);
      if (before - n === 0) out.completes.push(l.lineNo);
    }
    return out;
  });
}

const SUB_ORDER_ID = /^\d{6,24}$/;

/** Why a partial parcel cannot be written back as a split, or the sub-orders it uploads. */
export type SplitVerdict =
  | { ok: true; subOrderIds: string[] }
  | { ok: false; why: 'line-partly'; line: SplitLine; carried: number }
  | { ok: false; why: 'no-sub-order'; line: SplitLine }
  | { ok: false; why: 'nothing'; line: null };

/**
 * A parcel of an order not yet shipped in full: it uploads as a split when it carries only whole
 * lines, each with a 子订单编号. `carried`: units of the partly carried line in this parcel.
 */
export function partialVerdict(lines: readonly SplitLine[], earlier: readonly SplitGroup[], group: SplitGroup): SplitVerdict {
  const per = linesPerGroup(lines, [...earlier, group]);
  const mine = per[per.length - 1] as GroupLines;
  const byNo = new Map(lines.map((l) => [l.lineNo, l]));
  const partlyNo = mine.partly[0];
  if (partlyNo !== undefined) {
    const line = byNo.get(partlyNo) as SplitLine;
    return { ok: false, why: 'line-partly', line, carried: mine.units.get(partlyNo) ?? 0 };
  }
  return subOrdersOf(mine.whole.map((n) => byNo.get(n) as SplitLine));
}

/** The sub-orders a group finishes, once the order has shipped in full (the split goes on). */
export function completingVerdict(lines: readonly SplitLine[], groups: readonly SplitGroup[], index: number): SplitVerdict {
  const per = linesPerGroup(lines, groups);
  const byNo = new Map(lines.map((l) => [l.lineNo, l]));
  const done = (per[index]?.completes ?? []).map((n) => byNo.get(n) as SplitLine);
  if (done.length === 0) return { ok: true, subOrderIds: [] };
  return subOrdersOf(done);
}

function subOrdersOf(lines: readonly SplitLine[]): SplitVerdict {
  if (lines.length === 0) return { ok: false, why: 'nothing', line: null };
  const missing = lines.find((l) => l.subOrderId === null || !SUB_ORDER_ID.test(l.subOrderId));
  if (missing) return { ok: false, why: 'no-sub-order', line: missing };
  return { ok: true, subOrderIds: [...new Set(lines.map((l) => l.subOrderId as string))] };
}

/** What a parcel the 批量发货 file stamps without carrying its number says: the number to add on the platform by hand. */
export const extraParcelText = (x: { orderExternalId: string; trackingNo: string; uploadedWith: string | null }): Message =>
  x.uploadedWith === null
    ? msg('export.extraEarlier', { order: x.orderExternalId, tracking: x.trackingNo })
    : msg('export.extraWith', { order: x.orderExternalId, tracking: x.trackingNo, with: x.uploadedWith });
