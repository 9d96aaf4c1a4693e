import type { BenchState, ScanResult } from '#shared/contract/bench.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { inTransaction } from '../db/open-database';
import { SUPERVISORS, type PackBench } from './pack-bench';
import type { PackVerify } from './pack-verify.service';
import { bindingFit, skusNamedBy } from './scan-details';

/** A supervisor's binds at the bench: a barcode to a SKU, or a line without 商家编码 to the SKU just scanned. */
export function createPackBind(bench: PackBench, verify: PackVerify) {
  const { deps } = bench;
  const { catalog, orders, session } = deps;

  return {
    /**
     * A line without 商家编码 becomes the SKU of the item just scanned (a supervisor's say), at
     * every bench; that scan then counts on it. Refused before any PIN is asked when it cannot be.
     */
    bindLine(input: { lineNo: number; barcode: string; authorizerPin?: string | undefined }): ScanResult {
      const current = bench.requireOpen();
      const blocked = bench.blockOf(current);
      if (blocked) throw new AppError('BLOCKED', blocked);
      const line = current.lines.find((l) => l.lineNo === input.lineNo);
      if (!line) throw new AppError('NOT_FOUND', msg('pack.lineNotFound', { line: input.lineNo }));
      if (line.skuCode) throw new AppError('CONFLICT', msg('pack.lineHasSku', { line: line.lineNo, sku: line.skuCode }));
      const hit = catalog.lookupBarcode(input.barcode);
      if (!hit) throw new AppError('NOT_FOUND', msg('pack.barcodeUnknown', { barcode: input.barcode }));
      // The offer leaves such a line out; a call made anyway (another client, a stale panel) must not let a wrong item through.
      if (bindingFit(line, hit.skuCode, bench.skuOf) === 'other') {
        throw new AppError('CONFLICT', msg('pack.lineNamesOtherSku', { line: line.lineNo, named: [...skusNamedBy(line, bench.skuOf)].join(', '), sku: hit.skuCode }));
      }
      const actor = session.authorize(SUPERVISORS, input.authorizerPin);
      const orderId = current.order.id;
      inTransaction(deps.db, () => {
        deps.recorder.record('order.line-bound', { orderId, lineNo: line.lineNo, skuCode: hit.skuCode }, { actor });
        deps.audit.record(actor, 'bench.bindLine', orderId, { lineNo: line.lineNo, skuCode: hit.skuCode, barcode: input.barcode });
      });
      const reloaded = bench.load(orders.get(orderId) ?? current.order);
      bench.open = reloaded;
      return verify.verifyItem(reloaded, input.barcode, hit);
    },
    bindBarcode(input: { barcode: string; skuCode: string; units: number; authorizerPin?: string | undefined }): BenchState {
      const actor = session.authorize(SUPERVISORS, input.authorizerPin);
      if (!catalog.exists(input.skuCode)) throw new AppError('NOT_FOUND', msg('pack.skuNotFound', { sku: input.skuCode }));
      const previous = catalog.lookupBarcode(input.barcode);
      inTransaction(deps.db, () => {
        deps.recorder.record('barcode.bound', { barcode: input.barcode, skuCode: input.skuCode, units: input.units, seenHubSeq: deps.syncCursor() }, { actor });
        deps.audit.record(actor, 'catalog.bindBarcode', input.barcode, {
          skuCode: input.skuCode, units: input.units, previousSku: previous?.skuCode ?? null, previousUnits: previous?.units ?? null,
        });
      });
      if (bench.open) bench.open = bench.load(bench.open.order);
      return bench.answer();
    },
  };
}
