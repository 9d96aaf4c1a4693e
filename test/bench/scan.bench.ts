import { join } from 'node:path';
import { createHost } from '../../electron/host/create-host';
import { openDatabase } from '../../electron/host/db/open-database';
import { createRng, int } from '../fixtures/synthetic-orders';
import { hostCaller } from '../host/host-client';
import { BIG, barcodeOfSku, ensureBigStation, orderIdOf } from './big-station';
import { figure, ms, percentile, type Figure } from './stats';

/** Item scans at a bench whose database holds 1M orders and 100k SKUs, against raw SQLite. */
export async function benchScan(resultsDir: string, scans = 3000): Promise<Figure[]> {
  const dataDir = ensureBigStation(resultsDir);
  const host = createHost({ dataDir, validateOutput: false, resourcesDir: join(process.cwd(), 'resources') });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  await call('settings.update', { autoCompleteOnLastScan: false });
  const lineQ = host.context.db.prepare('SELECT sku_code AS sku, qty FROM order_lines WHERE order_id = ?');
  const rng = createRng(Date.now() % 100000);
  const itemTimes: number[] = [];
  const openTimes: number[] = [];
  while (itemTimes.length < scans) {
    const i = int(rng, 1, BIG.orders);
    let t = process.hrtime.bigint();
    const opened = await call('bench.scan', { code: orderIdOf(i), source: 'wedge' });
    openTimes.push(ms(t));
    if (opened.outcome !== 'opened') continue;
    for (const line of lineQ.all(`taobao:${orderIdOf(i)}`) as { sku: string; qty: number }[]) {
      const code = barcodeOfSku(Number(line.sku.slice(4)));
      const already = opened.state.lines.find((l) => l.skuCode === line.sku)?.verified ?? 0;
      for (let n = already; n < line.qty; n++) {
        t = process.hrtime.bigint();
        const r = await call('bench.scan', { code, source: 'wedge' });
        const took = ms(t);
        if (r.outcome === 'verified') itemTimes.push(took);
      }
    }
  }
  host.close();

  // The floor: the same work done by hand — one indexed lookup and one durable insert (WAL, FULL).
  const floorDb = openDatabase(join(resultsDir, 'floor.db'));
  floorDb.exec('CREATE TABLE IF NOT EXISTS floor_events (id INTEGER PRIMARY KEY, code TEXT, at TEXT)');
  const big = openDatabase(join(dataDir, 'station.db'));
  const lookup = big.prepare('SELECT sku_code, units FROM barcodes WHERE barcode = ?');
  const insert = floorDb.prepare('INSERT INTO floor_events (code, at) VALUES (?, ?)');
  const floorTimes: number[] = [];
  for (let k = 0; k < scans; k++) {
    const t = process.hrtime.bigint();
    const code = barcodeOfSku(int(rng, 1, BIG.skus));
    lookup.get(code);
    floorDb.transaction(() => insert.run(code, new Date().toISOString())).immediate();
    floorTimes.push(ms(t));
  }
  big.close();
  floorDb.close();

  const floorP99 = percentile(floorTimes, 99);
  return [
    figure({ path: 'item scan in the host, p50 (1M orders, 100k SKUs)', value: percentile(itemTimes, 50), unit: 'ms', budget: '—', floor: { name: 'lookup + durable insert p50', value: percentile(floorTimes, 50) } }),
    figure({ path: 'item scan in the host, p99 (1M orders, 100k SKUs)', value: percentile(itemTimes, 99), unit: 'ms', budget: 'p99 ≤ 2 ms', floor: { name: 'lookup + durable insert p99', value: floorP99 }, note: `${itemTimes.length} scans` }),
    figure({ path: 'open order by scan, p99 (1M orders)', value: percentile(openTimes, 99), unit: 'ms', budget: '—', floor: { name: 'lookup + durable insert p99', value: floorP99 } }),
  ];
}
