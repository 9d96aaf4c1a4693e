import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { slipPrinterConfigSchema } from '#shared/contract/devices.contract';
import { decodeRasters, inkedRows, pngToRaster, stackRasters, dot } from '../../../test/helpers/escpos-decode';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../../../test/fakes/tcp-printer.fake';
import { labelText } from '../labels/label-text';
import { CHINESE_MODE_ON, encodeSlip, PAPER_DOTS, rasterBands, type SlipOptions } from './escpos-slip.encoder';
import { buildPackingSlip, type PackingSlipData } from './packing-slip';
import { escposStatusBytes } from './escpos-status';
import { sendSlip } from './slip-printer';

const zh = labelText('zh-CN');
const sample = (over: Partial<PackingSlipData> = {}): PackingSlipData => ({
  shopName: '小店旗舰店',
  orderId: '3847562910384756291',
  buyerNick: 'tb_小明',
  receiver: { name: '张三', province: '浙江省', city: '杭州市' },
  lines: [
    { skuCode: 'TS-WH-XL', title: '纯棉圆领短袖T恤', props: '白 XL', qty: 2 },
    { skuCode: null, title: '韩版运动袜 SKU-0036', props: null, qty: 1 },
  ],
  buyerMessage: '请发白色的，谢谢！',
  sellerMemo: '加赠品 贴纸×1',
  printedAt: '2024-05-01T06:03:00Z',
  privacy: true,
  ...over,
});
const opts = (over: Partial<SlipOptions> = {}): SlipOptions => ({ paperMm: 80, chinese: 'raster', code: 'qr', ...over });
const has = (bytes: Buffer, needle: Buffer | number[]) => bytes.includes(Buffer.from(needle));

let fake: FakeTcpPrinter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('ESC/POS packing slip', () => {
  it('printer-font mode: init, Chinese mode FS &, GB18030 text, the QR of the order id, then feed and cut', async () => {
    const bytes = await encodeSlip(buildPackingSlip(sample(), zh), opts({ chinese: 'gb18030' }));
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]); // ESC @
    expect(has(bytes, CHINESE_MODE_ON)).toBe(true);
    for (const text of ['发货单', '杭州市', '请发白色的，谢谢！', '加赠品 贴纸×1', '编码 TS-WH-XL', '(无商家编码)']) {
      expect(has(bytes, iconv.encode(text, 'gb18030')), text).toBe(true);
    }
    // Receiver masked like the waybill: 张* and never the full name.
    expect(has(bytes, iconv.encode('张三', 'gb18030'))).toBe(false);
    // QR: model 2, store "3847…" in the symbol area (GS ( k pL pH 31 50 30 d…), then print (… 31 51 30).
    expect(has(bytes, [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])).toBe(true);
    expect(has(bytes, Buffer.concat([Buffer.from([0x1d, 0x28, 0x6b, 22, 0, 0x31, 0x50, 0x30]), Buffer.from('3847562910384756291')]))).toBe(true);
    expect(has(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30])).toBe(true);
    // Ends with feed, full cut (GS V 0) and a reset for the next job.
    expect([...bytes.subarray(-5)]).toEqual([0x1d, 0x56, 0x00, 0x1b, 0x40]);
    expect(decodeRasters(bytes)).toEqual([]); // all GBK: nothing rasterised
    // The rules run the paper's width: 48 columns on 80 mm, 32 on 58 mm (not 32 everywhere).
    expect(has(bytes, Buffer.from(`${'-'.repeat(48)}\n`))).toBe(true);
    const narrow = await encodeSlip(buildPackingSlip(sample(), zh), opts({ chinese: 'gb18030', paperMm: 58 }));
    expect(has(narrow, Buffer.from(`${'-'.repeat(32)}\n`))).toBe(true);
    expect(has(narrow, Buffer.from('-'.repeat(33)))).toBe(false);
  });

  it('printer-font mode: a row with 𠮷 or an emoji (beyond any printer font) goes as a GS v 0 raster, never as bytes the printer would box', async () => {
    const bytes = await encodeSlip(buildPackingSlip(sample({ buyerNick: '𠮷野家😀' }), zh), opts({ chinese: 'gb18030' }));
    expect(has(bytes, iconv.encode('𠮷', 'gb18030'))).toBe(false);
    const rasters = decodeRasters(bytes);
    expect(rasters).toHaveLength(1);
    expect(inkedRows(rasters[0]!).length).toBeGreaterThan(10);
    expect(has(bytes, iconv.encode('杭州市', 'gb18030'))).toBe(true); // the other rows stay text
  });

  it('Code128 option: HRI below, subset B, the order id as data', async () => {
    const bytes = await encodeSlip(buildPackingSlip(sample(), zh), opts({ code: 'code128' }));
    expect(has(bytes, [0x1d, 0x48, 2])).toBe(true); // GS H 2: HRI below
    expect(has(bytes, Buffer.concat([Buffer.from([0x1d, 0x6b, 0x49, 21, 0x7b, 0x42]), Buffer.from('3847562910384756291')]))).toBe(true);
    expect(has(bytes, [0x1d, 0x28, 0x6b])).toBe(false);
  });

  for (const paperMm of [58, 80] as const) {
    it(`raster mode on ${paperMm} mm: no Chinese mode, GS v 0 bands at ${PAPER_DOTS[paperMm]} dots that decode to the reference render`, async () => {
      const content = buildPackingSlip(sample({ buyerNick: '𠮷野家😀' }), zh);
      const bytes = await encodeSlip(content, opts({ paperMm }));
      expect(has(bytes, CHINESE_MODE_ON)).toBe(false);
      const rasters = decodeRasters(bytes);
      expect(rasters.length).toBeGreaterThan(0);
      for (const r of rasters) expect(r.width).toBe(PAPER_DOTS[paperMm]);
      const reference = rasterBands(content.rows, PAPER_DOTS[paperMm]).map(pngToRaster);
      expect(rasters.map((r) => r.data.equals(reference[rasters.indexOf(r)]!.data))).toEqual(rasters.map(() => true));
      // The title 发货单 is big and centred: ink in the first rows, balanced around the middle.
      const slip = stackRasters(rasters);
      const rows = inkedRows(slip);
      expect(rows[0]).toBeLessThan(20);
      let left = 0;
      let right = 0;
      for (let y = 0; y < 50; y++) {
        for (let x = 0; x < slip.width; x++) {
          if (!dot(slip, x, y)) continue;
          if (x < slip.width / 2) left++;
          else right++;
        }
      }
      expect(left).toBeGreaterThan(0);
      expect(Math.abs(left - right) / (left + right)).toBeLessThan(0.25);
      // The rule under the receiver runs from edge to edge of the printable width.
      const dashes = Array.from({ length: Math.floor(slip.width / 12) }, (_, k) => 12 * k + 4);
      const ruled = rows.find((y) => dashes.every((x) => dot(slip, x, y) === 1));
      expect(ruled, 'a dashed rule across the whole width').toBeDefined();
      // The QR is printed by the printer from the order id, not drawn into the raster.
      expect(has(bytes, Buffer.from('3847562910384756291'))).toBe(true);
    });
  }

  it('reaches a receipt printer on TCP 9100 byte for byte (after asking its state)', async () => {
    fake = await startFakeTcpPrinter();
    fake.setEscposStatus(escposStatusBytes({}));
    const bytes = await encodeSlip(buildPackingSlip(sample(), zh), opts());
    const config = slipPrinterConfigSchema.parse({ trigger: 'ship', host: fake.host, port: fake.port });
    const result = await sendSlip(config, bytes);
    expect(result.bytes).toBe(bytes.length);
    expect((await fake.waitForJob(1)).equals(bytes)).toBe(true);
  });

  it('refuses a target that is not a printer (a non-raw port), before any byte is sent', async () => {
    const config = slipPrinterConfigSchema.parse({ trigger: 'ship', host: '127.0.0.1', port: 22 });
    await expect(sendSlip(config, Buffer.from([0x1b, 0x40]))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('hostile orders (huge messages, control characters, emoji, 500 lines) never throw and stay bounded', async () => {
    const text = (max: number) => fc.string({ unit: fc.oneof(fc.constantFrom('中', '𠮷', '😀', '👨‍👩‍👧', '\u0000', '\u001b', '\u001d', '\n', '\u202e', '\uFFFF', 'a'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: max });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          shopName: text(200), orderId: text(100), buyerNick: text(200),
          receiver: fc.record({ name: text(100), province: text(50), city: text(50) }),
          lines: fc.array(fc.record({ skuCode: fc.option(text(100)), title: text(400), props: fc.option(text(100)), qty: fc.integer() }), { maxLength: 500 }),
          buyerMessage: text(5000), sellerMemo: text(5000), printedAt: fc.constant('2024-05-01T06:03:00Z'), privacy: fc.boolean(),
        }),
        fc.constantFrom<SlipOptions['chinese']>('raster', 'gb18030'),
        fc.constantFrom<58 | 80>(58, 80),
        async (data, chinese, paperMm) => {
          const bytes = await encodeSlip(buildPackingSlip(data, zh), opts({ chinese, paperMm }));
          expect(bytes.length).toBeLessThan(2_000_000);
          expect([...bytes.subarray(-5)]).toEqual([0x1d, 0x56, 0x00, 0x1b, 0x40]);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
