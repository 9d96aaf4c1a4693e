import type { BenchState, ScanResult } from '../contract/bench.contract';

/** What the bench shows the moment a scan is made, before the host's answer: its state and the panel's verdict. */
export type Prediction = { state: BenchState; outcome: 'verified'; detail: Record<string, string> };

/**
 * The host's verdict on a scan of an item of the open order, worked out from the state the host
 * sent last, so the bench can show it in the frame the scanner's Enter arrives in instead of a
 * round trip later (issue 9: feedback within one frame). Only the plain case is foretold: a
 * barcode of the order's own SKU that a line still needs and that does not finish the order. The
 * host decides everything else (wrong item, too many, an order blocked or finished, commands,
 * unknown codes), and its answer always replaces the guess: the guess uses the rules of
 * pack.service's verifyItem, so it differs only when the host's state changed in between.
 */
export function predictScan(state: BenchState, code: string, loggedIn: boolean): Prediction | null {
  const order = state.order;
  if (!loggedIn || !order || order.blockedReason !== null || order.reship !== null || state.complete) return null;
  // A barcode belongs to one SKU: the first line that lists it names the SKU and its units.
  const owner = state.lines.find((l) => l.codes.some((b) => b.barcode === code));
  const skuCode = owner?.skuCode;
  const units = owner?.codes.find((b) => b.barcode === code)?.units;
  if (!skuCode || units === undefined) return null;
  const line = state.lines.find((l) => l.skuCode === skuCode && l.verified + units <= l.qty);
  if (!line) return null;
  const lines = state.lines.map((l) => (l === line ? { ...l, verified: l.verified + units } : l));
  // The last units finish the order: the host weighs or ships it, which is not for a guess.
  if (lines.every((l) => l.verified >= l.qty)) return null;
  return {
    state: { ...state, lines },
    outcome: 'verified',
    detail: { barcode: code, skuCode, units: String(units), lineNo: String(line.lineNo) },
  };
}

/** The host's answer says what the guess showed: the panel stays as it is (no second flash or sound). */
export function confirms(p: Prediction, r: ScanResult): boolean {
  if (r.outcome !== p.outcome) return false;
  const keys = Object.keys(p.detail);
  return keys.length === Object.keys(r.detail).length && keys.every((k) => r.detail[k] === p.detail[k]);
}
