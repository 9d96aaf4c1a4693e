import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { shipDeadlineFrom } from '#shared/domain/datetime';
import { brokenVariants, generateTaobaoClassic } from '../../../test/fixtures/taobao-export.generator';
import { createTempHost } from '../../../test/host/temp-host';

/** The import through the real service and SQLite: what it writes, re-imports and rolls back. */

type Host = ReturnType<typeof createTempHost>;
const hosts: Host[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

function station() {
  const host = createTempHost();
  hosts.push(host);
  const db = host.context.db;
  const run = (files: { name: string; bytes: Uint8Array }[]) => host.context.orders.import(files, undefined, () => {}, null);
  const opCount = () => db.prepare("SELECT count(*) FROM outbox WHERE type = 'order.imported'").pluck().get() as number;
  return { host, db, run, opCount };
}

const generated = generateTaobaoClassic({ orders: 60, seed: 11, quirks: true });
const pair = (orderCsv: Buffer = generated.orderCsv, detailCsv: Buffer = generated.detailCsv) => [
  { name: generated.orderFileName, bytes: orderCsv },
  { name: generated.detailFileName, bytes: detailCsv },
];

describe('orders import (service + SQLite)', () => {
  it('writes every order with its lines and one op each, and a re-import changes nothing', async () => {
    const { db, run, opCount } = station();
    const first = await run(pair());
    expect(first).toMatchObject({ created: 60, updated: 0, unchanged: 0, rejected: false, notices: [] });
    // A Taobao export always says the status.
    expect(db.prepare("SELECT count(*) FROM orders WHERE platform_status = ''").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM order_lines').pluck().get()).toBe(generated.orders.reduce((n, o) => n + o.lines.length, 0));
    expect(opCount()).toBe(60);

    const again = await run(pair());
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 60, statusChanges: 0, rejected: false });
    expect(opCount()).toBe(60);
  });

  it('says a file with only its header row held no orders instead of a bare success', async () => {
    const { run, opCount } = station();
    const headerOnly = (csv: Buffer) => iconv.encode(`${iconv.decode(csv, 'gbk').split('\r\n')[0]}\r\n`, 'gbk');
    const report = await run(pair(headerOnly(generated.orderCsv), headerOnly(generated.detailCsv)));
    expect(report).toMatchObject({ rejected: false, ordersRead: 0, created: 0 });
    expect(report.notices).toEqual([{ key: 'import.notice.noOrders' }]);
    expect(opCount()).toBe(0);
  });

  it('applies and counts a changed status, keeping the first import time', async () => {
    const { db, run, opCount } = station();
    await run(pair());
    const target = generated.orders.find((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length > 1)!;
    const before = db.prepare('SELECT imported_at, updated_at FROM orders WHERE external_id = ?').get(target.externalId) as { imported_at: string };

    // The same export a little later: this one order was closed in the meantime.
    const lines = iconv.decode(generated.orderCsv, 'gbk').split('\r\n');
    const at = lines.findIndex((l) => l.includes(target.externalId));
    lines[at] = (lines[at] ?? '').replace(/买家已付款[，,]等待卖家发货/, '交易关闭');
    const report = await run(pair(iconv.encode(lines.join('\r\n'), 'gbk')));

    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 59, statusChanges: 1, rejected: false });
    const row = db.prepare('SELECT * FROM orders WHERE external_id = ?').get(target.externalId) as Record<string, string>;
    expect(row).toMatchObject({ platform_status: 'TRADE_CLOSED', blocked_reason: expect.stringContaining('TRADE_CLOSED'), imported_at: before.imported_at });
    expect(row['updated_at']! >= before.imported_at).toBe(true);
    // Lines are replaced, not duplicated.
    expect(db.prepare('SELECT count(*) FROM order_lines WHERE order_id = ?').pluck().get(row['id'])).toBe(target.lines.length);
    expect(opCount()).toBe(61);
    const op = JSON.parse(db.prepare("SELECT payload FROM outbox ORDER BY station_seq DESC LIMIT 1").pluck().get() as string);
    expect(op).toMatchObject({ id: row['id'], platformStatus: 'TRADE_CLOSED' });
  });

  it('keeps the op payload and content hash of earlier versions, so old stations see no change', async () => {
    const { db, run } = station();
    await run(pair());
    const rows = db.prepare("SELECT o.content_hash AS hash, x.payload FROM orders o JOIN outbox x ON x.payload LIKE '{\"id\":\"' || o.id || '\"%' ORDER BY o.rowid").all() as { hash: string; payload: string }[];
    expect(rows).toHaveLength(60);
    generated.orders.forEach((order, i) => {
      const id = `taobao:${order.externalId}`;
      const shipDeadline = order.shipDeadline ?? (order.paidAt ? shipDeadlineFrom(order.paidAt, 48) : null);
      // Exactly what the first release serialised and hashed.
      const expected = JSON.stringify({ id, ...order, shipDeadline });
      expect(rows[i]!.payload).toBe(expected);
      expect(rows[i]!.hash).toBe(createHash('sha1').update(expected).digest('base64'));
    });
  });

  it('writes nothing from a file with a bad row, and lists the error', async () => {
    const { db, run, opCount } = station();
    const broken = brokenVariants({ seed: 5, orders: 30, k: 7 });
    const report = await run([
      { name: broken.orderFileName, bytes: broken.badAmount.orderCsv },
      { name: broken.detailFileName, bytes: broken.badAmount.detailCsv },
    ]);
    expect(report).toMatchObject({ rejected: true, created: 0, errors: [expect.objectContaining({ row: broken.badAmount.row, column: '买家实际支付金额' })] });
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
    expect(opCount()).toBe(0);
  });

  it('writes nothing from an export with NUL inside a 商家编码, and names its file, row and column', async () => {
    const { db, run, opCount } = station();
    const detail = iconv.decode(generated.detailCsv, 'gbk').split('\r\n');
    const code = detail[0]!.split(',').findIndex((h) => h.trim() === '商家编码');
    const cells = detail[3]!.split(',');
    cells[code] = `${cells[code]}\u0000`;
    detail[3] = cells.join(',');
    const report = await run(pair(generated.orderCsv, iconv.encode(detail.join('\r\n'), 'gbk')));
    expect(report).toMatchObject({
      rejected: true,
      errors: [{ file: generated.detailFileName, row: 4, column: '商家编码', msg: { key: 'import.cell.control', params: { char: 'U+0000' } } }],
    });
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
    expect(opCount()).toBe(0);
  });

  it('gives a mapped order without payment time a deadline from the import time, says so, and keeps it on a re-import', async () => {
    const { host, db } = station();
    // A 微店 file as a shop exports it: no status, payment-time or deadline column.
    host.context.orders.saveMapping({
      name: '微店', encoding: 'auto',
      columns: { orderId: '单号', receiverName: '收件人', mobile: '电话', receiverAddr: '地址', outerSku: '货号', qty: '数量', price: '单价' },
    });
    const file = [{
      name: 'mapped-utf8.csv',
      bytes: Buffer.from('\uFEFF单号,客户,收件人,电话,地址,货号,数量,单价\r\n'
        + '5400000000000000001,微店客户,孙八,13400134000,江苏省南京市鼓楼区中山路1号,SKU-0007,2,15.00\r\n'
        + '5400000000000000001,微店客户,孙八,13400134000,江苏省南京市鼓楼区中山路1号,SKU-0008,1,9.90\r\n'),
    }];
    const before = Date.now();
    const report = await host.context.orders.import(file, '微店', () => {}, null);
    const after = Date.now();
    expect(report).toMatchObject({ rejected: false, created: 1 });
    expect(report.notices).toEqual([
      { key: 'import.notice.noStatusColumn', params: { count: 1 } },
      { key: 'import.notice.deadlineFromImport', params: { count: 1, hours: 48 } },
    ]);
    // The file said no status: none is claimed, and the order may be packed.
    expect(host.context.ordersRepo.get('taobao:5400000000000000001')).toMatchObject({ platformStatus: null, blockedReason: null, packState: 'open' });
    const deadlineOf = () => db.prepare("SELECT ship_deadline FROM orders WHERE external_id = '5400000000000000001'").pluck().get() as string | null;
    const deadline = deadlineOf();
    expect(deadline).not.toBeNull();
    expect(Date.parse(deadline!)).toBeGreaterThanOrEqual(before + 48 * 3600_000 - 1000);
    expect(Date.parse(deadline!)).toBeLessThanOrEqual(after + 48 * 3600_000);

    // The same file again a moment later: no change, and the deadline does not move.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await host.context.orders.import(file, '微店', () => {}, null);
    expect(again).toMatchObject({ rejected: false, created: 0, updated: 0, unchanged: 1 });
    expect(deadlineOf()).toBe(deadline);
    // The report does not claim the deadline is now this import's time plus 48 hours: it was kept.
    expect(again.notices).toEqual([
      { key: 'import.notice.noStatusColumn', params: { count: 1 } },
      { key: 'import.notice.deadlineKept', params: { count: 1 } },
    ]);
  });

  it('imports a mapped CSV whose order ids are not Taobao digits (M-1001), and finds the order by it', async () => {
    const { host } = station();
    host.context.orders.saveMapping({ name: '微店', encoding: 'auto', columns: { orderId: '单号', receiverName: '收件人', outerSku: '货号', paidAt: '付款时间' } });
    const file = [{ name: 'weidian.csv', bytes: Buffer.from('\uFEFF单号,收件人,货号,付款时间\r\nM-1001,孙八,SKU-0007,2026-12-01 10:00:00\r\n') }];
    const report = await host.context.orders.import(file, '微店', () => {}, null);
    expect(report).toMatchObject({ rejected: false, created: 1, errors: [] });
    expect(host.context.ordersRepo.get('taobao:M-1001')).toMatchObject({ externalId: 'M-1001', receiver: { name: '孙八' } });
    const found = host.context.ordersRepo.list({ query: 'M-1001', state: '', limit: 10, offset: 0, now: new Date().toISOString() });
    expect(found.orders.map((o) => o.externalId)).toEqual(['M-1001']);
  });

  it('imports an order whose status cell is blank with no status, says how many, and keeps a status an earlier export gave', async () => {
    const { host, db } = station();
    host.context.orders.saveMapping({ name: 'ERP', encoding: 'auto', columns: { orderId: '单号', status: '状态', receiverName: '收件人', outerSku: '货号', paidAt: '付款时间' } });
    const csv = (rows: string[]) => [{ name: 'erp.csv', bytes: Buffer.from(['\uFEFF单号,状态,收件人,货号,付款时间', ...rows].join('\r\n') + '\r\n') }];
    const report = await host.context.orders.import(csv([
      '5400000000000000001,,孙八,SKU-0007,2026-12-01 10:00:00',
      '5400000000000000002,等待买家付款,周九,SKU-0008,2026-12-01 10:00:00',
    ]), 'ERP', () => {}, null);
    expect(report).toMatchObject({ rejected: false, created: 2, notices: [{ key: 'import.notice.blankStatus', params: { count: 1 } }] });
    expect(host.context.ordersRepo.get('taobao:5400000000000000001')).toMatchObject({ platformStatus: null, blockedReason: null });
    expect(host.context.ordersRepo.get('taobao:5400000000000000002')).toMatchObject({ platformStatus: 'WAIT_BUYER_PAY', blockedReason: { key: 'blocked.reasons.WAIT_BUYER_PAY' } });
    const op = JSON.parse(db.prepare("SELECT payload FROM outbox WHERE type = 'order.imported' ORDER BY rowid LIMIT 1").pluck().get() as string);
    expect(op).toMatchObject({ id: 'taobao:5400000000000000001', platformStatus: null });

    // A later file that again says nothing does not forget what the platform said in between.
    await host.context.orders.import(csv(['5400000000000000002,,周九,SKU-0008,2026-12-01 10:00:00']), 'ERP', () => {}, null);
    expect(host.context.ordersRepo.get('taobao:5400000000000000002')).toMatchObject({ platformStatus: 'WAIT_BUYER_PAY', blockedReason: { key: 'blocked.reasons.WAIT_BUYER_PAY' } });
  });

  it('names the row of a header that does not decode, before the format is known', async () => {
    const { run } = station();
    const bytes = Buffer.concat([Buffer.from('\uFEFF订单编号,', 'utf8'), Buffer.from([0xb6, 0xa9]), Buffer.from('\r\n1,2\r\n')]);
    const report = await run([{ name: 'x.csv', bytes }]);
    expect(report).toMatchObject({ format: null, rejected: true, errors: [{ file: 'x.csv', row: 1, msg: { key: 'import.file.notDecodableAsClaimed' } }] });
  });
});
