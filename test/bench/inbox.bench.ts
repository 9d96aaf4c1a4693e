import { join } from 'node:path';
import { createHost } from '../../electron/host/create-host';
import { openDatabase } from '../../electron/host/db/open-database';
import { hostCaller } from '../host/host-client';
import { generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { createTempHost } from '../host/temp-host';
import { ensureBigStation } from './big-station';
import { figure, ms, percentile, type Figure } from './stats';

/**
 * The exceptions inbox's counts (the top bar's badge, read after every change) at a station with
 * 1M orders, all of them open and due within the day: the worst case for the deadline rows, which
 * the inbox reads at most 500 of. Against the floor of reading those 500 rows by hand.
 */
export async function benchInbox(resultsDir: string, rounds = 300): Promise<Figure[]> {
  const dataDir = ensureBigStation(resultsDir);
  const host = createHost({ dataDir, validateOutput: false, resourcesDir: join(process.cwd(), 'resources') });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  // The orders were written with their deadline at build time: a window around it holds them all.
  const built = host.context.db.prepare('SELECT ship_deadline FROM orders LIMIT 1').pluck().get() as string;
  const hours = Math.min(168, Math.max(1, Math.ceil((Date.parse(built) - Date.now()) / 3_600_000) + 2));
  await call('inbox.saveSettings', { deadlineRiskHours: hours, poolLowFree: 300 });
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    total = (await call('inbox.counts', {})).total;
    times.push(ms(t));
  }
  host.close();

  const db = openDatabase(join(dataDir, 'station.db'));
  const floorQ = db.prepare("SELECT id FROM orders WHERE pack_state = 'open' AND ship_deadline >= ? ORDER BY ship_deadline LIMIT 500");
  const floor: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    floorQ.all('1970-01-01');
    floor.push(ms(t));
  }
  db.close();
  return [
    figure({
      path: 'inbox counts (top-bar badge), p95, 1M open orders', value: percentile(times, 95), unit: 'ms', budget: '≪ 50 ms',
      floor: { name: '500 deadline rows read by hand', value: percentile(floor, 95) }, note: `${total} open rows (kinds capped at 500)`,
    }),
    await afterExportImport(rounds),
  ];
}

/**
 * The same counts at a station that has just imported a 100k-order export, closed and refunded
 * orders among them (~30k): the count runs 300 ms after every scan, on the main thread. Its "stops"
 * kind once walked every closed order of its 30-day window (p50 8–12 ms here before migration 0026).
 */
async function afterExportImport(rounds: number): Promise<Figure> {
  const host = createTempHost({ validateOutput: false });
  try {
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    const big = generateTaobaoClassic({ orders: 100_000, seed: 3, quirks: true });
    const report = await host.context.orders.import([{ name: big.orderFileName, bytes: big.orderCsv }, { name: big.detailFileName, bytes: big.detailCsv }], undefined, () => {}, null);
    if (report.rejected) throw new Error('the station could not import the export');
    const blocked = host.context.db.prepare('SELECT count(*) FROM orders WHERE blocked_reason IS NOT NULL').pluck().get() as number;
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = process.hrtime.bigint();
      await call('inbox.counts', {});
      times.push(ms(t));
    }
    const floorQ = host.context.db.prepare("SELECT id FROM orders WHERE pack_state = 'open' AND ship_deadline >= ? ORDER BY ship_deadline LIMIT 500");
    const floor: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = process.hrtime.bigint();
      floorQ.all('1970-01-01');
      floor.push(ms(t));
    }
    return figure({
      path: 'inbox counts after a 100k-order export import, p95', value: percentile(times, 95), unit: 'ms', budget: '≪ 50 ms (runs after every scan)',
      floor: { name: '500 deadline rows read by hand', value: percentile(floor, 95) },
      note: `p50 ${percentile(times, 50).toFixed(2)} ms; ${blocked} of the orders closed or refunded`,
    });
  } finally {
    host.close();
  }
}
