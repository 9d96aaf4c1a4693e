import { afterEach, describe, expect, it } from 'vitest';
import { brokenVariants, generateTaobaoClassic } from '../../../test/fixtures/taobao-export.generator';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';
import { parseImport } from './import-parse';
import { createImportParser } from './import-parse.client';

/**
 * The import parses and writes in a worker thread, in short transactions on its own connection:
 * what it writes is what the parse gives in-process, a scan during it is answered and kept, the
 * bench's other writes go through beside it, a worker that dies mid-write leaves every order it
 * wrote with its op and the bench working, and a file that fails validation anywhere, even in its
 * last row, writes nothing.
 */
type Station = Awaited<ReturnType<typeof stationWithOrders>>;
const stations: Station[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.host.close()));
const station = async () => {
  const s = await stationWithOrders(20);
  stations.push(s);
  return s;
};
const filesOf = (g: { orderFileName: string; orderCsv: Buffer; detailFileName: string; detailCsv: Buffer }) => [
  { name: g.orderFileName, bytes: g.orderCsv },
  { name: g.detailFileName, bytes: g.detailCsv },
];
const countOf = (s: Station, sql: string) => s.host.context.db.prepare(sql).pluck().get() as number;

describe('the import worker', () => {
  it('writes exactly the ops the same parse gives in-process, in file order', async () => {
    const s = await station();
    const big = generateTaobaoClassic({ orders: 1500, seed: 31, quirks: true });
    const before = countOf(s, 'SELECT max(station_seq) FROM outbox');
    const report = await s.host.context.orders.import(filesOf(big), undefined, () => {}, null);
    expect(report).toMatchObject({ rejected: false, ordersRead: 1500, created: 1500 });

    const inProcess: string[] = [];
    const { payloads } = await parseImport({ files: filesOf(big), mapping: null, mappingName: null, shipPromiseHours: 48, at: new Date().toISOString() }, { progress: () => {} });
    for (let batch = payloads.next(100); batch.length > 0; batch = payloads.next(100)) inProcess.push(...batch.map((o) => o.json));
    const written = s.host.context.db.prepare("SELECT payload FROM outbox WHERE type = 'order.imported' AND station_seq > ? ORDER BY station_seq").pluck().all(before);
    expect(written).toEqual(inProcess);
    expect(countOf(s, 'SELECT count(*) FROM order_lines')).toBe(
      [...s.generated.orders, ...big.orders].reduce((n, o) => n + o.lines.length, 0),
    );
  });

  // A bench scanning without any pause starves the import to a few orders per turn (by design): on a
  // loaded two-core machine it takes tens of seconds, so it has more time than other tests.
  it('answers and keeps a scan made while a big import is writing', { timeout: 90_000 }, async () => {
    const s = await station();
    const order = s.generated.orders.find(shippable)!;
    const big = generateTaobaoClassic({ orders: 2000, seed: 32, quirks: false });
    const ordersBefore = s.host.context.ordersRepo.count();
    let finished = false;
    const importing = s.host.context.orders.import(filesOf(big), undefined, () => {}, null).finally(() => (finished = true));

    // Scanning as a packer does, again and again, while the import runs: the order, then its items.
    const codes = [order.externalId, ...order.lines.flatMap((l) => Array<string>(l.qty).fill(barcodeOf(l.skuCode!)))];
    const seenMidWrite: number[] = [];
    const outcomes: string[] = [];
    for (let k = 0; !finished; k++) {
      const answer = await s.call('bench.scan', { code: codes[k % codes.length]!, source: 'wedge' });
      outcomes.push(answer.outcome);
      const count = s.host.context.ordersRepo.count();
      if (count > ordersBefore && count < ordersBefore + 2000) seenMidWrite.push(count);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = await importing;
    expect(report).toMatchObject({ rejected: false, created: 2000 });
    // Scans were answered between the import's write transactions, not after them.
    expect(seenMidWrite.length).toBeGreaterThan(0);
    // The first round packed the order: opened, then every item but the last verified.
    expect(outcomes[0]).toBe('opened');
    expect(outcomes.slice(1, codes.length - 1).every((o) => o === 'verified')).toBe(true);
    // Every scan is kept.
    expect(countOf(s, 'SELECT count(*) FROM scan_events')).toBe(outcomes.length);
  });

  it('lets the bench save a setting and a SKU while an import writes', async () => {
    const s = await station();
    const big = generateTaobaoClassic({ orders: 4000, seed: 36, quirks: false });
    let writing!: () => void;
    const started = new Promise<void>((resolve) => (writing = resolve));
    const importing = s.host.context.orders.import(filesOf(big), undefined, (phase, done) => phase === 'writing' && done > 0 && writing(), null);
    await started;
    // A plain write (the settings row) and a transaction with its op, both while the worker holds slice after slice.
    await s.call('settings.update', { shipPromiseHours: 24 });
    await s.call('catalog.saveSku', { code: 'NEW-1', name: '新商品', weightG: 100, location: 'B-1', barcodes: [{ barcode: '6901234567892', units: 1 }], create: true });
    expect(s.host.context.ordersRepo.count()).toBeLessThan(s.generated.orders.length + 4000);
    expect(await importing).toMatchObject({ rejected: false, created: 4000 });
    expect((await s.call('settings.get', {})).shipPromiseHours).toBe(24);
    expect(countOf(s, "SELECT count(*) FROM outbox WHERE type = 'sku.saved' AND entity = 'sku:NEW-1'")).toBe(1);
  });

  it('keeps every order written with its op when the worker dies mid-write, and the bench scans on', async () => {
    const s = await station();
    const order = s.generated.orders.find(shippable)!;
    const big = generateTaobaoClassic({ orders: 20000, seed: 37, quirks: false });
    let writing!: () => void;
    const wrote = new Promise<void>((resolve) => (writing = resolve));
    const importing = s.host.context.orders.import(filesOf(big), undefined, (phase, done) => phase === 'writing' && done > 0 && writing(), null);
    await wrote;
    createImportParser().terminate();
    await expect(importing).rejects.toThrow(/exited|terminated/);
    const imported = "SELECT count(*) FROM orders WHERE id IN (SELECT 'taobao:' || value FROM json_each(?))";
    const ids = JSON.stringify(big.orders.map((o) => o.externalId));
    const written = s.host.context.db.prepare(imported).pluck().get(ids) as number;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(20000);
    expect(countOf(s, "SELECT count(*) FROM outbox WHERE type = 'order.imported'")).toBe(s.generated.orders.length + written);
    expect((await s.call('bench.scan', { code: order.externalId, source: 'wedge' })).outcome).toBe('opened');
    // Importing the file again finishes it.
    expect(await s.host.context.orders.import(filesOf(big), undefined, () => {}, null)).toMatchObject({ created: 20000 - written, unchanged: written });
  });

  it('writes two exports imported at the same time one after the other, each whole', async () => {
    const s = await station();
    const a = generateTaobaoClassic({ orders: 2500, seed: 34, quirks: true });
    const b = generateTaobaoClassic({ orders: 2500, seed: 35, quirks: true });
    const [ra, rb] = await Promise.all([
      s.host.context.orders.import(filesOf(a), undefined, () => {}, null),
      s.host.context.orders.import(filesOf(b), undefined, () => {}, null),
    ]);
    expect(ra).toMatchObject({ rejected: false, created: 2500 });
    expect(rb).toMatchObject({ rejected: false, created: 2500 });
    const lines = (g: typeof a) => g.orders.reduce((n, o) => n + o.lines.length, 0);
    expect(countOf(s, 'SELECT count(*) FROM order_lines')).toBe(lines(s.generated) + lines(a) + lines(b));
    // Each order with exactly one op, and the second file's ops all after the first's.
    const seqOf = (g: typeof a) => s.host.context.db.prepare("SELECT station_seq FROM outbox WHERE type = 'order.imported' AND entity = ?").pluck()
      .all(`order:taobao:${g.orders[0]!.externalId}`) as number[];
    expect(seqOf(a)).toHaveLength(1);
    expect(Math.min(...seqOf(b))).toBeGreaterThan(Math.max(...seqOf(a)));
  });

  it('writes nothing when only the last row of a large file is bad, and names that row and column', async () => {
    const s = await station();
    const broken = brokenVariants({ seed: 33, orders: 2000, k: 2000 });
    const ordersBefore = s.host.context.ordersRepo.count();
    const opsBefore = countOf(s, 'SELECT count(*) FROM outbox');
    const report = await s.host.context.orders.import(
      [{ name: broken.orderFileName, bytes: broken.badAmount.orderCsv }, { name: broken.detailFileName, bytes: broken.badAmount.detailCsv }],
      undefined, () => {}, null,
    );
    expect(report).toMatchObject({
      rejected: true, created: 0, errors: [expect.objectContaining({ file: broken.orderFileName, row: broken.badAmount.row, column: '买家实际支付金额' })],
    });
    expect(s.host.context.ordersRepo.count()).toBe(ordersBefore);
    expect(countOf(s, 'SELECT count(*) FROM outbox')).toBe(opsBefore);
  });
});
