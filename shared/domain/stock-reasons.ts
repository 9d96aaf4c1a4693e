import { catalogs, languages } from '../i18n/catalog';
import { msg, type Message } from '../i18n/message';
import { adjustKinds, disposeKinds, legacyAdjustReason, type AdjustKind, type DisposeKind } from '../ops/stock-delta.op';

/** Why a supervisor moved stock: an adjustment's kind or a disposal's. */
export type StockKind = AdjustKind | DisposeKind;
const stockKinds: readonly StockKind[] = [...adjustKinds, ...disposeKinds];

const isStockKind = (value: unknown): value is StockKind => typeof value === 'string' && (stockKinds as readonly string[]).includes(value);

const isDisposeKind = (kind: StockKind): kind is DisposeKind => (disposeKinds as readonly string[]).includes(kind);

/**
 * A kind as people read it, in their own language (the catalog renders it, so it is stored as data).
 * A disposal says it is one (报废（退回供应商）): the audit is searched for 报废 whatever became of the units.
 */
export const stockKindLabel = (kind: StockKind): Message => (isDisposeKind(kind) ? msg(`catalog.disposed.${kind}`) : msg(`catalog.reasons.${kind}`));

/**
 * Why stock moved as a reader sees it: the kind in their language, then the supervisor's own words
 * as typed. "Other" is only its words (they are the reason; '' when an old op gave none).
 */
export function stockReason(kind: StockKind, note: string): Message | string {
  const words = note.trim();
  if (kind === 'other') return words;
  return words === '' ? stockKindLabel(kind) : msg('catalog.reasonWithNote', { reason: stockKindLabel(kind), note: words });
}

/**
 * The why of a movement as kept by any version (the audit keeps what each op said when it was
 * recorded): a kind it carried, or, from before kinds, an adjustment's prose read as the upcaster
 * reads it (a chip's text is its kind). Null for movements no supervisor explained.
 */
export function stockReasonOf(detail: { cause: unknown; kind: unknown; note: unknown }): Message | string | null {
  const note = typeof detail.note === 'string' ? detail.note : '';
  if (isStockKind(detail.kind)) return stockReason(detail.kind, note);
  if (detail.cause !== 'adjust' || note.trim() === '') return null;
  const legacy = legacyAdjustReason(note);
  return stockReason(legacy.kind, legacy.note);
}

/** The kinds whose name in any language holds these words: the audit search finds a line by what it shows. */
export function stockKindsNamed(words: string): StockKind[] {
  const wanted = words.trim().toLowerCase();
  if (wanted === '') return [];
  const names = (kind: StockKind) => languages.flatMap((lang) => {
    const c = catalogs[lang].catalog;
    return isDisposeKind(kind) ? [c.reasons[kind], c.disposed[kind]] : [c.reasons[kind]];
  });
  return stockKinds.filter((kind) => names(kind).some((name) => name.toLowerCase().includes(wanted)));
}
