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
  const floorDb = openDatabase(`${host.dataDir}/floor.db`);
  floorDb.exec('CREATE TABLE f (id TEXT PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i INTEGER, j INTEGER)');
  const insert = floorDb.prepare('INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const tf = process.hrtime.bigint();
  floorDb.transaction(() => {
    for (let i = 0; i < orders; i++) insert.run(`taobao:${i}`, '张三', '浙江省', '杭州市', '余杭区', '文一西路969号', '13800000000', '', '', 1990, 0);
  }).immediate();
  const floorMs = ms(tf);
  floorDb.close();
  host.close();
  const rate = orders / (took / 1000);
  const floorRate = orders / (floorMs / 1000);
  return [
    figure({
      path: 'GBK Taobao export import (parse + write, 100k orders)',
      value: rate,
      unit: 'orders/s',
      budget: '≥ 50k orders/s',
      floor: { name: 'raw insert of 100k rows', value: floorRate },
      note: `${(took / 1000).toFixed(2)} s for ${((orderCsv.length + detailCsv.length) / 1e6).toFixed(1)} MB, ${report.created} orders: parse + validation in the worker ${(parseMs / 1000).toFixed(2)} s, writes (1 ms slices) ${((took - parseMs) / 1000).toFixed(2)} s`,
    }),
  ];
}
