import { createCanvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentOpVersion } from '#shared/ops/index';
import { barcodeOf } from '../../../test/host/host-client';
import { shippable, stationWithOrders } from '../../../test/host/station-with-orders';
import { pixelsNear, readPdf, requirePoppler } from '../../../test/helpers/poppler';
import { createAttachmentStore } from '../attachments/attachment-store';

/** A test photo: red on the left half, blue on the right, so its placement and orientation can be checked. */
function redBluePng(width = 400, height = 300): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const red = x < width / 2;
      png.data.set([red ? 230 : 20, 20, red ? 20 : 230, 255], i);
    }
  }
  return PNG.sync.write(png);
}

function greenJpeg(): Buffer {
  const canvas = createCanvas(320, 200);
  const g = canvas.getContext('2d');
  g.fillStyle = 'rgb(20, 200, 40)';
  g.fillRect(0, 0, 320, 200);
  return canvas.toBuffer('image/jpeg');
}

describe('the evidence pack (PDF) for a carrier claim', () => {
  let ctx: Awaited<ReturnType<typeof stationWithOrders>>;
  let evidence: { text: string; pages: PNG[]; fileName: string };
  let parcelNo = '';
  let orderNo = '';
  let reportId = '';

  beforeAll(async () => {
    requirePoppler();
    ctx = await stationWithOrders(20);
    const order = ctx.generated.orders.find((o) => shippable(o) && o.lines.length === 1)!;
    orderNo = order.externalId;
    const sku = order.lines[0]!.skuCode!;
    await ctx.call('bench.scan', { code: order.externalId, source: 'wedge' });
    await ctx.call('bench.scan', { code: '6999999999999', source: 'wedge' });
    let last;
    for (let i = 0; i < order.lines[0]!.qty; i++) last = await ctx.call('bench.scan', { code: barcodeOf(sku), source: 'wedge' });
    parcelNo = last!.shipment!.trackingNo;
    await ctx.host.context.labels.idle();

    // The photos as the bench stored them; the third was taken at a bench that has not uploaded it yet.
    const store = createAttachmentStore(ctx.host.context.db, ctx.host.dataDir);
    const png = store.put(redBluePng(), 'image/png');
    const jpeg = store.put(greenJpeg(), 'image/jpeg');
    const elsewhere = 'ab'.repeat(32);
    const report = await ctx.call('damage.report', {
      orderRef: parcelNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '外箱压扁，杯子碎成三块 staff office affix', photoHashes: [png.sha256, jpeg.sha256, elsewhere], weightG: 812,
    });
    reportId = report.id;
    // Bench B's administrator scanned it again there (pulled): named as the screens name them, with the bench.
    ctx.host.context.sync.meta.setStationNames({ 'station-b': '打包台B' });
    ctx.host.context.sync.applier.applyPage([{
      hubSeq: 1, opId: 'op-user-b', stationId: 'station-b', stationSeq: 1, type: 'user.saved', version: currentOpVersion('user.saved'), outcome: 'accepted', reason: null,
      payload: { id: 'adm-b', name: '管理员', role: 'admin', pinHash: null, badgeHash: null, active: true, benchOf: 'station-b', seenHubSeq: 0 },
      createdAt: new Date().toISOString(), userId: null, authorizedBy: null,
    }], 1);
    ctx.host.context.db.prepare("INSERT INTO scan_events (id, order_id, packer_id, code, outcome, units, at) VALUES ('scan-b', ?, 'adm-b', '6988888888888', 'unknown_barcode', 0, ?)")
      .run(`taobao:${order.externalId}`, new Date().toISOString());
    await ctx.call('damage.decide', { reportId, decision: 'claim', amountFen: 2550, note: '按售价索赔' });
    const file = await ctx.call('damage.evidence', { reportId });
    const read = readPdf(Buffer.from(file.base64, 'base64'));
    evidence = { ...read, fileName: file.fileName };
  }, 60_000);

  it('says what happened: the report, the parcel with its weight and times, the decision and the claim', () => {
    const { text } = evidence;
    for (const expected of [reportId, orderNo, '破损', '买家签收后反馈', '外箱压扁，杯子碎成三块', 'staff office affix', '812 克', parcelNo, '圆通', '快递理赔', '¥25.50', '已申请', '按售价索赔']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/创建 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(text).toMatch(/打印 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（1 次）/);
    // A bench working alone is named nowhere in the report ("工作台 本机" is this PC to the carrier).
    expect(text.split('\n').filter((l) => /^\s*工作台\s/.test(l))).toEqual([]);
  });

  it('holds the order’s scan log: every scan with its time, packer, code and outcome', () => {
    const lines = evidence.text.split('\n');
    const scanned = (code: string, outcome: string) => lines.some((l) => l.includes(code) && l.includes(outcome) && /\d{2}:\d{2}:\d{2}/.test(l) && l.includes('管理员'));
    expect(scanned(orderNo, '打开订单'), 'the order opened').toBe(true);
    expect(scanned('6999999999999', '未知条码'), 'the unknown barcode').toBe(true);
    expect(scanned(barcodeOf(ctx.generated.orders.find((o) => o.externalId === orderNo)!.lines[0]!.skuCode!), '核验正确'), 'the item verified').toBe(true);
    // Another bench's administrator, told apart by the bench as on the screens (not a bare 管理员, not "—").
    expect(lines.some((l) => l.includes('6988888888888') && l.includes('管理员 · 打包台B')), 'bench B\'s scan').toBe(true);
  });

  it('holds every photo full size on a page of its own, and names the one not on this bench yet', () => {
    const { pages, text } = evidence;
    expect(text).toContain('照片 3/3');
    expect(text).toContain('照片 3/3（abababababab）: 尚未从工作台 本机 上传到本机');
    // The red/blue photo: both halves on one page, red to the left of blue, most of the page wide.
    const photoPage = pages.find((p) => pixelsNear(p, [230, 20, 20]).count > 1000);
    expect(photoPage, 'a page shows the red/blue photo').toBeDefined();
    const red = pixelsNear(photoPage!, [230, 20, 20]);
    const blue = pixelsNear(photoPage!, [20, 20, 230]);
    expect(blue.count).toBeGreaterThan(1000);
    expect(red.meanX).toBeLessThan(blue.meanX);
    // Scaled to the page: at 60 dpi an A4 page is ~496 px wide; the photo fills most of the text width.
    expect(red.count + blue.count).toBeGreaterThan(0.4 * photoPage!.width * photoPage!.width * 0.75 * 0.5);
    expect(pages.some((p) => pixelsNear(p, [20, 200, 40], 50).count > 1000), 'a page shows the green JPEG').toBe(true);
  });

  it('is named in Beijing time', () => {
    expect(evidence.fileName).toMatch(new RegExp(`^破损证据-${orderNo}-\\d{8}-\\d{4}\\.pdf$`));
    const stamp = /-(\d{8})-(\d{4})\.pdf$/.exec(evidence.fileName)!;
    const beijing = new Date(Date.now() + 8 * 3600_000).toISOString();
    expect(stamp[1]).toBe(beijing.slice(0, 10).replace(/-/g, ''));
  });
});
