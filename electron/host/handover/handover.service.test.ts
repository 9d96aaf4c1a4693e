import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { decodeBarcodes } from '../../../test/helpers/barcode-decode';
import { handoverStation, shipOrder, signature, waiting } from '../../../test/helpers/handover-shop';
import { exportFiles } from '../../../test/helpers/order-files';
import { readPdf } from '../../../test/helpers/poppler';

type Station = Awaited<ReturnType<typeof handoverStation>>;
const open: Station[] = [];
afterEach(() => open.splice(0).forEach((s) => s.host.close()));
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? { code: e.code, key: e.msg.key } : e));

describe('courier handover (交接)', () => {
  it('reconciles a pickup: accepted, intercepted after a later import, voided, another carrier, unknown, duplicate and missing; closing hands over at one time and flags the rest', async () => {
    const station = await handoverStation();
    open.push(station);
    const { call, model } = station;
    const orders = waiting(model).slice(0, 12);
    expect(orders.length).toBe(12);
    const parcels: Awaited<ReturnType<typeof shipOrder>>[] = [];
    for (const o of orders) parcels.push(await shipOrder(call, o));
    // One label voided at the bench (its number retired), one order's buyer asks a refund after the label: the next import says so.
    const voided = parcels[10]!;
    await call('shipments.void', { id: voided.id, reason: '面单打错了' });
    // No order blocked (blocked_reason NULL everywhere): none kept back, and the count is still a number.
    expect(await call('handover.carriers', {})).toEqual([{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 11, kept: 0 }]);
    model.find((o) => o.id === orders[3]!.id)!.refundFen = 100;
    expect((await call('orders.import', { files: exportFiles(model) })).rejected).toBe(false);

    // The refunded order's parcel waits in the shop but is not the courier's: counted apart, never as 待交接.
    expect(await call('handover.carriers', {})).toEqual([{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 10, kept: 1 }]);
    const h = await call('handover.open', { carrierCode: 'YTO' });
    expect(h).toMatchObject({ state: 'open', counts: { expected: 11, accepted: 0, missing: 10, intercepted: 1 } });
    // Opening again carries on with the same handover.
    expect((await call('handover.open', { carrierCode: 'YTO' })).id).toBe(h.id);

    const scan = async (code: string) => (await call('handover.scan', { handoverId: h.id, code })).scan;
    for (const p of parcels.slice(0, 9)) await scan(p.trackingNo);
    const outcomes = (await call('handover.get', { id: h.id })).scans.map((s) => s.outcome);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(8);
    // The refund-pending order's parcel is intercepted at the scan, with the block as its reason.
    const intercepted = await scan(parcels[3]!.trackingNo);
    expect(intercepted).toMatchObject({ outcome: 'intercepted', detail: { key: 'blocked.refundPending' }, orderExternalId: orders[3]!.id });
    expect(await scan(parcels[0]!.trackingNo.toLowerCase())).toMatchObject({ outcome: 'duplicate', detail: { key: 'handover.detail.alreadyScanned' } });
    expect(await scan(voided.trackingNo)).toMatchObject({ outcome: 'unexpected-voided', detail: { key: 'handover.detail.voided', params: { reason: '面单打错了' } } });
    expect(await scan('YT9999999999999')).toMatchObject({ outcome: 'unexpected-unknown', trackingNo: null });
    const zto = await call('handover.open', { carrierCode: 'ZTO' });
    expect((await call('handover.scan', { handoverId: zto.id, code: parcels[9]!.trackingNo })).scan).toMatchObject({
      outcome: 'unexpected-carrier', detail: { key: 'handover.detail.otherCarrier', params: { carrier: '圆通速递' } },
    });

    const before = await call('handover.get', { id: h.id });
    expect(before.counts).toEqual({ expected: 11, scanned: 13, accepted: 8, missing: 2, unexpected: 2, intercepted: 1, duplicate: 1 });
    expect(before.missing.map((p) => p.trackingNo).sort()).toEqual([parcels[9]!.trackingNo, parcels[11]!.trackingNo].sort());

    // Closing wants the courier's name and a signature or photo, kept on this bench.
    expect(await refusal(call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: null }))).toEqual({ code: 'INVALID_INPUT', key: 'handover.signatureRequired' });
    expect(await refusal(call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: 'f'.repeat(64) }))).toEqual({ code: 'NOT_FOUND', key: 'handover.attachmentMissing' });
    const signed = await signature(call);
    const closed = await call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: signed });
    expect(closed).toMatchObject({ state: 'closed', courierName: '张师傅', signatureHash: signed, counts: { expected: 11, accepted: 8, missing: 2, intercepted: 1 } });
    expect(await refusal(call('handover.scan', { handoverId: h.id, code: parcels[9]!.trackingNo }))).toEqual({ code: 'CONFLICT', key: 'handover.alreadyClosed' });

    // The handed-over parcels left at the close's time; the others wait for the next pickup.
    const shipped = (await call('shipments.list', { state: 'active', limit: 100 })).shipments;
    const handedOver = shipped.filter((s) => closed.accepted.some((a) => a.shipmentId === s.id));
    expect(handedOver).toHaveLength(8);
    // Each parcel says which handover took it, or that it was listed missing there (the order page shows it).
    const mark = { number: closed.number, at: closed.closedAt, courierName: '张师傅', by: { key: 'roles.admin' } };
    expect(handedOver.map((s) => s.handover)).toEqual(Array(8).fill({ ...mark, state: 'accepted' }));
    const [missingId, keptId] = [parcels[9]!.id, parcels[3]!.id];
    expect(shipped.find((s) => s.id === missingId)?.handover).toEqual({ ...mark, state: 'missing' });
    expect(shipped.find((s) => s.id === keptId)?.handover).toEqual({ ...mark, state: 'intercepted' });
    expect(await call('handover.carriers', {})).toEqual([{ carrierCode: 'YTO', carrierName: '圆通速递', awaiting: 2, kept: 1 }]);
    const next = await call('handover.open', { carrierCode: 'YTO' });
    expect(next.id).not.toBe(h.id);
    expect((await call('handover.scan', { handoverId: next.id, code: parcels[0]!.trackingNo })).scan).toMatchObject({ outcome: 'duplicate', detail: { key: 'handover.detail.handedOver' } });

    // The inbox: the two missing parcels, and the intercepted one in red.
    const rows = (await call('inbox.list', {})).rows.filter((r) => r.kind.startsWith('handover-'));
    expect(rows.map((r) => [r.kind, r.trackingNo, r.severity]).sort()).toEqual(
      [['handover-intercepted', parcels[3]!.trackingNo, 'alarm'], ['handover-missing', parcels[9]!.trackingNo, 'warn'], ['handover-missing', parcels[11]!.trackingNo, 'warn']].sort(),
    );
    // One red row for the kept-back parcel, not its handover's and its order's stop both.
    expect((await call('inbox.list', {})).rows.filter((r) => r.trackingNo === parcels[3]!.trackingNo).map((r) => r.kind)).toEqual(['handover-intercepted']);
    // Voiding the intercepted parcel deals with it; handing a missing one over later does too.
    await call('shipments.void', { id: parcels[3]!.id, reason: '买家退款，拦截' });
    await call('handover.scan', { handoverId: next.id, code: parcels[9]!.trackingNo });
    await call('handover.close', { handoverId: next.id, courierName: '李师傅', signatureHash: await signature(call, 2) });
    // Missing at the first, taken at the second: the later handover is the one it names.
    expect((await call('shipments.list', { query: parcels[9]!.trackingNo, state: 'all', limit: 10 })).shipments[0]?.handover).toMatchObject({ state: 'accepted', courierName: '李师傅' });
    const after = (await call('inbox.list', {})).rows.filter((r) => r.kind.startsWith('handover-'));
    expect(after.map((r) => [r.kind, r.trackingNo])).toEqual([['handover-missing', parcels[11]!.trackingNo]]);
    expect((await call('handover.list', { state: 'closed' })).handovers.map((x) => x.courierName)).toEqual(['李师傅', '张师傅']);
  });

  it('the 交接单 PDF reads back: every number as text and as a barcode, the missing and intercepted listed apart, the signature drawn; the label printer gets it too', async () => {
    const station = await handoverStation();
    open.push(station);
    const { call, model, host } = station;
    // The shipper, as on every label: the courier's sheet says whose parcels these are.
    await call('settings.update', { sender: { name: '小店旗舰店', phone: '13800138000', address: '浙江省杭州市余杭区文一西路 998 号' } });
    const orders = waiting(model).slice(0, 5);
    const parcels = [];
    for (const o of orders) parcels.push(await shipOrder(call, o));
    model.find((o) => o.id === orders[4]!.id)!.refundFen = 100;
    await call('orders.import', { files: exportFiles(model) });
    const h = await call('handover.open', { carrierCode: 'YTO' });
    for (const p of parcels.slice(0, 3)) await call('handover.scan', { handoverId: h.id, code: p.trackingNo });
    // Mis-scans: an order number off a slip, a number nobody knows. The screens list them; the courier's sheet only counts them.
    const notShipped = waiting(model)[7]!.id;
    await call('handover.scan', { handoverId: h.id, code: notShipped });
    await call('handover.scan', { handoverId: h.id, code: 'YT9999999999999' });
    await call('handover.close', { handoverId: h.id, courierName: '张师傅', signatureHash: await signature(call) });

    const sheet = await call('handover.sheet', { id: h.id });
    expect(sheet.fileName).toMatch(/^交接单-YTO-\d{8}-[0-9A-F]{4}\.pdf$/);
    const pdf = readPdf(Buffer.from(sheet.base64, 'base64'), 150);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('快递交接单');
    expect(text).toContain('圆通速递 (YTO)');
    expect(text).toContain('张师傅');
    // A number a courier can read out, not the handover's UUID.
    expect(sheet.fileName).toBe(`交接单-${h.number}.pdf`);
    expect(text).toContain(`交接单号 ${h.number}`);
    // Which bench opened it is the shop's business: "本机" meant nothing to the courier.
    expect(text).not.toContain('本机');
    expect(text).toContain('交接包裹（3 件）');
    for (const p of parcels.slice(0, 3)) expect(text).toContain(p.trackingNo);
    expect(text).toMatch(new RegExp(`少件：面单已打印但未交接（1 件） ${parcels[3]!.trackingNo}`));
    // Kept back in the shop, by number: no buyer's money, no wording that says it was intercepted just now.
    expect(text).toMatch(new RegExp(`已拦截：留在本店，不交给快递员（1 件） ${parcels[4]!.trackingNo}`));
    expect(text).not.toMatch(/退款|1\.00/);
    // Who ships, and who at the shop handed over (the user who closed it), with a line to sign.
    expect(text).toContain('寄件人（店铺） 小店旗舰店');
    expect(text).toContain('寄件人电话 13800138000');
    expect(text).toContain('寄件地址 浙江省杭州市余杭区文一西路 998 号');
    expect(text).toContain('交接人（本店） 管理员');
    // Both signatures on one page (pdftotext ends each page with a form feed).
    expect(pdf.text.split('\f').find((page) => page.includes('快递员签字'))?.replace(/\s+/g, ' ')).toMatch(/张师傅 · .* 交接人签字（本店） 签字： 管理员 · /);
    // The mis-scans are counted, not listed.
    expect(text).toContain('异常扫描 2');
    for (const word of [notShipped, 'YT9999999999999', '本店没有这个运单号', '这是订单号', '异常和重复扫描']) expect(text).not.toContain(word);
    const pages = readdirSync(pdf.dir).filter((f) => f.startsWith('page')).sort();
    const decoded = (await Promise.all(pages.map((f) => decodeBarcodes(readFileSync(join(pdf.dir, f)), 64)))).flat();
    expect(decoded.map((d) => d.text).sort()).toEqual(parcels.slice(0, 3).map((p) => p.trackingNo).sort());

    // On the label printer (here the default PNG printer): pages of labels whose barcodes scan, the signature in dots.
    const printed = await call('handover.print', { id: h.id });
    expect(printed.pages).toBeGreaterThanOrEqual(1);
    expect(printed.file).toMatch(/\.png$/);
    const labels = readdirSync(join(host.dataDir, 'labels')).filter((f) => f.startsWith('handover-'));
    const codes = (await Promise.all(labels.map((f) => decodeBarcodes(readFileSync(join(host.dataDir, 'labels', f)), 64)))).flat().map((d) => d.text);
    expect([...new Set(codes)].sort()).toEqual(parcels.slice(0, 3).map((p) => p.trackingNo).sort());
  });
});
