import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../electron/host/db/migrate';
import { migrations } from '../../electron/host/db/migrations/index';
import { openDatabase } from '../../electron/host/db/open-database';
import { createRng, int } from '../fixtures/synthetic-orders';

export const BIG = { orders: 1_000_000, skus: 100_000 };
export const skuCode = (i: number) => `SKU-${String(i).padStart(6, '0')}`;
export const barcodeOfSku = (i: number) => `69${String(i).padStart(10, '0')}1`;
export const orderIdOf = (i: number) => `4${String(i).padStart(17, '0')}`;

/**
 * A station database with 1M orders (1–3 lines each) and 100k SKUs, built with plain SQL through
 * the real schema. Kept between bench runs (it takes a while to write); rebuilt when absent.
 */
export function ensureBigStation(root: string): string {
  const dir = join(root, 'big-station');
  const file = join(dir, 'station.db');
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(file);
  migrate(db, migrations);
  db.pragma('synchronous = OFF');
  const rng = createRng(42);
  const now = new Date().toISOString();
  const sku = db.prepare("INSERT INTO skus (code, name, weight_g, location, updated_at) VALUES (?, ?, ?, ?, ?)");
  const barcode = db.prepare('INSERT INTO barcodes (barcode, sku_code, units) VALUES (?, ?, 1)');
  db.transaction(() => {
    for (let i = 1; i <= BIG.skus; i++) {
      sku.run(skuCode(i), `商品 ${i}`, 100 + (i % 900), `A-${i % 50}`, now);
      barcode.run(barcodeOfSku(i), skuCode(i));
    }
  })();
  const order = db.prepare(`INSERT INTO orders (id, platform, external_id, platform_status, buyer_nick, receiver_name,
    receiver_mobile, receiver_phone, province, city, district, address_detail, zip, buyer_message, seller_memo, paid_fen,
    postage_fen, created_at, paid_at, ship_deadline, carrier_name, tracking_no, blocked_reason, content_hash, imported_at, updated_at)
    VALUES (?, 'taobao', ?, 'WAIT_SELLER_SEND_GOODS', 'buyer', '张三', '13800000000', '', '浙江省', '杭州市', '余杭区',
    '文一西路969号', '311121', '', '', 1990, 0, ?, ?, ?, '', '', NULL, 'x', ?, ?)`);
  const line = db.prepare('INSERT INTO order_lines (order_id, line_no, sku_code, title, qty, price_fen) VALUES (?, ?, ?, ?, ?, 990)');
  const batch = 50_000;
  for (let start = 1; start <= BIG.orders; start += batch) {
    db.transaction(() => {
      for (let i = start; i < start + batch && i <= BIG.orders; i++) {
        const id = `taobao:${orderIdOf(i)}`;
        order.run(id, orderIdOf(i), now, now, now, now, now);
        const lines = int(rng, 1, 3);
        for (let l = 1; l <= lines; l++) line.run(id, l, skuCode(int(rng, 1, BIG.skus)), `商品`, int(rng, 1, 3));
      }
    })();
  }
  db.pragma('synchronous = FULL');
  db.exec('ANALYZE');
  db.close();
  mkdirSync(join(dir, 'complete'));
  return dir;
}
