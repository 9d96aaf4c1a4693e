import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBeijing } from '#shared/domain/datetime';
import { handoverStation, shipOrder, signature, waiting } from '../../../test/helpers/handover-shop';
import { readPdf } from '../../../test/helpers/poppler';

type Station = Awaited<ReturnType<typeof handoverStation>>;

/**
 * The evidence pack for a parcel that came back broken: what a carrier's claims desk asks before it
 * pays — that the courier took it (handover), where tracking last saw it, and the return it came back in.
 */
describe('the evidence PDF proves the parcel left and came back', () => {
  let station: Station;
  let text = '';
  let trackingNo = '';
  let handoverNo = '';
  // A file's time is never ahead of the clock: the return scan a minute ago, in Beijing time.
  const returnedAt = formatBeijing(new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000).toISOString());

  beforeAll(async () => {
    station = await handoverStation();
    const { call, model } = station;
    const order = waiting(model).find((o) => o.lines.length === 1)!;
    const parcel = await shipOrder(call, order);
    trackingNo = parcel.trackingNo;
    const h = await call('handover.open', { carrierCode: 'YTO' });
    handoverNo = h.number;
    await call('handover.scan', { handoverId: h.id, code: trackingNo });
    await call('handover.close', { handoverId: h.id, courierName: '张师傅🚚', signatureHash: await signature(call) });
    const csv = `运单号,快递公司,时间,状态,轨迹\n${trackingNo},圆通,${returnedAt},退回,买家拒收 退回寄件人\n`;
    const imported = await call('tracking.import', { file: { name: '轨迹.csv', base64: Buffer.from(csv).toString('base64') } });
    // The report counts the parcel coming back, not only the delivered ones.
    expect(imported, JSON.stringify(imported)).toMatchObject({ rejected: false, delivered: 0, returned: 1, problem: 0 });
    const photo = await signature(call, 3);
    const back = await call('returns.receive', {
      ref: trackingNo, items: [{ skuCode: order.lines[0]!.sku, qty: 1, condition: 'defective', reason: 'broken' }], photoHashes: [photo], note: '外箱压扁，杯子碎成三块 📦',
    });
    const reportId = back.damageReportIds[0]!;
    await call('damage.decide', { reportId, decision: 'claim', amountFen: 1250 });
    const file = await call('damage.evidence', { reportId });
    // Without spaces and line breaks: a long line wraps, and pdftotext spaces Latin and Chinese as it measures them.
    text = readPdf(Buffer.from(file.base64, 'base64')).text.replace(/\s+/g, '');
  }, 120_000);
  afterAll(() => station?.host.close());

  it('has the handover that took the parcel: when, its number, the courier and who handed it over', () => {
    expect(text).toMatch(new RegExp(`交接\\d{4}-\\d{2}-\\d{2}\\d{2}:\\d{2}:\\d{2}，交接单${handoverNo}，快递员张师傅🚚，交接人管理员`));
  });

  it('has the state tracking last knew, with its time', () => {
    expect(text).toContain(`物流最后状态：退回（${returnedAt.replace(' ', '')}:00）`);
  });

  it('has the return it came back in: received when and by whom, the parcel, its note (under the return) and its photos', () => {
    const section = text.slice(text.indexOf('退货收到退货'));
    expect(section).toMatch(/^退货收到退货\d{4}-\d{2}-\d{2}\d{2}:\d{2}:\d{2}·管理员/);
    expect(section).toContain(`退回的包裹${trackingNo}`);
    expect(section).toContain('退货说明外箱压扁，杯子碎成三块📦');
    // The report's own description stays the report's (this one was filed with none).
    expect(text).toContain('说明—报告人');
    expect(section).toContain('退货照片1张');
    // Nowhere a stand-in for a character the fonts lack.
    expect(text).not.toContain('[U+');
  });
});
