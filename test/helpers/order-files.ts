import type { FileInput } from '#shared/contract/common';
import { DETAIL_HEADER, encodeGbk, fileNames, renderClassic, toCsvText } from '../fixtures/taobao-export.generator';
import type { SyntheticOrder } from '../fixtures/synthetic-orders';

/**
 * A classic Taobao export pair of exactly these orders, as orders.import takes it: a test can
 * build a model, change an order (cancel it, open a refund) and import it again.
 */
export function exportFiles(model: SyntheticOrder[], startMs?: number): FileInput[] {
  const r = renderClassic(model, false);
  const names = fileNames(startMs);
  return [
    { name: names.orderFileName, base64: encodeGbk(toCsvText(r.header, r.orderRows)).toString('base64') },
    { name: names.detailFileName, base64: encodeGbk(toCsvText(DETAIL_HEADER, r.detailRows)).toString('base64') },
  ];
}
