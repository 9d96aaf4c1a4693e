import { generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { openDatabase } from '../../electron/host/db/open-database';
import { createTempHost } from '../host/temp-host';
import { figure, ms, type Figure } from './stats';

/** A 100k-order classic Taobao export (GBK CSV pair) imported through the real service. */
export async function benchImport(orders = 100_000): Promise<Figure[]> {
  // Keep only the files: the generator's expected orders would sit in memory and tax the GC being timed.
  const { orderCsv, detailCsv, orderFileName, detailFileName } = generateTaobaoClassic({ orders, seed: 3, quirks: true });
  // The parse worker starts with a station's first import and stays: started here by a small one.
  const warm = generateTaobaoClassic({ orders: 50, seed: 4, quirks: true });
  const warmHost = createTempHost();
  await warmHost.context.orders.import([{ name: warm.orderFileName, bytes: warm.orderCsv }, { name: warm.detailFileName, bytes: warm.detailCsv }], undefined, () => {}, null);
  warmHost.close();
  const host = createTempHost();
  let parsedAt = 0n;
  const files = [
    { name: orderFileName, bytes: orderCsv },
    { name: detailFileName, bytes: detailCsv },
  ];
  const t = process.hrtime.bigint();
  const report = await host.context.orders.import(files, undefined, (phase) => {
    if (phase === 'writing' && parsedAt === 0n) parsedAt = process.hrtime.bigint();
  }, null);
  const took = ms(t);
  const parseMs = Number(parsedAt - t) / 1e6;
  if (report.rejected) throw new Error(`bench import rejected: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const floorMs = schemaFloor(host.dataDir);
  host.close();
  const rate = orders / (took / 1000);
  const floorRate = orders / (floorMs / 1000);
  return [
    figure({
      path: 'GBK Taobao export import (parse + write, 100k orders)',
      value: rate,
      unit: 'orders/s',
      budget: '≥ 50k orders/s',
      floor: { name: 'the same rows by bare SQL into the station schema, one transaction', value: floorRate },
      note: `${(took / 1000).toFixed(2)} s for ${((orderCsv.length + detailCsv.length) / 1e6).toFixed(1)} MB, ${report.created} orders: parse + validation in the worker ${(parseMs / 1000).toFixed(2)} s, writes ${((took - parseMs) / 1000).toFixed(2)} s`,
    }),
  ];
}

/**
 * The floor: the rows this import wrote (orders, lines and their ops, read back) inserted again
 * into a fresh station database by bare prepared statements in one transaction, with the
 * schema's indexes, no fsync and no other work: what the writes alone cost on this machine.
 */
function schemaFloor(dataDir: string): number {
  const src = openDatabase(`${dataDir}/station.db`);
  const read = (sql: string) => src.prepare(sql).raw().all() as unknown[][];
  const orders = read('SELECT * FROM orders');
  const lines = read('SELECT * FROM order_lines');
  const ops = read("SELECT op_id, type, version, payload, created_at, entity, authorized_by FROM outbox WHERE type = 'order.imported'");
  src.close();
  const fresh = createTempHost();
  fresh.close();
  const db = openDatabase(`${fresh.dataDir}/station.db`);
  const insert = (table: string, n: number) => db.prepare(`INSERT INTO ${table} VALUES (${Array(n).fill('?').join(', ')})`);
  const orderInsert = insert('orders', orders[0]!.length);
  const lineInsert = insert('order_lines', lines[0]!.length);
  const opInsert = db.prepare('INSERT INTO outbox (op_id, type, version, payload, created_at, entity, authorized_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const t = process.hrtime.bigint();
  db.pragma('synchronous = NORMAL');
  db.transaction(() => {
    for (const r of orders) orderInsert.run(r);
    for (const r of lines) lineInsert.run(r);
    for (const r of ops) opInsert.run(r);
  }).immediate();
  const took = ms(t);
  db.close();
  return took;
}
