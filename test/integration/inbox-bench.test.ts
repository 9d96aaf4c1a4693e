import { afterEach, describe, expect, it } from 'vitest';
import type { InboxCounts, InboxRow } from '#shared/contract/inbox.contract';
import type { Contract, Events } from '#shared/contract/index';
import { msg } from '#shared/i18n/message';
import { createRpcClient } from '#shared/rpc/client';
import { createMemoryTransportPair } from '#shared/rpc/memory-transport';
import { buildModel, type SyntheticOrder } from '../fixtures/synthetic-orders';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../fakes/tcp-printer.fake';
import { barcodeOf, hostCaller } from '../host/host-client';
import { SKUS } from '../host/station-with-orders';
import { createTempHost } from '../host/temp-host';
import { exportFiles } from '../helpers/order-files';

/**
 * The exceptions inbox at a bench that works alone (no hub): every kind it can meet on its own
 * appears once with its evidence, goes when its condition ends, and a supervisor closes the rest
 * with a note; a packer may look but not close. The badge's counts follow (inbox.changed).
 */
const HOUR = 3_600_000;
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function bench(options: Parameters<typeof createTempHost>[0] = {}) {
  const host = createTempHost(options);
  open.push(host);
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  for (const code of SKUS.slice(0, 4)) {
    await call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 200, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
    await call('stock.adjust', { skuCode: code, delta: 100, kind: 'other', note: '期初' });
  }
  await call('carriers.saveRules', { rules: [], defaultCarrier: 'YTO' });
  return { host, call };
}

/** Orders paid `paidHoursAgo` ago: with the 48 h promise they are due in 48 − that many hours. */
function orders(n: number, seed: number, paidHoursAgo: number): SyntheticOrder[] {
  const model = buildModel({ orders: n, seed, skus: SKUS.slice(0, 4), quirks: false, startMs: Date.now() - paidHoursAgo * HOUR });
  for (const o of model) {
    o.kind = 'wait';
    o.paidMs = o.createdMs;
    o.trackingNo = '';
    o.carrierName = '';
    for (const l of o.lines) {
      l.codeIn = 'outer';
      l.refundText = '没有申请退款';
    }
  }
  return model;
}

const keysOf = (rows: InboxRow[], kind: InboxRow['kind']) => rows.filter((r) => r.kind === kind).map((r) => r.key);

async function packAndShip(call: ReturnType<typeof hostCaller>, o: SyntheticOrder) {
  expect((await call('bench.scan', { code: o.id, source: 'wedge' })).outcome).toBe('opened');
  let last;
  for (const l of o.lines) for (let i = 0; i < l.qty; i++) last = await call('bench.scan', { code: barcodeOf(l.sku), source: 'wedge' });
  expect(last?.outcome).toBe('completed');
  return last!.shipment!;
}

describe('the exceptions inbox at a bench alone', () => {
  it('lists orders near their deadline, a low pool and stock below zero, each going when its condition ends', async () => {
    const { call } = await bench();
    await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000050' });
    const soon = orders(3, 41, 44); // due in about 4 h
    const later = orders(2, 42, 30); // due in about 18 h: not at risk yet
    expect((await call('orders.import', { files: exportFiles(soon) })).rejected).toBe(false);
    expect((await call('orders.import', { files: exportFiles(later) })).rejected).toBe(false);

    const first = await call('inbox.list', {});
    let rows = first.rows;
    expect(keysOf(rows, 'deadline-risk').sort()).toEqual(soon.map((o) => `deadline:taobao:${o.id}`).sort());
    const risk = rows.find((r) => r.kind === 'deadline-risk')!;
    expect(risk).toMatchObject({ derived: true, closes: 'note', target: 'order', benches: [], evidence: { key: 'inbox.evidence.deadlineSoon' } });
    expect(risk.evidence.params).toMatchObject({ hours: expect.any(Number), order: risk.orderExternalId });
    expect(keysOf(rows, 'pool-low')).toEqual(['pool:YTO']);
    expect(rows.find((r) => r.kind === 'pool-low')!.evidence).toEqual({ key: 'inbox.evidence.poolLow', params: { carrier: { key: 'carrierNames.YTO' }, left: 50, threshold: 300 } });
    expect(first.counts).toEqual({ total: 4, byKind: { 'deadline-risk': 3, 'pool-low': 1 }, capped: false });

    // Shipping one ends its risk; a wider window (the shop's setting) takes in the later ones.
    await packAndShip(call, soon[0]!);
    await call('inbox.saveSettings', { deadlineRiskHours: 24, poolLowFree: 40 });
    ({ rows } = await call('inbox.list', {}));
    expect(keysOf(rows, 'deadline-risk').sort()).toEqual([...soon.slice(1), ...later].map((o) => `deadline:taobao:${o.id}`).sort());
    expect(keysOf(rows, 'pool-low')).toEqual([]);

    // Below zero: listed while it is; a delivery counted in ends it.
    await call('stock.adjust', { skuCode: SKUS[0]!, delta: -150, kind: 'other', note: '盘亏' });
    ({ rows } = await call('inbox.list', { kind: 'stock-negative' }));
    expect(rows.map((r) => [r.key, r.evidence])).toEqual([[`negative:${SKUS[0]}`, { key: 'flagText.stockNegative', params: { sku: SKUS[0], qty: expect.any(Number) } }]]);
    await call('stock.adjust', { skuCode: SKUS[0]!, delta: 200, kind: 'other', note: '到货' });
    expect((await call('inbox.list', { kind: 'stock-negative' })).rows).toEqual([]);
  });

  it('a supervisor dismisses a derived row with a note; a packer may read the inbox but not close a row', async () => {
    const { call } = await bench();
    const soon = orders(2, 43, 45);
    await call('orders.import', { files: exportFiles(soon) });
    await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    const key = `deadline:taobao:${soon[0]!.id}`;

    await call('session.login', { pin: '2468' });
    expect((await call('inbox.list', {})).counts.total).toBe(2);
    await expect(call('inbox.resolve', { key, note: '买家同意晚发' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call('inbox.saveSettings', { deadlineRiskHours: 1, poolLowFree: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // At the packer's bench a supervisor's PIN is enough.
    const done = await call('inbox.resolve', { key, note: '买家同意晚发', authorizerPin: '0000' });
    expect(done.counts).toEqual({ total: 1, byKind: { 'deadline-risk': 1 }, capped: false });
    await expect(call('inbox.resolve', { key, note: 'again', authorizerPin: '0000' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('inbox.resolve', { key: 'deadline:taobao:0', note: 'x', authorizerPin: '0000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { resolutions } = await call('inbox.resolved', {});
    expect(resolutions[0]).toMatchObject({ key, kind: 'deadline-risk', note: '买家同意晚发', bench: { thisBench: true }, orderExternalId: soon[0]!.id });

    // The audit view lists who resolved it, and which order it was about.
    await call('session.login', { pin: '0000' });
    const audit = (await call('audit.list', { filter: 'authorized' })).entries.find((e) => e.target === soon[0]!.id);
    expect(audit).toMatchObject({ kind: 'op', what: { key: 'audit.ops.inbox.resolved' } });
  });

  it('a force-verify and a barcode bound at the bench wait for a supervisor\'s look; a damage report for its decision', async () => {
    const { call } = await bench();
    await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000900' });
    const [o] = orders(1, 44, 2);
    await call('orders.import', { files: exportFiles([o!]) });
    expect((await call('bench.scan', { code: o!.id, source: 'wedge' })).outcome).toBe('opened');
    await call('bench.forceVerify', { lineNo: 1 });
    await call('bench.bindBarcode', { barcode: '6909999999999', skuCode: SKUS[1]!, units: 2 });
    const report = await call('damage.report', { orderRef: null, skuCode: SKUS[2]!, qty: 1, reason: 'broken', note: '外箱压坏' });

    const { rows, benches } = await call('inbox.list', {});
    const verify = rows.find((r) => r.kind === 'force-verify')!;
    expect(verify).toMatchObject({
      orderId: `taobao:${o!.id}`, orderExternalId: o!.id, closes: 'note', target: 'order', people: [msg('roles.admin')],
      evidence: { key: 'inbox.evidence.forceVerify', params: { order: o!.id, line: 1, units: o!.lines[0]!.qty } }, benches: [{ thisBench: true }],
    });
    expect(rows.find((r) => r.kind === 'barcode-bound')).toMatchObject({
      skuCode: SKUS[1], target: 'catalog', evidence: { key: 'inbox.evidence.bindBarcode', params: { barcode: '6909999999999', sku: SKUS[1], units: 2 } },
    });
    expect(rows.find((r) => r.kind === 'damage')).toMatchObject({
      key: `damage:${report.id}`, closes: 'decide', target: 'damage', refId: report.id, evidence: { key: 'inbox.evidence.damageNote', params: { sku: SKUS[2], qty: 1, note: '外箱压坏' } },
    });
    expect(benches).toEqual([{ id: expect.any(String), name: expect.any(String), thisBench: true }]);
    expect((await call('inbox.list', { bench: 'no-such-bench' })).rows).toEqual([]);

    await expect(call('inbox.resolve', { key: `damage:${report.id}`, note: 'x' })).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'inbox.decideDamage' } });
    await call('damage.decide', { reportId: report.id, decision: 'write-off', note: '报废' });
    await call('inbox.resolve', { key: verify.key, note: '已核对，实物齐全' });
    expect((await call('inbox.list', {})).counts).toEqual({ total: 1, byKind: { 'barcode-bound': 1 }, capped: false });
  });

  it('a parcel of an order refunded after its label is a "stop the parcel" row until it is voided', async () => {
    const { call } = await bench();
    await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000900' });
    const model = orders(2, 45, 2);
    await call('orders.import', { files: exportFiles(model) });
    const parcel = await packAndShip(call, model[0]!);
    expect((await call('inbox.list', { kind: 'parcel-stop' })).rows).toEqual([]);

    model[0]!.kind = 'refundPending';
    model[0]!.refundFen = model[0]!.lines[0]!.priceFen;
    await call('orders.import', { files: exportFiles(model) });
    const [stop] = (await call('inbox.list', { kind: 'parcel-stop' })).rows;
    expect(stop).toMatchObject({
      key: `stop:taobao:${model[0]!.id}`, severity: 'alarm', trackingNo: parcel.trackingNo, carrierCode: 'YTO', target: 'shipments',
      evidence: { key: 'inbox.evidence.parcelStop', params: { order: model[0]!.id, trackingNo: parcel.trackingNo, reason: { key: 'blocked.refundPending' } } },
    });
    await call('shipments.void', { id: parcel.id, reason: '已拦截' });
    expect((await call('inbox.list', { kind: 'parcel-stop' })).rows).toEqual([]);
  });

  it('a label the printer refused is a row until it prints; the badge hears of each change', async () => {
    const printer: FakeTcpPrinter = await startFakeTcpPrinter({ status: 0x04 });
    open.push(printer);
    const { host, call } = await bench({ printing: { retryDelayMs: () => 30, timeouts: { connectTimeoutMs: 500, closeGraceMs: 200 } } });
    const heard: InboxCounts[] = [];
    const [client, server] = createMemoryTransportPair();
    host.server.attach(server);
    createRpcClient<Contract, Events>(client).on('inbox.changed', (c) => heard.push(c));
    await call('devices.setPrinter', { kind: 'tspl', host: printer.host, port: 9100 });
    await call('carriers.importPool', { carrierCode: 'YTO', text: 'YT7400000000001-YT7400000000900' });
    const [o] = orders(1, 46, 2);
    await call('orders.import', { files: exportFiles([o!]) });
    const parcel = await packAndShip(call, o!);

    const failed = await until(async () => (await call('inbox.list', { kind: 'print-failed' })).rows[0]);
    expect(failed).toMatchObject({
      trackingNo: parcel.trackingNo, orderExternalId: o!.id, target: 'print-queue', closes: 'note',
      evidence: { key: 'inbox.evidence.printFailed', params: { trackingNo: parcel.trackingNo, order: o!.id, reason: { key: 'devices.status.paperOut' } } },
    });
    // The badge hears of it (the counts are sent a moment after a change, once for a burst).
    await until(async () => (heard.at(-1)?.byKind['print-failed'] === 1 ? true : undefined));
    printer.setStatus(0);
    await call('printQueue.retry', { id: failed.refId! });
    await until(async () => ((await call('inbox.list', { kind: 'print-failed' })).rows.length === 0 ? true : undefined));
    await printer.waitForJob(1);
    await until(async () => (heard.at(-1)?.byKind['print-failed'] === undefined ? true : undefined));
  });
});

/** Waits for the queue, which prints off the scan path (a busy machine is slow, never wrong). */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (const giveUp = Date.now() + 20_000; Date.now() < giveUp; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}
