import { expect } from 'vitest';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { barcodeOf, hostCaller } from './host-client';
import type { HostOptions } from '../../electron/host/create-host';
import { createTempHost } from './temp-host';

export const SKUS = defaultSkus(12);

/** A logged-in station with a catalog (unit and case-of-6 barcodes), a YTO pool and imported orders. */
export async function stationWithOrders(orderCount = 40, options: Partial<HostOptions> = {}) {
  const host = createTempHost(options);
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  for (const code of SKUS) {
    await call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 200, location: `A-${code.slice(-2)}`, barcodes: [{ barcode: barcodeOf(code), units: 1 }, { barcode: `${barcodeOf(code)}C`, units: 6 }] });
    await call('stock.adjust', { skuCode: code, delta: 100, kind: 'other', note: '期初' });
  }
  await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000050' });
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  const generated = generateTaobaoClassic({ orders: orderCount, seed: 7, skus: SKUS, quirks: true });
  const report = await call('orders.import', {
    files: [
      { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
      { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
    ],
  });
  expect(report.rejected).toBe(false);
  return { host, call, generated };
}

/** An order the bench can pack and ship: paid, no refunds, every line a known SKU. */
export const shippable = (o: ImportedOrder) =>
  o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode && !l.refundStatus) && o.lines.length > 0;
