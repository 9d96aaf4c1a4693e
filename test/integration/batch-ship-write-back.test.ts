import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { notHandedOverText, numberChangeText } from '#shared/domain/batch-ship-notes';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import { toBatchShipXlsx } from '../../electron/host/shipments/batch-ship-export';
import { barcodeOf } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

type Station = Awaited<ReturnType<typeof stationWithOrders>>;
const zh = createTranslator('zh-CN');
const en = createTranslator('en');

/** The file as the platform's uploader reads it: GBK bytes → rows of cells. */
const readBack = (file: { base64: string }) => parse(iconv.decode(Buffer.from(file.base64, 'base64'), 'gbk')) as string[][];

describe('the 批量发货 write-back tells the truth', () => {
  let s: Station;
  beforeEach(async () => {
    s = await stationWithOrders(40);
    // Packed by hand: the last scan must not ship an order before the test says so.
    await s.call('settings.update', { autoCompleteOnLastScan: false });
  });
  afterEach(() => s.host.close());

  const db = () => s.host.context.db;
  /** Test setup only: the handover screen (another part of issue 10) is what stamps this in the product. */
  const handOver = (trackingNo: string, at = new Date().toISOString()) =>
    db().prepare('UPDATE shipments SET handed_over_at = ?, handover_id = ? WHERE tracking_no = ?').run(at, 'HO-test', trackingNo);
  /** Test setup only: a 千牛 export carries 子订单编号; the classic fixture does not. */
  const giveSubOrderIds = (o: ImportedOrder) =>
    o.lines.forEach((l) => db().prepare('UPDATE order_lines SET sub_order_id = ? WHERE order_id = ? AND line_no = ?').run(`${o.externalId.slice(0, 16)}${String(l.lineNo).padStart(3, '0')}`, `taobao:${o.externalId}`, l.lineNo));
  const subId = (o: ImportedOrder, lineNo: number) => `${o.externalId.slice(0, 16)}${String(lineNo).padStart(3, '0')}`;

  const open = (o: ImportedOrder) => s.call('bench.scan', { code: o.externalId, source: 'wedge' });
  const scanUnits = async (sku: string, n: number) => {
    for (let i = 0; i < n; i++) await s.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
  };
  const shipWhole = async (o: ImportedOrder, parcelCount = 1) => {
    await open(o);
    for (const l of o.lines) await scanUnits(l.skuCode!, l.qty);
    const r = await s.call('bench.ship', { parcelCount, partial: false });
    await s.call('bench.cancel', {});
    return r;
  };
  const orders = () => s.generated.orders.filter(shippable);
  const twoSkus = () => orders().filter((o) => o.lines.length >= 2 && new Set(o.lines.map((l) => l.skuCode)).size === o.lines.length);

  it('once the shop hands parcels over, exports only those, says how many it held back, and takes the rest when they are handed over', async () => {
    const [a, b, c] = orders();
    const first = (await shipWhole(a!)).shipments[0]!;
    handOver(first.trackingNo);
    const second = (await shipWhole(b!)).shipments[0]!;
    const third = (await shipWhole(c!)).shipments[0]!;
    handOver(second.trackingNo);

    const preview = await s.call('shipments.exportPreview', { onlyNotExported: true });
    expect(preview).toMatchObject({ handoversUsed: true, onlyHandedOver: true, rows: 2, notHandedOver: 1, heldCount: 0 });
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(readBack(file)).toEqual([['订单编号', '物流公司', '运单号'], [a!.externalId, '圆通速递', first.trackingNo], [b!.externalId, '圆通速递', second.trackingNo]]);
    expect(file).toMatchObject({ notHandedOver: 1, notHandedOverNos: [third.trackingNo] });
    expect(zh.t(notHandedOverText(file, zh.t(msg('common.listSep'))))).toBe(`1 个包裹还没交给快递，不导出：${third.trackingNo}`);

    // Asked for explicitly, the parcel still on the bench goes too (the shop's choice, not the default).
    expect((await s.call('shipments.exportPreview', { onlyNotExported: true, onlyHandedOver: false })).rows).toBe(1);
    handOver(third.trackingNo);
    const later = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(readBack(later).slice(1)).toEqual([[c!.externalId, '圆通速递', third.trackingNo]]);
  });

  it('counts and names every parcel still at the shop, a second parcel whose first was handed over too, and uploads it only once handed over', async () => {
    const [a, b] = orders();
    const [first, second] = (await shipWhole(a!, 2)).shipments.map((x) => x.trackingNo);
    const other = (await shipWhole(b!)).shipments[0]!.trackingNo;
    handOver(first!);
    // The tester's "1 个包裹还没交给快递" with two parcels at the shop: the second parcel of a shipment whose first had left went uncounted.
    const preview = await s.call('shipments.exportPreview', { onlyNotExported: true });
    expect(preview).toMatchObject({ rows: 1, parcels: 1, notHandedOver: 2, notHandedOverNos: [second, other] });
    expect(zh.t(notHandedOverText(preview, zh.t(msg('common.listSep'))))).toBe(`2 个包裹还没交给快递，不导出：${second}、${other}`);
    expect(en.t(notHandedOverText(preview, en.t(msg('common.listSep'))))).toBe(`Held back, not yet handed to the courier (2): ${second}, ${other}`);
    expect(readBack(await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true })).slice(1)).toEqual([[a!.externalId, '圆通速递', first]]);

    // Still on the bench at the next export: held and counted, not stamped as riding with the uploaded number.
    expect(await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true })).toMatchObject({ rows: 0, parcels: 0, extra: [], notHandedOver: 2 });
    handOver(second!);
    const later = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(later).toMatchObject({ rows: 0, parcels: 1, notHandedOver: 1, notHandedOverNos: [other] });
    expect(later.extra).toEqual([{ orderExternalId: a!.externalId, trackingNo: second, uploadedWith: null }]);
  });

  it('an order whose uploaded number was voided and shipped again is no 批量发货 row: the seller is told once to change it with 修改物流单号', async () => {
    const [a, b] = orders();
    const old = (await shipWhole(a!)).shipments[0]!;
    handOver(old.trackingNo);
    expect(readBack(await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true })).slice(1)).toEqual([[a!.externalId, '圆通速递', old.trackingNo]]);
    await s.call('shipments.void', { id: old.id, reason: '改用其他快递' });
    const next = (await shipWhole(a!)).shipments[0]!;
    const plain = (await shipWhole(b!)).shipments[0]!;
    handOver(plain.trackingNo);

    // On the bench still: it waits like any parcel, nothing to change yet.
    expect(await s.call('shipments.exportPreview', { onlyNotExported: true })).toMatchObject({ rows: 1, changes: [], changeCount: 0, elsewhere: [], elsewhereCount: 0, notHandedOverNos: [next.trackingNo] });
    handOver(next.trackingNo);
    const change = { orderExternalId: a!.externalId, uploadedNo: old.trackingNo, trackingNo: next.trackingNo };
    expect(await s.call('shipments.exportPreview', { onlyNotExported: true })).toMatchObject({ rows: 1, parcels: 2, changes: [change], changeCount: 1, extra: [] });
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    // The platform refuses a 批量发货 row for an order it shows shipped: only the other order is in the file.
    expect(readBack(file)).toEqual([['订单编号', '物流公司', '运单号'], [b!.externalId, '圆通速递', plain.trackingNo]]);
    expect(file).toMatchObject({ changes: [change], changeCount: 1, extra: [] });
    expect(zh.t(msg('export.changeCount', { count: 1 }))).toContain('修改物流单号');
    expect(zh.t(numberChangeText(change))).toBe(`订单 ${a!.externalId}：${old.trackingNo} 改为 ${next.trackingNo}`);
    expect(en.t(numberChangeText(change))).toBe(`Order ${a!.externalId}: change ${old.trackingNo} to ${next.trackingNo}`);

    // Named once: the export stamped it, so the next file neither writes it nor asks again.
    expect(await s.call('shipments.exportPreview', { onlyNotExported: true })).toMatchObject({ rows: 0, parcels: 0, changes: [], changeCount: 0 });
    expect((await s.call('shipments.list', { state: 'not-exported' })).total).toBe(0);
    // Voided and shipped once more: the number to change is now the one given last time.
    await s.call('shipments.void', { id: next.id, reason: '地址有误' });
    const third = (await shipWhole(a!)).shipments[0]!;
    handOver(third.trackingNo);
    expect(await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true })).toMatchObject({
      rows: 0, changes: [{ orderExternalId: a!.externalId, uploadedNo: next.trackingNo, trackingNo: third.trackingNo }],
    });
  });

  it('when a shop starts handing over, parcels printed within the handover window before it still wait for one; older ones left when printed', async () => {
    const [a, b, c] = orders();
    const old = (await shipWhole(a!)).shipments[0]!;
    const recent = (await shipWhole(b!)).shipments[0]!;
    const first = (await shipWhole(c!)).shipments[0]!;
    // Test setup only: the first parcel was printed three weeks ago, before the shop used handovers.
    db().prepare('UPDATE shipments SET created_at = ? WHERE tracking_no = ?').run(new Date(Date.now() - 21 * 86_400_000).toISOString(), old.trackingNo);
    handOver(first.trackingNo);
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(readBack(file).slice(1).map((r) => r[2]).sort()).toEqual([first.trackingNo, old.trackingNo].sort());
    expect(file.notHandedOver).toBe(1);
    expect(readBack(file).flat()).not.toContain(recent.trackingNo);
  });

  it('a shop that never handed a parcel over exports every parcel, as before', async () => {
    const [a] = orders();
    await shipWhole(a!);
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(file).toMatchObject({ rows: 1, handoversUsed: false, onlyHandedOver: false, notHandedOver: 0 });
  });

  it('a two-parcel shipment uploads once: the platform takes one number per order', async () => {
    const [a] = orders();
    const shipped = await shipWhole(a!, 2);
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(readBack(file).slice(1)).toEqual([[a!.externalId, '圆通速递', shipped.shipments[0]!.trackingNo]]);
    expect(file.parcels).toBe(2);
    // The second number is not in the file: the seller is told which to add on the platform by hand.
    const [first, second] = shipped.shipments.map((x) => x.trackingNo);
    expect(file.extraCount).toBe(1);
    expect(file.extra).toEqual([{ orderExternalId: a!.externalId, trackingNo: second, uploadedWith: first }]);
    // The file of a one-parcel order has nothing to add.
    const [, b] = orders();
    await shipWhole(b!);
    expect(await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true })).toMatchObject({ rows: 1, extra: [], extraCount: 0 });
  });

  it('a partial parcel carrying whole sub-orders uploads as a split (子订单编号), and the rest follows by sub-order', async () => {
    const o = twoSkus()[0]!;
    giveSubOrderIds(o);
    const [l1, ...rest] = o.lines;
    await open(o);
    await scanUnits(l1!.skuCode!, l1!.qty);
    expect(await s.call('shipments.partialCheck', {})).toEqual({ ok: true, reason: null });
    const part = await s.call('bench.ship', { parcelCount: 1, partial: true });
    expect(part.warnings.map((w) => w.key)).not.toContain('export.partialHeld');

    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(readBack(file)).toEqual([['订单编号', '物流公司', '运单号', '子订单编号'], [o.externalId, '圆通速递', part.shipments[0]!.trackingNo, subId(o, l1!.lineNo)]]);

    for (const l of rest) await scanUnits(l.skuCode!, l.qty);
    const done = await s.call('bench.ship', { parcelCount: 1, partial: false });
    const after = await s.call('shipments.exportBatchShip', { encoding: 'utf-8', onlyNotExported: true });
    const text = Buffer.from(after.base64, 'base64').subarray(3).toString('utf8');
    expect(parse(text)).toEqual([
      ['订单编号', '物流公司', '运单号', '子订单编号'],
      ...rest.map((l) => [o.externalId, '圆通速递', done.shipments[0]!.trackingNo, subId(o, l.lineNo)]),
    ]);
  });

  it('a parcel carrying part of a line is held with the reason, warned before it ships, and released as the whole order when the rest ships', async () => {
    const o = orders().find((x) => x.lines.some((l) => l.qty >= 2))!;
    giveSubOrderIds(o);
    const line = o.lines.find((l) => l.qty >= 2)!;
    await open(o);
    await scanUnits(line.skuCode!, 1);

    const check = await s.call('shipments.partialCheck', {});
    expect(check.ok).toBe(false);
    expect(zh.t(check.reason!)).toBe(
      `第 ${line.lineNo} 行“${line.title}”这个包裹只带了 1/${line.qty} 件：平台只能按整个子订单拆单发货，其余发出后再上传。这个包裹会暂不写入批量发货文件。`,
    );
    const part = await s.call('bench.ship', { parcelCount: 1, partial: true });
    expect(part.warnings).toContainEqual({ key: 'export.partialHeld', params: { reason: { key: 'export.hold.linePartly', params: { line: line.lineNo, title: line.title, carried: 1, qty: line.qty } } } });

    const held = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(held.rows).toBe(0);
    expect(readBack(held)).toEqual([['订单编号', '物流公司', '运单号']]);
    expect(held.held).toEqual([{ orderId: `taobao:${o.externalId}`, orderExternalId: o.externalId, trackingNo: part.shipments[0]!.trackingNo, reason: expect.objectContaining({ key: 'export.hold.linePartly' }) }]);
    // Still held at the next export, and shown by the preview the Shipments screen reads.
    expect((await s.call('shipments.exportPreview', { onlyNotExported: true })).heldCount).toBe(1);

    await scanUnits(line.skuCode!, line.qty - 1);
    for (const l of o.lines.filter((x) => x !== line)) await scanUnits(l.skuCode!, l.qty);
    await s.call('bench.ship', { parcelCount: 1, partial: false });
    const released = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    // The whole order, plainly, with the number of the parcel that left first.
    expect(readBack(released)).toEqual([['订单编号', '物流公司', '运单号'], [o.externalId, '圆通速递', part.shipments[0]!.trackingNo]]);
    expect(released).toMatchObject({ heldCount: 0, parcels: 2 });
    expect((await s.call('shipments.list', { state: 'not-exported' })).total).toBe(0);
  });

  it('a partial parcel whose lines have no 子订单编号 is held: the platform cannot split it', async () => {
    const o = twoSkus()[0]!;
    const l1 = o.lines[0]!;
    await open(o);
    await scanUnits(l1.skuCode!, l1.qty);
    await s.call('bench.ship', { parcelCount: 1, partial: true });
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(file.rows).toBe(0);
    expect(file.held[0]!.reason).toEqual({ key: 'export.hold.noSubOrder', params: { line: l1.lineNo, title: l1.title } });
  });

  it('leaves an order of another platform (a mapped file\'s "M-1001") out of the file, names it once, and still writes the Taobao rows', async () => {
    const [a] = orders();
    const sku = a!.lines[0]!.skuCode!;
    s.host.context.orders.saveMapping({ name: '微店', encoding: 'auto', columns: { orderId: '单号', receiverName: '收件人', outerSku: '货号', paidAt: '付款时间' } });
    const csv = `\uFEFF单号,收件人,货号,付款时间\r\nM-1001,孙八,${sku},2026-12-01 10:00:00\r\n`;
    expect(await s.host.context.orders.import([{ name: 'weidian.csv', bytes: Buffer.from(csv) }], '微店', () => {}, null)).toMatchObject({ rejected: false, created: 1 });
    const taobao = (await shipWhole(a!)).shipments[0]!.trackingNo;
    await s.call('bench.scan', { code: 'M-1001', source: 'wedge' });
    await scanUnits(sku, 1);
    const mapped = (await s.call('bench.ship', { parcelCount: 1, partial: false })).shipments[0]!.trackingNo;
    await s.call('bench.cancel', {});

    expect(await s.call('shipments.exportPreview', { onlyNotExported: true })).toMatchObject({ rows: 1, elsewhereCount: 1 });
    const file = await s.call('shipments.exportBatchShip', { encoding: 'gbk', onlyNotExported: true });
    expect(readBack(file)).toEqual([['订单编号', '物流公司', '运单号'], [a!.externalId, '圆通速递', taobao]]);
    expect(file).toMatchObject({ elsewhereCount: 1, elsewhere: [{ orderExternalId: 'M-1001', carrierName: '圆通速递', trackingNo: mapped }] });
    expect(zh.t(msg('export.elsewhereLine', { order: 'M-1001', carrier: '圆通速递', tracking: mapped }))).toBe(`订单 M-1001：圆通速递 ${mapped}`);
    // Named once: the next export has nothing left to say about it.
    expect(await s.call('shipments.exportPreview', { onlyNotExported: true })).toMatchObject({ rows: 0, elsewhereCount: 0 });
  });

  it('refuses hostile export and partial-check input before anything is read or stamped (property)', async () => {
    const [a] = orders();
    await shipWhole(a!);
    const junk = fc.record({ encoding: fc.oneof(fc.constantFrom('gbk', 'utf-8'), fc.string({ maxLength: 10 })), onlyNotExported: fc.jsonValue(), onlyHandedOver: fc.jsonValue(), extra: fc.option(fc.jsonValue(), { nil: undefined }) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(junk, async (input) => {
        const valid = (input.encoding === undefined || input.encoding === 'gbk' || input.encoding === 'utf-8')
          && (input.onlyNotExported === undefined || typeof input.onlyNotExported === 'boolean')
          && (input.onlyHandedOver === undefined || typeof input.onlyHandedOver === 'boolean') && !('extra' in input && input.extra !== undefined);
        if (valid) return;
        await expect(s.call('shipments.exportBatchShip', input as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        await expect(s.call('shipments.partialCheck', input as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      }),
      { numRuns: 60 },
    );
    expect((await s.call('shipments.list', { state: 'not-exported' })).total).toBe(1);
  });

  it('a seller who picks Excel gets an .xlsx of the same rows, ids as text cells, and the parcels count as exported', async () => {
    const [a, b] = orders();
    const one = (await shipWhole(a!)).shipments[0]!;
    const two = (await shipWhole(b!)).shipments[0]!;
    const file = await s.call('shipments.exportBatchShip', { format: 'xlsx', onlyNotExported: true });
    expect(file.fileName).toMatch(/^批量发货-\d{12}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([['订单编号', '物流公司', '运单号'], [a!.externalId, '圆通速递', one.trackingNo], [b!.externalId, '圆通速递', two.trackingNo]]);
    // Text cells: Excel shows 4012345678901234567, not 4.01235E+18, and keeps every digit on a re-save.
    expect(typeof ws.getCell('A2').value).toBe('string');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect((await s.call('shipments.exportPreview', { onlyNotExported: true })).rows).toBe(0);
  });

  it('the split rows read back from the XLSX twin with every id as text', async () => {
    const bytes = await toBatchShipXlsx([
      { orderExternalId: '4012345678901234567', carrierName: '圆通', trackingNo: 'YT7477226345628', subOrderId: '4012345678901234501' },
      { orderExternalId: '4012345678901234567', carrierName: '圆通', trackingNo: 'YT7477226345628', subOrderId: '4012345678901234502' },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '订单编号', '物流公司', '运单号', '子订单编号']);
    expect(ws.getRow(3).values).toEqual([undefined, '4012345678901234567', '圆通速递', 'YT7477226345628', '4012345678901234502']);
  });
});
