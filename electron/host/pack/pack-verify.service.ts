import type { ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { SUPERVISORS, type OpenOrder, type PackBench } from './pack-bench';
import type { PackShip } from './pack-ship.service';
import type { PackWeigh } from './pack-weigh.service';
import { unboundLinesDetail, unitsNeeded } from './scan-details';

/**
 * Item scans against the open order's lines (a barcode may be a case pack worth N units), and a
 * supervisor's force-verify; the last unit ships the order when auto-complete is on.
 */
export function createPackVerify(bench: PackBench, ship: PackShip, weigh: PackWeigh) {
  const { deps, weighing } = bench;

  function verifyItem(current: OpenOrder, code: string, hit: { skuCode: string; units: number }): ScanResult {
    const candidates = current.lines.filter((l) => l.skuCode === hit.skuCode);
    const detail = { barcode: code, skuCode: hit.skuCode, units: String(hit.units) };
    if (candidates.length === 0) {
      // The item may be on a line without 商家编码: the bench still answers it as not this order's
      // (a supervisor binds it), but the log keeps it apart so it is not counted as the packer's error.
      const unbound = unboundLinesDetail(current.lines, hit.skuCode, bench.skuOf);
      const recorded = unbound['unboundLines'] ? 'unbound_line' : 'wrong_item';
      return bench.result('wrong_item', bench.record(code, recorded, { skuCode: hit.skuCode }), { ...detail, ...unbound });
    }
    const line = candidates.find((l) => l.verified + hit.units <= l.qty);
    if (!line) {
      // A case pack on a line needing fewer is not "full": the panel says how many the line still needs.
      return bench.result('over_scan', bench.record(code, 'over_scan', { skuCode: hit.skuCode }), { ...detail, needs: String(unitsNeeded(current.lines, hit.skuCode)) });
    }
    const scanId = bench.record(code, 'verified', { skuCode: hit.skuCode, lineNo: line.lineNo, units: hit.units }, true);
    line.verified += hit.units;
    return completeIfLast(current, scanId, { ...detail, lineNo: String(line.lineNo) });
  }

  /** After a line gained units (scanned or forced): the last one ships the order when auto-complete is on. */
  function completeIfLast(current: OpenOrder, scanId: string, detail: Record<string, string>): ScanResult {
    if (bench.isComplete(current) && deps.settings.get().autoCompleteOnLastScan) {
      const scale = deps.scaleStatus();
      const typed = bench.withChoice({ partial: false }).weightG;
      // With a scale set up the shop weighs every parcel, and it waits for a weight (the weight may have
      // settled already). Unplugged, a weight typed on the ship form stands in; else it waits and the
      // bench asks for one: shipping unweighed only when the cable came out before the last scan was
      // the same parcel going out two ways.
      if (scale !== null && !weighing.accepted()) {
        if (scale !== 'connected' && typed !== undefined && weighing.settledG() !== typed) weighing.settled(typed, 'typed');
        if (scale !== 'connected' && weighing.settledG() === null && weighing.holds()) return weigh.heldResult(current, scanId, detail);
        return weigh.weighAndShip(current, scanId, detail) ?? bench.result('weigh', scanId, detail);
      }
      // A mismatch still open holds it without a scale too, until a supervisor accepts.
      if (weighing.holds()) return weigh.heldResult(current, scanId, detail);
      // A weight typed on the ship form is checked as a scale's would be.
      if (typed !== undefined && !weighing.accepted()) {
        weighing.settled(typed, 'typed');
        return weigh.weighAndShip(current, scanId, detail) ?? bench.result('weigh', scanId, detail);
      }
      return ship.shipped(scanId, detail, ship.shipOpen(bench.withChoice({ partial: false })));
    }
    return bench.result('verified', scanId, detail);
  }

  return {
    verifyItem,
    forceVerify(lineNo: number, authorizerPin?: string): ScanResult {
      const current = bench.requireOpen();
      const line = current.lines.find((l) => l.lineNo === lineNo);
      if (!line) throw new AppError('NOT_FOUND', msg('pack.lineNotFound', { line: lineNo }));
      const blocked = bench.blockOf(current);
      if (blocked) throw new AppError('BLOCKED', blocked);
      const actor = deps.session.authorize(SUPERVISORS, authorizerPin);
      const units = line.qty - line.verified;
      const scanId = deps.progress.record(
        { orderId: current.order.id, packerId: actor.userId, code: `FORCE:${actor.authorizerId ?? actor.userId}`, outcome: 'forced', skuCode: line.skuCode ?? undefined, lineNo, units, progressKey: bench.progressKeyOf(current) },
        { countsToward: true, forced: true, alongside: () => deps.audit.record(actor, 'bench.forceVerify', current.order.id, { lineNo, units }) },
      );
      line.verified = line.qty;
      line.forced = true;
      return completeIfLast(current, scanId, { lineNo: String(lineNo), forced: '1', ...(line.skuCode ? { skuCode: line.skuCode } : {}) });
    },
  };
}
export type PackVerify = ReturnType<typeof createPackVerify>;
