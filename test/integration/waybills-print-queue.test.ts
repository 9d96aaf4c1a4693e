import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import type { PrintJob } from '#shared/contract/print-queue.contract';
import { listen } from '../helpers/host-events';
import { startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

/**
 * 打单: the labels of numbers fetched at 取号 print through the label queue like the bench's, on a
 * TSPL printer on TCP 9100 that is off, runs out of paper or breaks off a job. What the packer
 * notices: the button answers once the labels are queued, a label that did not print is retried
 * from the queue, and no number gets a second label without their say (a yes is audited).
 */

type Station = Awaited<ReturnType<typeof stationWithOrders>>;
let station: Station;
let printer: FakeTcpPrinter;
let fake: Kuaidi100LabelFake;

beforeEach(async () => {
  printer = await startFakeTcpPrinter({ status: 0 });
  fake = await startKuaidi100LabelFake({ key: 'K100KEY', secret: 'K100SECRET', partners: { yuantong: 'YT-0001' } });
  station = await stationWithOrders(12, { providerTimeoutMs: 2_000, printing: { retryDelayMs: () => 30, timeouts: { connectTimeoutMs: 500, closeGraceMs: 200 } } });
  await station.call('settings.update', { sender: { name: '王店长', phone: '13800000000', address: '广东省 东莞市 长安镇 振安路1号' } });
  await station.call('waybills.saveKeys', { provider: 'kuaidi100', keys: { key: 'K100KEY', secret: 'K100SECRET', accounts: { YTO: { partnerId: 'YT-0001' } }, endpoint: fake.url } });
  await station.call('devices.setPrinter', { kind: 'tspl', host: printer.host, port: 9100 });
});
afterEach(async () => {
  station.host.close();
  await printer.close();
  await fake.close();
});

/** Fetches numbers for the first `count` shippable orders; answers each order with its number. */
async function fetched(count: number): Promise<{ order: ImportedOrder; trackingNo: string }[]> {
  const orders = station.generated.orders.filter(shippable).slice(0, count);
  await station.call('waybills.fetch', { provider: 'kuaidi100', orderIds: orders.map((o) => o.externalId) });
  return Promise.all(orders.map(async (order) => ({ order, trackingNo: (await station.call('waybills.ofOrder', { ref: order.externalId }))[0]!.trackingNo })));
}

const jobsOf = async (tracking: string): Promise<PrintJob[]> =>
  (await station.call('printQueue.list', { limit: 200 })).jobs.filter((j) => j.trackingNo === tracking).sort((a, b) => (a.id < b.id ? 1 : -1));

/** Waits until the newest job for `tracking` is in one of `states` (the queue works off the caller's path). */
async function until(tracking: string, states: PrintJob['state'][], extra: (job: PrintJob) => boolean = () => true): Promise<PrintJob> {
  for (let i = 0; i < 400; i++) {
    const [job] = await jobsOf(tracking);
    if (job && states.includes(job.state) && extra(job)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  const [job] = await jobsOf(tracking);
  throw new Error(`job for ${tracking} stayed ${job?.state} (${JSON.stringify(job?.error)}), wanted ${states.join('/')}`);
}

/** The numbers of the given jobs, in the order the queue prints them. */
const inQueueOrder = async (jobIds: string[]): Promise<string[]> => {
  const { jobs } = await station.call('printQueue.list', { limit: 200 });
  return jobIds.map((id) => jobs.find((j) => j.id === id)!.trackingNo);
};

const printedCopies = (tracking: string) => printer.jobs.filter((job) => job.toString('latin1').includes(tracking)).length;

async function pack(order: ImportedOrder) {
  await station.call('bench.scan', { code: order.externalId, source: 'wedge' });
  let last;
  for (const line of order.lines) for (let i = 0; i < line.qty; i++) last = await station.call('bench.scan', { code: barcodeOf(line.skuCode!), source: 'wedge' });
  expect(last?.outcome).toBe('completed');
  return last!.shipment!;
}

describe('打单 through the label queue', () => {
  it('answers once the labels are queued; while the printer is off they wait in the queue, then each prints once', async () => {
    const numbers = await fetched(3);
    await printer.setMode('refuse');
    const result = await station.call('waybills.print', {});
    expect(result).toMatchObject({ queued: 3, inQueue: 0, printedBefore: [] });
    const [head, ...behind] = await inQueueOrder(result.jobIds);
    // One label at a time, oldest first: the head waits for the printer, the others behind it.
    expect(await until(head!, ['queued'], (j) => j.attempts >= 1)).toMatchObject({ kind: 'fetched', shipmentId: null, error: { key: 'devices.tcp.refused' } });
    for (const trackingNo of behind) expect((await jobsOf(trackingNo))[0]).toMatchObject({ kind: 'fetched', state: 'queued' });
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 3, needsPacker: 0 });
    // Pressed again while they wait: nothing is queued twice, and the count says none is left to print.
    expect((await station.call('waybills.status', {})).readyUnprinted).toBe(0);
    await expect(station.call('waybills.print', {})).rejects.toMatchObject({ msg: { key: 'waybills.nothingToPrint' } });
    expect(await station.call('waybills.print', { orderIds: [numbers[0]!.order.externalId] })).toMatchObject({ queued: 0, inQueue: 1 });

    await printer.setMode('normal');
    for (const { trackingNo } of numbers) await until(trackingNo, ['done']);
    await station.host.context.labels.idle();
    expect(numbers.map((n) => printedCopies(n.trackingNo))).toEqual([1, 1, 1]);
    // On paper, and every bench is told: the parcel that takes the number prints nothing.
    const ops = station.host.context.db.prepare("SELECT payload FROM outbox WHERE type = 'waybill.printed'").pluck().all() as string[];
    expect(ops.flatMap((p) => (JSON.parse(p) as { numbers: string[] }).numbers).sort()).toEqual(numbers.map((n) => n.trackingNo).sort());
    const shipment = await pack(numbers[0]!.order);
    await station.host.context.labels.idle();
    expect(printedCopies(numbers[0]!.trackingNo)).toBe(1);
    expect((await station.call('shipments.list', { query: shipment.trackingNo })).shipments[0]?.printedAt).not.toBeNull();
  });

  it('a paper-out in the middle of a batch fails those labels in the queue; Retry prints them once the roll is changed', async () => {
    const numbers = await fetched(3);
    // The roll runs out on the first label: it may be incomplete, and the next ones are refused.
    printer.setStatusAfterJob(0x04);
    const [first, ...rest] = await inQueueOrder((await station.call('waybills.print', {})).jobIds);
    const unknown = await until(first!, ['unknown']);
    for (const trackingNo of rest) expect(await until(trackingNo, ['failed'])).toMatchObject({ error: { key: 'devices.status.paperOut' } });
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 0, needsPacker: 3 });
    // The inbox names the order of each label that needs the packer.
    const inbox = await station.call('inbox.list', { kind: 'print-failed', bench: null, limit: 50 });
    expect(inbox.rows.map((r) => r.orderExternalId).sort()).toEqual(numbers.map((n) => n.order.externalId).sort());

    printer.setStatus(0x00);
    for (const trackingNo of rest) {
      await station.call('printQueue.retry', { id: (await jobsOf(trackingNo))[0]!.id });
      await until(trackingNo, ['done']);
      expect(printedCopies(trackingNo)).toBe(1);
    }
    // The first came out cut short: the packer reprints it from the queue, audited.
    await station.call('printQueue.reprint', { id: unknown.id });
    await until(first!, ['done']);
    expect(printedCopies(first!)).toBe(2);
    expect((await station.call('waybills.status', {})).readyUnprinted).toBe(0);
  });

  it('a number printed before is not printed again without the packer\'s say; a yes is audited as a reprint', async () => {
    const [a, b, c] = await fetched(3);
    await station.call('waybills.print', { orderIds: [a!.order.externalId, b!.order.externalId] });
    const firstJobs = [await until(a!.trackingNo, ['done']), await until(b!.trackingNo, ['done'])];

    // The same two, and one not printed yet: that one is queued, the two are named, nothing else printed.
    const asked = await station.call('waybills.print', { orderIds: [a!.order.externalId, b!.order.externalId, c!.order.externalId] });
    expect(asked).toMatchObject({ queued: 1, inQueue: 0 });
    expect(asked.printedBefore).toEqual([
      { trackingNo: a!.trackingNo, orderId: `taobao:${a!.order.externalId}`, orderExternalId: a!.order.externalId },
      { trackingNo: b!.trackingNo, orderId: `taobao:${b!.order.externalId}`, orderExternalId: b!.order.externalId },
    ]);
    await until(c!.trackingNo, ['done']);
    await station.host.context.labels.idle();
    expect([printedCopies(a!.trackingNo), printedCopies(b!.trackingNo), printedCopies(c!.trackingNo)]).toEqual([1, 1, 1]);
    expect((await station.call('audit.list', {})).entries.filter((e) => e.what.key === 'audit.actions.labelReprint')).toHaveLength(0);

    // The packer says yes: those numbers print again, each a job naming the first, each audited like a reprint from the queue.
    const again = await station.call('waybills.print', { orderIds: asked.printedBefore.map((p) => p.orderId), numbers: asked.printedBefore.map((p) => p.trackingNo), again: true });
    expect(again).toMatchObject({ queued: 2, printedBefore: [] });
    const reprints = [await until(a!.trackingNo, ['done'], (j) => j.id !== firstJobs[0]!.id), await until(b!.trackingNo, ['done'], (j) => j.id !== firstJobs[1]!.id)];
    expect(reprints.map((j) => j.reprintOf)).toEqual(firstJobs.map((j) => j.id));
    expect([printedCopies(a!.trackingNo), printedCopies(b!.trackingNo), printedCopies(c!.trackingNo)]).toEqual([2, 2, 1]);
    const audit = (await station.call('audit.list', {})).entries.filter((e) => e.what.key === 'audit.actions.labelReprint');
    expect(audit.map((e) => e.target).sort()).toEqual([a!.trackingNo, b!.trackingNo].sort());
    expect(audit[0]?.user).toBeTruthy();
  });

  it('a label queued at 取号 and not printed gives way to the parcel\'s own; one that may be on paper waits for the packer', async () => {
    const [a, b] = await fetched(2);
    const events = listen(station.host);
    await printer.setMode('refuse');
    await station.call('waybills.print', { orderIds: [a!.order.externalId] });
    await until(a!.trackingNo, ['queued'], (j) => j.attempts >= 1);
    // Packed before the printer came back: the parcel's label is the one that prints.
    await pack(a!.order);
    await printer.setMode('normal');
    await until(a!.trackingNo, ['done'], (j) => j.kind === 'waybill');
    await station.host.context.labels.idle();
    expect((await jobsOf(a!.trackingNo)).map((j) => [j.kind, j.state])).toEqual([['waybill', 'done'], ['fetched', 'cancelled']]);
    expect(printedCopies(a!.trackingNo)).toBe(1);

    // Cut off mid-label: it may be on paper. The parcel that takes the number does not print it by itself.
    await printer.setMode('reset-mid-job');
    await station.call('waybills.print', { orderIds: [b!.order.externalId] });
    const unknown = await until(b!.trackingNo, ['unknown']);
    await printer.setMode('normal');
    events.clear();
    const parcel = await pack(b!.order);
    expect(await events.next('labels.printed', (e) => e.shipmentId === parcel.id)).toMatchObject({ ok: false, message: { key: 'label.fetchedMaybePrinted' } });
    await station.host.context.labels.idle();
    expect((await jobsOf(b!.trackingNo)).map((j) => j.kind)).toEqual(['fetched']);
    // Its label is the parcel's now: the fetched label is not printed from the queue.
    await station.call('printQueue.reprint', { id: unknown.id });
    expect(await until(b!.trackingNo, ['failed'])).toMatchObject({ error: { key: 'label.fetchedOnParcel' } });
    // The packer reprints the parcel's label, on purpose.
    await station.call('shipments.reprint', { id: parcel.id });
    await station.host.context.labels.idle();
    expect(printedCopies(b!.trackingNo)).toBe(1);
  });

  it('a number cancelled while its label waits is never printed and needs no one', async () => {
    const [a] = await fetched(1);
    await printer.setMode('refuse');
    await station.call('waybills.print', {});
    await until(a!.trackingNo, ['queued'], (j) => j.attempts >= 1);
    await station.call('waybills.cancel', { trackingNo: a!.trackingNo });
    expect((await station.call('printQueue.list', {})).summary).toEqual({ waiting: 0, needsPacker: 0 });
    await printer.setMode('normal');
    await new Promise((r) => setTimeout(r, 150));
    await station.host.context.labels.idle();
    expect(printedCopies(a!.trackingNo)).toBe(0);
    expect((await jobsOf(a!.trackingNo))[0]).toMatchObject({ state: 'queued', voided: true });
  });
});
