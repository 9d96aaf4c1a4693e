import { spawn } from 'node:child_process';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { Host } from '../../electron/host/create-host';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { figure, ms, percentile, type Figure } from './stats';

/**
 * "The bench never waits" (issue 9 part 6): item scans at a station while it imports a 100k-order
 * export and while it catches up on a 100k-entry hub log, against the same scans at the same
 * station when it is idle (the floor, measured in the same run with the same harness).
 *
 * The scans come from a scanner thread, as a packer's scans reach the host from the window (IPC or
 * WebSocket): it sends a scan, waits for the answer, pauses 2–6 ms, sends the next. A scan's time
 * runs from the moment it is sent, so the time it waits for the host's event loop to be free —
 * behind an import's write slice or a sync page — is counted.
 */
const SCANNER = `
  const { parentPort } = require('node:worker_threads');
  const times = [];
  let sent = 0n;
  let stop = false;
  let pause = null;
  const next = () => (pause = setTimeout(() => { pause = null; sent = process.hrtime.bigint(); parentPort.postMessage('scan'); }, 2 + Math.random() * 4));
  parentPort.on('message', (m) => {
    if (m === 'stop') {
      stop = true;
      if (pause) { clearTimeout(pause); parentPort.postMessage({ times }); }
    } else {
      times.push(Number(process.hrtime.bigint() - sent) / 1e6);
      if (stop) parentPort.postMessage({ times });
      else next();
    }
  });
  next();`;

/** What a packer scans, order by order, each order once: its id, then every unit. */
type Plan = { next(): string; nextIsOrder(): boolean; isOrder(code: string): boolean };
/** One run's answer times in milliseconds, in the order scanned, and which of them opened an order. */
type Scans = { times: number[]; opens: boolean[] };

/** Scans from the scanner thread until `work` ends. `work` may ask how many were answered so far. */
async function scanWhile(host: Host, plan: Plan, work: (answered: () => number) => Promise<unknown>): Promise<Scans> {
  const call = hostCaller(host);
  const scanner = new Worker(SCANNER, { eval: true });
  const opens: boolean[] = [];
  // Each order is put down after its last item, in the scanner's pause (leaving a packed, unshipped
  // order is asked first, and the plan's orders stay open when complete): the next open then opens.
  const putDownIfDone = () => (plan.nextIsOrder() ? call('bench.cancel', {}) : Promise.resolve());
  let putDown = putDownIfDone();
  const wrong: string[] = [];
  scanner.on('message', (m: unknown) => {
    if (m !== 'scan') return;
    void putDown.then(() => {
      const code = plan.next();
      opens.push(plan.isOrder(code));
      return call('bench.scan', { code, source: 'wedge' });
    }).then(({ outcome, detail }) => {
      if (outcome !== 'opened' && outcome !== 'verified') wrong.push(`${outcome} ${JSON.stringify(detail)}`);
      scanner.postMessage('answered');
      putDown = putDownIfDone();
    });
  });
  try {
    await work(() => opens.length);
    // A plan that stopped verifying (a question asked, a wrong item) would time another path.
    if (wrong.length) throw new Error(`${wrong.length} bench scans not opened or verified: ${wrong.slice(0, 5).join('; ')}`);
    const times = await new Promise<number[]>((resolve) => {
      scanner.on('message', (m: unknown) => typeof m === 'object' && m !== null && resolve((m as { times: number[] }).times));
      scanner.postMessage('stop');
    });
    return { times, opens: opens.slice(0, times.length) };
  } finally {
    await scanner.terminate();
  }
}

/** Only the export's bytes are kept: the generator's 100k order objects on the heap would slow the station's garbage collection, idle and busy alike. */
function exportFiles(orders: number) {
  const big = generateTaobaoClassic({ orders, seed: 3, quirks: true });
  return [{ name: big.orderFileName, bytes: big.orderCsv }, { name: big.detailFileName, bytes: big.detailCsv }];
}

const idleFor = (msToWait: number) => () => new Promise((resolve) => setTimeout(resolve, msToWait));

/** A station with a catalog and orders to pack (enough for the idle and the busy run, each order packed once). */
async function packingStation(extra: Parameters<typeof createTempHost>[0] = {}) {
  const host = createTempHost({ validateOutput: false, ...extra });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  const skus = defaultSkus(20);
  for (const code of skus) await call('catalog.saveSku', { code, name: code, weightG: 120, location: 'A-1', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
  // Orders stay open when their last item is scanned (no label printed): they are put down instead.
  await call('settings.update', { autoCompleteOnLastScan: false });
  const packable = generateTaobaoClassic({ orders: 8000, seed: 9, skus, quirks: false });
  const report = await host.context.orders.import([
    { name: packable.orderFileName, bytes: packable.orderCsv },
    { name: packable.detailFileName, bytes: packable.detailCsv },
  ], undefined, () => {}, null);
  if (report.rejected) throw new Error('the packing station could not import its orders');
  const codes = packable.orders
    .filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode && !l.refundStatus))
    .flatMap((o) => [o.externalId, ...o.lines.flatMap((l) => Array<string>(l.qty).fill(barcodeOf(l.skuCode!)))]);
  const orderIds = new Set(packable.orders.map((o) => o.externalId));
  let k = 0;
  const plan: Plan = {
    next: () => {
      if (k >= codes.length) throw new Error(`the bench plan ran out of orders after ${k} scans`);
      return codes[k++]!;
    },
    nextIsOrder: () => k < codes.length && orderIds.has(codes[k]!),
    isOrder: (code) => orderIds.has(code),
  };
  return { host, call, plan };
}

/** The budget is for item scans (DESIGN §12); order opens (a read of the whole order) are reported beside them. */
const split = ({ times, opens }: Scans, from = 0) => ({
  items: times.filter((_, i) => i >= from && !opens[i]),
  opens: times.filter((_, i) => i >= from && opens[i]),
});

const scanFigure = (what: string, busyAll: Scans, idleAll: Scans, note: string) => {
  const busy = split(busyAll);
  const idle = split(idleAll);
  return figure({
    path: `item scan while ${what}, p99`, value: percentile(busy.items, 99), unit: 'ms', budget: 'p99 ≤ 2 ms',
    floor: { name: 'same item scans, idle station, p99', value: percentile(idle.items, 99) },
    note: `p50 ${percentile(busy.items, 50).toFixed(2)} ms (idle ${percentile(idle.items, 50).toFixed(2)}), ${busy.items.length} item scans; `
      + `order opens p99 ${percentile(busy.opens, 99).toFixed(2)} ms (idle ${percentile(idle.opens, 99).toFixed(2)}, ${busy.opens.length}); ${note}`,
  });
};

export async function benchBusyScan(): Promise<Figure[]> {
  return [await duringImport(), await duringPull()];
}

async function duringImport(orders = 100_000): Promise<Figure> {
  const { host, plan } = await packingStation();
  try {
    const files = exportFiles(orders);
    const idle = await scanWhile(host, plan, idleFor(3000));
    let took = 0;
    let writingFrom = -1;
    // What else holds the main thread while it imports: the event loop's delays and garbage collection.
    const gcs: number[] = [];
    const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push(e.duration)));
    obs.observe({ entryTypes: ['gc'] });
    const eld = monitorEventLoopDelay({ resolution: 1 });
    eld.enable();
    const busy = await scanWhile(host, plan, async (answered) => {
      const t = process.hrtime.bigint();
      const report = await host.context.orders.import(files, undefined, (phase) => {
        if (phase === 'writing' && writingFrom < 0) writingFrom = answered();
      }, null);
      took = ms(t);
      if (report.rejected || report.created !== orders) throw new Error(`bench import: ${JSON.stringify(report).slice(0, 300)}`);
    });
    const writing = split(busy, Math.max(0, writingFrom)).items;
    obs.disconnect();
    eld.disable();
    return scanFigure(`a ${orders / 1000}k-order import runs`, busy, idle,
      `of them ${writing.length} while it wrote: p99 ${percentile(writing, 99).toFixed(2)} ms; import ${(took / 1000).toFixed(2)} s (${Math.round(orders / (took / 1000))} orders/s); `
      + `main thread's event-loop delay p99 ${(eld.percentile(99) / 1e6).toFixed(1)} ms, max ${(eld.max / 1e6).toFixed(0)} ms; GC pauses ${gcs.length}, p99 ${percentile(gcs, 99).toFixed(1)} ms`);
  } finally {
    host.close();
  }
}

/** The hub in its own process (busy-hub.child.ts), its log filled with `entries` ops. */
async function hubProcess(entries: number) {
  const child = spawn(process.execPath, ['node_modules/.bin/jiti', 'test/bench/busy-hub.child.ts', String(entries)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the hub process ended (${code})`)));
  });
  const hub = JSON.parse(line) as { url: string; fingerprint: string; code: string; head: number };
  return { ...hub, close: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.stdin.end(); }) };
}

async function duringPull(entries = 100_000): Promise<Figure> {
  const hub = await hubProcess(entries);
  const { host, call, plan } = await packingStation({ sync: { autoSync: false } });
  try {
    const idle = await scanWhile(host, plan, idleFor(3000));
    let took = 0;
    const busy = await scanWhile(host, plan, async () => {
      const t = process.hrtime.bigint();
      const status = await call('sync.pair', { hubUrl: hub.url, code: hub.code, fingerprint: hub.fingerprint, stationName: '新工位' });
      took = ms(t);
      if (status.cursor < hub.head || status.lastError) throw new Error(`bench pull did not catch up: ${JSON.stringify(status)} (head ${hub.head})`);
    });
    return scanFigure(`a ${entries / 1000}k-entry pull runs`, busy, idle, `pair → caught up ${(took / 1000).toFixed(2)} s (push of its own orders, then the pull)`);
  } finally {
    host.close();
    await hub.close();
  }
}
