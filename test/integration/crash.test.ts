import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/host/db/open-database';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { startFakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { createRng } from '../fixtures/synthetic-orders';
import { startBenchProcess, type Outcome } from '../helpers/bench-process';

const CLI = 'out/main/cli.js';
const SKUS = defaultSkus(8);

describe('crash safety: the bench process SIGKILLed mid-session', () => {
  let printer: Awaited<ReturnType<typeof startFakeTcpPrinter>>;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    printer = await startFakeTcpPrinter({});
  });
  afterAll(async () => printer.close());

  it('loses no acknowledged scan and never hands out a waybill number twice', async () => {
    const host = createTempHost();
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    for (const code of SKUS) await call('catalog.saveSku', { code, name: code, weightG: 100, location: '', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
    await call('carriers.importPool', { carrierCode: 'ZTO', text: '73100000000001-73100000000300' });
    await call('carriers.saveRules', { rules: [], defaultCarrier: 'ZTO' });
    await call('devices.setPrinter', { kind: 'tspl', host: printer.host, port: printer.port, devicePath: '', labelSize: '100x150', dpi: 203, cjkMode: 'printer-font' });
    const generated = generateTaobaoClassic({ orders: 60, seed: 11, skus: SKUS, quirks: false });
    await call('orders.import', {
      files: [
        { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
        { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
      ],
    });
    const dataDir = host.dataDir;
    host.close();

    const orders = generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode));
    const script = orders.flatMap((o) => [o.externalId, ...o.lines.flatMap((l) => Array.from({ length: l.qty }, () => barcodeOf(l.skuCode!)))]);
    const rng = createRng(2026);
    const acknowledged: Outcome[] = [];
    let position = 0;
    let kills = 0;
    while (position < script.length) {
      const bench = startBenchProcess(dataDir);
      // A scan that committed the last item just before the kill leaves the order complete but not
      // shipped; the packer then scans the ship command (an error reply when there is nothing to ship).
      if (kills > 0) await bench.scan('PD:SHIP');
      const killAfter = kills < 4 ? 5 + Math.floor(rng() * 25) : Infinity;
      for (let n = 0; n < killAfter && position < script.length; n++) {
        const outcome = await bench.scan(script[position]!);
        if (!outcome) break;
        acknowledged.push(outcome);
        position++;
      }
      if (position < script.length) {
        // Kill while the next scan is in flight: it may or may not commit, but it was never acknowledged.
        void bench.scan(script[position]!);
        await bench.kill();
        kills++;
        // After a restart the same scan is sent again; the bench restored the open order itself.
      } else await bench.end();
    }
    expect(kills).toBe(4);

    const db = openDatabase(`${dataDir}/station.db`);
    const stored = new Set(db.prepare('SELECT id FROM scan_events').pluck().all() as string[]);
    const acknowledgedIds = acknowledged.map((o) => o.scanId).filter((id): id is string => typeof id === 'string');
    expect(acknowledgedIds.length).toBeGreaterThan(script.length * 0.9);
    expect(acknowledgedIds.filter((id) => !stored.has(id))).toEqual([]);

    const shipments = db.prepare('SELECT order_id, tracking_no FROM shipments WHERE voided_at IS NULL').all() as { order_id: string; tracking_no: string }[];
    expect(new Set(shipments.map((s) => s.tracking_no)).size).toBe(shipments.length);
    expect(new Set(shipments.map((s) => s.order_id)).size).toBe(shipments.length);
    expect(shipments.length).toBe(orders.length);
    const used = db.prepare("SELECT number, shipment_id FROM waybill_numbers WHERE state = 'used'").all() as { number: string; shipment_id: string }[];
    expect(used.length).toBe(shipments.length);
    expect(new Set(used.map((u) => u.shipment_id)).size).toBe(used.length);
    // The labels the printer received never carry one number for two orders.
    const printedNumbers = printer.jobs.map((job) => /BARCODE [^\r\n]*"(\d+)"/.exec(job.toString('latin1'))?.[1]).filter(Boolean);
    expect(printedNumbers.every((n) => shipments.some((s) => s.tracking_no === n))).toBe(true);
    db.close();
  }, 120_000);
});
