import { beforeAll, describe, expect, it } from 'vitest';
import { listCupsPrinters, printToCups } from '../../electron/host/devices/cups.transport';
import { capturedJobs, CUPS_QUEUES, requireCupsQueues, waitForCapturedJob } from '../helpers/cups';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/**
 * Printing through a real CUPS scheduler with real lp/lpstat: the queues of scripts/cups-test-queue.js,
 * whose "printer" is a capture backend that keeps each job CUPS delivers. Raw jobs must arrive byte
 * for byte (no filter touched them); a PDF goes as a PDF; a stopped queue is reported and its
 * labels wait in the label queue.
 */
beforeAll(() => requireCupsQueues());

describe('system printers through CUPS', () => {
  it('lists the queues with their state, a stopped one with its reason', async () => {
    const list = await listCupsPrinters();
    expect(list.source).toBe('cups');
    expect(list.problem).toBeNull();
    expect(list.printers.find((p) => p.name === CUPS_QUEUES.ok)).toMatchObject({ state: 'idle', reason: '' });
    expect(list.printers.find((p) => p.name === CUPS_QUEUES.stopped)).toMatchObject({ state: 'disabled', reason: 'printer switched off' });
  });

  it('delivers raw bytes untouched, every byte value included', async () => {
    const data = Buffer.concat([Buffer.from('SIZE 100 mm,150 mm\r\nCLS\r\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\nPRINT 1,1\r\n')]);
    const before = capturedJobs(CUPS_QUEUES.ok);
    const id = await printToCups({ queue: CUPS_QUEUES.ok, data, raw: true, title: 'raw-check' });
    expect(id).toMatch(/^packdesk-test-\d+$/);
    expect((await waitForCapturedJob(CUPS_QUEUES.ok, before, 'SIZE 100 mm,150 mm')).equals(data)).toBe(true);
  });

  it('a queue that rejects jobs or does not exist fails before anything prints', async () => {
    // A stopped queue is said as paused (resume it), lp's English kept only as the detail.
    await expect(printToCups({ queue: CUPS_QUEUES.stopped, data: Buffer.from('x'), raw: true, title: 't' })).rejects.toMatchObject({
      code: 'DEVICE_UNAVAILABLE', msg: { key: 'devices.system.paused', params: { queue: CUPS_QUEUES.stopped, detail: expect.stringContaining('not accepting jobs') } },
    });
    await expect(printToCups({ queue: 'packdesk-no-such-queue', data: Buffer.from('x'), raw: true, title: 't' })).rejects.toMatchObject({
      code: 'DEVICE_UNAVAILABLE', msg: { key: 'devices.system.refused' },
    });
    await expect(printToCups({ queue: '-o', data: Buffer.from('x'), raw: true, title: 't' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the station printing to a CUPS queue', () => {
  it('lists the system printers over RPC, and a shipped waybill reaches the queue as TSPL', async () => {
    const { call, generated, host } = await stationWithOrders(20);
    try {
      const listed = await call('devices.listSystemPrinters', {});
      expect(listed.printers.map((p) => p.name)).toEqual(expect.arrayContaining([CUPS_QUEUES.ok, CUPS_QUEUES.stopped]));
      // One place per printer: a queue and a network address together are refused.
      await expect(call('devices.setPrinter', { kind: 'tspl', systemPrinter: CUPS_QUEUES.ok, host: '10.0.0.5' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await call('devices.setPrinter', { kind: 'tspl', systemPrinter: CUPS_QUEUES.ok });

      const before = capturedJobs(CUPS_QUEUES.ok);
      const order = generated.orders.find((o) => shippable(o))!;
      await call('bench.scan', { code: order.externalId, source: 'wedge' });
      let last;
      for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
      const tracking = last!.shipment!.trackingNo;
      const job = await waitForCapturedJob(CUPS_QUEUES.ok, before, tracking);
      expect(job.toString('latin1')).toMatch(/^SIZE 100 mm,150 mm\r\n/);
      expect(job.toString('latin1')).toContain(`"${tracking}"`);
      await host.context.labels.idle();
      const queued = await call('printQueue.list', {});
      expect(queued.jobs.find((j) => j.trackingNo === tracking)).toMatchObject({ state: 'done', printer: `TSPL → ${CUPS_QUEUES.ok}` });

      // A PDF printer on the same queue: the calibration label goes as a PDF (through the driver, not raw).
      const pdfBefore = capturedJobs(CUPS_QUEUES.ok);
      await call('devices.testPrint', { printer: { kind: 'pdf', systemPrinter: CUPS_QUEUES.ok } });
      expect((await waitForCapturedJob(CUPS_QUEUES.ok, pdfBefore, '%PDF-')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      host.close();
    }
  });

  it('labels for a stopped queue wait in the label queue, and print once it takes jobs again', async () => {
    const { call, generated, host } = await stationWithOrders(20, { printing: { retryDelayMs: () => 50 } });
    try {
      await call('devices.setPrinter', { kind: 'zpl', systemPrinter: CUPS_QUEUES.stopped });
      const order = generated.orders.find((o) => shippable(o))!;
      await call('bench.scan', { code: order.externalId, source: 'wedge' });
      let last;
      for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
      expect(last?.outcome).toBe('completed');
      const tracking = last!.shipment!.trackingNo;
      let job;
      for (let i = 0; i < 200; i++) {
        job = (await call('printQueue.list', {})).jobs.find((j) => j.trackingNo === tracking);
        if (job && job.attempts >= 2 && job.state === 'queued') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(job).toMatchObject({ state: 'queued', error: { key: 'devices.system.paused' } });

      // The packer points the bench at the working queue: the waiting label prints there, once.
      const before = capturedJobs(CUPS_QUEUES.ok);
      await call('devices.setPrinter', { kind: 'zpl', systemPrinter: CUPS_QUEUES.ok });
      await call('printQueue.retry', { id: job!.id });
      const bytes = await waitForCapturedJob(CUPS_QUEUES.ok, before, tracking);
      expect(bytes.toString('latin1')).toMatch(/^\^XA/);
    } finally {
      host.close();
    }
  });
});
