import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '#shared/contract/print-queue.contract';
import { createHost } from '../../electron/host/create-host';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { barcodeOf, hostCaller } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/**
 * The label queue against a TSPL printer on TCP 9100 that is off, comes back, runs out of paper,
 * breaks off a job and reports a fault right after one. What the packer notices: packing never
 * waits for the printer, every label prints exactly once unless they say otherwise, and the queue
 * says which labels need them.
 */

type Station = Awaited<ReturnType<typeof stationWithOrders>>;
let station: Station;
let printer: FakeTcpPrinter;
let next = 0;

beforeEach(async () => {
  printer = await startFakeTcpPrinter({ status: 0 });
  // Retries come quickly here; the printer's answers, not the clock, decide what the test sees.
  station = await stationWithOrders(40, { printing: { retryDelayMs: () => 30, timeouts: { connectTimeoutMs: 500, closeGraceMs: 200 } } });
  await station.call('devices.setPrinter', { kind: 'tspl', host: printer.host, port: 9100 });
  next = 0;
});
afterEach(async () => {
  station.host.close();
  await printer.close();
});

/** Packs and ships the next shippable order by scanning it; returns its tracking number. */
async function packOne(): Promise<string> {
  const orders = station.generated.orders.filter((o) => shippable(o));
  const order = orders[next++]!;
  await station.call('bench.scan', { code: order.externalId, source: 'wedge' });
  let last;
  for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await station.call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
  expect(last?.outcome).toBe('completed');
  return last!.shipment!.trackingNo;
}

const jobOf = async (tracking: string): Promise<PrintJob> => {
  const { jobs } = await station.call('printQueue.list', {});
  // The newest job for the number (ids are UUIDv7: they sort by creation).
  return jobs.filter((j) => j.trackingNo === tracking).sort((a, b) => (a.id < b.id ? 1 : -1))[0]!;
};

/** Waits until the job for `tracking` is in one of `states` (the queue works off the scan path). */
async function until(tracking: string, states: PrintJob['state'][], extra: (job: PrintJob) => boolean = () => true): Promise<PrintJob> {
  for (let i = 0; i < 400; i++) {
    const job = await jobOf(tracking);
    if (job && states.includes(job.state) && extra(job)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  const job = await jobOf(tracking);
  throw new Error(`job for ${tracking} stayed ${job?.state} (${JSON.stringify(job?.error)}), wanted ${states.join('/')}`);
}

const printedCopies = (tracking: string) => printer.jobs.filter((job) => job.toString('latin1').includes(tracking)).length;

describe('the label queue', () => {
  it('keeps packing while the printer is off, and prints each waiting label once when it is back', async () => {
    await printer.setMode('refuse');
    const first = await packOne();
    const second = await packOne();
    const waiting = await until(first, ['queued'], (j) => j.attempts >= 2);
    expect(waiting.error).toMatchObject({ key: 'devices.tcp.refused' });
    expect(waiting.nextAttemptAt).not.toBeNull();
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 2, needsPacker: 0 });

    await printer.setMode('normal');
    expect((await until(first, ['done'])).error).toBeNull();
    await until(second, ['done']);
    expect([printedCopies(first), printedCopies(second)]).toEqual([1, 1]);
    // In the order they were packed.
    expect(printer.jobs.findIndex((j) => j.toString('latin1').includes(first))).toBeLessThan(printer.jobs.findIndex((j) => j.toString('latin1').includes(second)));
    const shipments = await station.call('shipments.list', { query: '' });
    expect(shipments.shipments.filter((s) => s.printedAt !== null).map((s) => s.trackingNo).sort()).toEqual([first, second].sort());
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 0, needsPacker: 0 });
  });

  it('a label voided while it waits for the printer never prints, needs no one, and cannot be reprinted', async () => {
    await printer.setMode('refuse');
    const tracking = await packOne();
    const printed = await packOne();
    await until(tracking, ['queued'], (j) => j.attempts >= 1);
    const parcel = (await station.call('shipments.list', { query: '' })).shipments.find((s) => s.trackingNo === tracking)!;
    await station.call('shipments.void', { id: parcel.id, reason: '买家取消' });
    await printer.setMode('normal');
    await until(printed, ['done']);
    await station.host.context.labels.idle();
    expect(printedCopies(tracking)).toBe(0);
    const job = await jobOf(tracking);
    expect(job).toMatchObject({ state: 'queued', voided: true });
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 0, needsPacker: 0 });
    await expect(station.call('printQueue.retry', { id: job.id })).rejects.toMatchObject({ msg: { key: 'label.voided' } });
    // The printed label's number voided afterwards: no reprint of it either.
    const done = await jobOf(printed);
    const other = (await station.call('shipments.list', { query: '' })).shipments.find((s) => s.trackingNo === printed)!;
    await station.call('shipments.void', { id: other.id, reason: '面单打错' });
    await expect(station.call('printQueue.reprint', { id: done.id })).rejects.toMatchObject({ msg: { key: 'label.voided' } });
    await station.call('printQueue.cancel', { id: job.id });
    expect(await jobOf(tracking)).toMatchObject({ state: 'cancelled' });
  });

  it('paper out fails the job before any byte is sent; Retry prints it once the roll is changed', async () => {
    printer.setStatus(0x04);
    const tracking = await packOne();
    const failed = await until(tracking, ['failed']);
    expect(failed.error).toEqual({ key: 'devices.status.paperOut' });
    expect(printer.jobs).toHaveLength(0);
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 0, needsPacker: 1 });

    // Retry while the roll is still empty: still failed, still nothing printed.
    await station.call('printQueue.retry', { id: failed.id });
    await until(tracking, ['failed'], (j) => j.attempts === 2);
    expect(printer.jobs).toHaveLength(0);

    printer.setStatus(0x00);
    await station.call('printQueue.retry', { id: failed.id });
    await until(tracking, ['done']);
    expect(printedCopies(tracking)).toBe(1);
  });

  it('head open and paused are failures the packer can read, not retried behind their back', async () => {
    printer.setStatus(0x01 | 0x10);
    const tracking = await packOne();
    const failed = await until(tracking, ['failed']);
    expect(failed.error).toEqual({ key: 'devices.status.andMore', params: { reason: { key: 'devices.status.headOpen' }, more: 1 } });
    await new Promise((r) => setTimeout(r, 150));
    expect((await jobOf(tracking)).attempts).toBe(1);
  });

  it('a job cut off mid-send waits for the packer; only their Reprint prints it again, and it is audited', async () => {
    await printer.setMode('reset-mid-job');
    const tracking = await packOne();
    const unknown = await until(tracking, ['unknown']);
    expect(unknown.error).toMatchObject({ key: 'devices.tcp.reset' });
    const connections = printer.connections.length;
    // Several retry delays later: nobody sent it again.
    await new Promise((r) => setTimeout(r, 200));
    expect(printer.connections.length).toBe(connections);
    expect((await jobOf(tracking)).state).toBe('unknown');

    await printer.setMode('normal');
    await expect(station.call('printQueue.retry', { id: unknown.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await station.call('printQueue.reprint', { id: unknown.id });
    await until(tracking, ['done']);
    expect(printedCopies(tracking)).toBe(1);
    const audit = await station.call('audit.list', {});
    expect(audit.entries.find((e) => e.what.key === 'audit.actions.labelReprint')).toMatchObject({ target: tracking, note: { key: 'audit.notes.reprintUnknown' } });
  });

  it('a printer that reports paper out right after the job leaves the label to the packer', async () => {
    printer.setStatusAfterJob(0x04);
    const tracking = await packOne();
    const job = await until(tracking, ['unknown']);
    expect(job.error).toEqual({ key: 'printQueue.faultAfter', params: { reason: { key: 'devices.status.paperOut' } } });
    expect(printedCopies(tracking)).toBe(1);
    // The packer sees the label came out whole and reprints nothing: they cancel the job.
    expect((await station.call('printQueue.cancel', { id: job.id })).state).toBe('cancelled');
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 0, needsPacker: 0 });
  });

  it('reprinting a printed label is a new job naming the first, and the shipment counts both prints', async () => {
    const tracking = await packOne();
    const done = await until(tracking, ['done']);
    const again = await station.call('printQueue.reprint', { id: done.id });
    expect(again).toMatchObject({ state: 'queued', reprintOf: done.id, trackingNo: tracking });
    await until(tracking, ['done'], (j) => j.id === again.id);
    expect(printedCopies(tracking)).toBe(2);
    const shipment = (await station.call('shipments.list', { query: tracking })).shipments[0];
    expect(shipment?.printCount).toBe(2);
  });

  it('the packer reprinting while the printer is off adds no second copy: the waiting label prints once', async () => {
    await printer.setMode('refuse');
    const tracking = await packOne();
    await until(tracking, ['queued'], (j) => j.attempts >= 1);
    const parcel = (await station.call('shipments.list', { query: tracking })).shipments[0]!;
    // What the bench's 重打面单 does: it says the label waits for the printer, and queues nothing more.
    await expect(station.call('shipments.reprint', { id: parcel.id })).rejects.toMatchObject({ msg: { key: 'label.waitingForPrinter', params: { tracking } } });
    await station.call('bench.scan', { code: 'PD:REPRINT', source: 'wedge' });
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 1, needsPacker: 0 });

    await printer.setMode('normal');
    await until(tracking, ['done']);
    await station.host.context.labels.idle();
    expect(printedCopies(tracking)).toBe(1);
    expect((await station.call('printQueue.list', {})).jobs.filter((j) => j.trackingNo === tracking)).toHaveLength(1);
    // The label was on paper once: nobody printed it again, so the audit view shows no reprint.
    expect((await station.call('audit.list', {})).entries.filter((e) => e.what.key === 'audit.actions.labelReprint')).toEqual([]);
  });

  it('a label printed again from the bench is in the audit view: who, which bench, which number, once per label', async () => {
    const reprints = async () => (await station.call('audit.list', {})).entries.filter((e) => e.what.key === 'audit.actions.labelReprint');
    const first = await packOne();
    await until(first, ['done']);
    const parcel = (await station.call('shipments.list', { query: first })).shipments[0]!;
    const who = (await station.call('session.current', {})).user!;
    await printer.setMode('refuse');
    // 重打面单 while the printer is off: the second label waits, and is recorded once however often it is asked for.
    await expect(station.call('shipments.reprint', { id: parcel.id })).rejects.toMatchObject({ msg: { key: 'label.waitingForPrinter' } });
    await expect(station.call('shipments.reprint', { id: parcel.id })).rejects.toMatchObject({ msg: { key: 'label.waitingForPrinter' } });
    expect(await reprints()).toEqual([expect.objectContaining({ target: first, user: expect.objectContaining({ name: who.name }), bench: expect.objectContaining({ thisBench: true }) })]);
    await printer.setMode('normal');
    await until(first, ['done'], (j) => j.reprintOf !== null);
    expect(printedCopies(first)).toBe(2);

    // The PD:REPRINT barcode is the same say.
    const second = await packOne();
    await until(second, ['done']);
    await station.call('bench.scan', { code: 'PD:REPRINT', source: 'wedge' });
    await until(second, ['done'], (j) => j.reprintOf !== null);
    expect((await reprints()).map((e) => e.target)).toEqual([second, first]);
  });

  it('a label refused for paper out and reprinted once the roll is in prints once, and leaves nothing to retry', async () => {
    printer.setStatus(0x04);
    const tracking = await packOne();
    await until(tracking, ['failed']);
    printer.setStatus(0x00);
    const parcel = (await station.call('shipments.list', { query: tracking })).shipments[0]!;
    await station.call('shipments.reprint', { id: parcel.id });
    const jobs = (await station.call('printQueue.list', {})).jobs.filter((j) => j.trackingNo === tracking);
    expect(jobs.map((j) => j.state)).toEqual(['done']);
    expect(printedCopies(tracking)).toBe(1);
  });

  it('once a number is on paper, its older refused job is closed and cannot print it again', async () => {
    printer.setStatus(0x04);
    const tracking = await packOne();
    const failed = await until(tracking, ['failed']);
    // A second job of the same label, as queued before the queue joined them (rows from an older version).
    const at = new Date().toISOString();
    station.host.context.db.prepare(`INSERT INTO print_jobs (id, kind, shipment_id, order_ref, tracking_no, state, created_at, updated_at)
      VALUES ('zz-later', 'waybill', ?, ?, ?, 'queued', ?, ?)`).run(failed.shipmentId, failed.orderRef, tracking, at, at);
    printer.setStatus(0x00);
    await station.call('printQueue.retry', { id: 'zz-later' });
    await until(tracking, ['done']);
    const older = (await station.call('printQueue.list', {})).jobs.find((j) => j.id === failed.id)!;
    expect(older).toMatchObject({ state: 'cancelled', error: { key: 'printQueue.printedSince' } });
    await expect(station.call('printQueue.retry', { id: failed.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(printedCopies(tracking)).toBe(1);
  });

  it('a job that was being sent when the app stopped comes back as "check the printer", never as a second label', async () => {
    await printer.setMode('hang');
    const tracking = await packOne();
    await until(tracking, ['sent']);
    // The printer has the connection and takes no bytes: the app stops now.
    for (let i = 0; i < 200 && printer.connections.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const { dataDir } = station.host;
    station.host.close();
    await printer.setMode('normal');
    const reopened = createHost({ dataDir, validateOutput: true, printing: { retryDelayMs: () => 30 } });
    station = { ...station, host: reopened, call: hostCaller(reopened) };
    const job = await jobOf(tracking);
    expect(job).toMatchObject({ state: 'unknown', error: { key: 'printQueue.interrupted' } });
    await new Promise((r) => setTimeout(r, 150));
    expect(printedCopies(tracking)).toBe(0);
  });
});
