import { createCanvas } from '@napi-rs/canvas';
import { expect } from 'vitest';
import { buildModel, defaultSkus, type SyntheticOrder } from '../fixtures/synthetic-orders';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { exportFiles } from './order-files';

export const HANDOVER_SKUS = defaultSkus(6);
type Call = ReturnType<typeof hostCaller>;

/** The platform's orders as a model a test can change (a refund asked, an order closed) and import again. */
export const handoverModel = () => buildModel({ orders: 40, seed: 23, skus: HANDOVER_SKUS, quirks: false });
export const waiting = (model: SyntheticOrder[]) => model.filter((o) => o.kind === 'wait' && o.lines.length > 0);

/** A catalog with stock, YTO and ZTO numbers, YTO by default, and the platform's orders. */
export async function stockHandoverShop(call: Call, model: SyntheticOrder[]) {
  for (const code of HANDOVER_SKUS) {
    await call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
    await call('stock.adjust', { skuCode: code, delta: 500, kind: 'other', note: '期初' });
  }
  await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000060' });
  await call('carriers.importPool', { carrierCode: 'ZTO', text: '75300000000001-75300000000020' });
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  expect((await call('orders.import', { files: exportFiles(model) })).rejected).toBe(false);
}

/** A logged-in station with that shop (no hub). */
export async function handoverStation() {
  const host = createTempHost();
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const model = handoverModel();
  await stockHandoverShop(call, model);
  return { host, call, model };
}

/** Packs and ships an order at the bench; resolves once its label is printed (the default printer writes a PNG). */
export async function shipOrder(call: Call, order: SyntheticOrder) {
  let scanned = await call('bench.scan', { code: order.id, source: 'wedge' });
  if (scanned.outcome === 'confirm_switch') scanned = await call('bench.scan', { code: order.id, source: 'wedge' });
  expect(scanned.outcome).toBe('opened');
  for (const line of order.lines) for (let i = 0; i < line.qty; i++) scanned = await call('bench.scan', { code: barcodeOf(line.sku), source: 'wedge' });
  expect(scanned.outcome).toBe('completed');
  const parcel = scanned.shipment!;
  await until(async () => ((await call('shipments.list', { query: parcel.trackingNo, state: 'active' })).shipments[0]?.printedAt ? true : undefined));
  return parcel;
}

/** A signature as a phone or a bench draws it: dark strokes on a transparent PNG, kept through photos.put. */
export async function signature(call: Call, seed = 1): Promise<string> {
  const canvas = createCanvas(480, 180);
  const ctx = canvas.getContext('2d');
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 5;
  ctx.beginPath();
  ctx.moveTo(30, 120);
  for (let x = 30; x < 450; x += 15) ctx.lineTo(x, 90 + Math.sin((x + seed * 37) / 25) * 50);
  ctx.stroke();
  return (await call('photos.put', { mime: 'image/png', base64: (await canvas.encode('png')).toString('base64') })).sha256;
}

export async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
