import { connect } from 'node:net';
import { startFakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { figure, ms, percentile, type Figure } from './stats';

/** Last scan → the label's bytes received by a TCP 9100 printer, against a raw TCP send of a job. */
export async function benchLabel(kind: 'tspl' | 'zpl', orders = 150): Promise<Figure[]> {
  const printer = await startFakeTcpPrinter({});
  const host = createTempHost({ validateOutput: false });
  const call = hostCaller(host);
  const skus = defaultSkus(20);
  await call('session.login', { pin: '0000' });
  for (const code of skus) await call('catalog.saveSku', { code, name: code, weightG: 120, location: 'A-1', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
  await call('carriers.importPool', { carrierCode: 'ZTO', text: '73100000000001-73100000001000' });
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'ZTO' });
  await call('devices.setPrinter', { kind, host: printer.host, port: printer.port, devicePath: '', labelSize: '100x150', dpi: 203, cjkMode: 'auto' });
  const generated = generateTaobaoClassic({ orders: orders * 2, seed: 5, skus, quirks: false });
  await call('orders.import', {
    files: [
      { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
      { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
    ],
  });
  const times: number[] = [];
  for (const order of generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS').slice(0, orders)) {
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    const items = order.lines.flatMap((l) => Array.from({ length: l.qty }, () => barcodeOf(l.skuCode!)));
    for (const code of items.slice(0, -1)) await call('bench.scan', { code, source: 'wedge' });
    const before = printer.jobs.length;
    const t = process.hrtime.bigint();
    const last = await call('bench.scan', { code: items.at(-1)!, source: 'wedge' });
    if (last.outcome !== 'completed') throw new Error(`expected completed, got ${last.outcome}`);
    await printer.waitForJob(before + 1, 5000);
    times.push(ms(t));
  }
  const job = printer.jobs.at(-1)!;
  const floor: number[] = [];
  for (let k = 0; k < 200; k++) {
    const before = printer.jobs.length;
    const t = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const socket = connect(printer.port, printer.host, () => socket.end(job, () => resolve()));
      socket.on('error', reject);
    });
    await printer.waitForJob(before + 1, 5000);
    floor.push(ms(t));
  }
  host.close();
  await printer.close();
  return [
    figure({ path: `last scan → ${kind.toUpperCase()} label bytes on TCP 9100, p95`, value: percentile(times, 95), unit: 'ms', budget: 'p95 ≤ 100 ms', floor: { name: 'raw TCP send of the job p95', value: percentile(floor, 95) }, note: `p50 ${percentile(times, 50).toFixed(1)} ms, ${job.length} B job, ${times.length} orders` }),
  ];
}
