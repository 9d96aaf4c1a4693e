import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import type { WaybillRouting as ProviderRouting } from '../../providers/waybill/waybill-provider';
import type { WaybillLabelData, WaybillRouting } from './label-data';
import { code128Modules, code128Placement, dotsPerMm, elementBounds, estimateTextWidthMm, QUIET_ZONE_MODULES, type Layout, type LayoutElement } from './label-layout';
import { standardWaybillLayout, standardWaybillSizes, standardWaybillZones, waybillLayoutFor, type StandardWaybillSize } from './standard-waybill-layout';
import { buildWaybillLayout } from './waybill-layout';

const texts = (layout: Layout) => layout.elements.flatMap((e) => (e.kind === 'text' || e.kind === 'inverse' ? [e.text] : [])).join('\n');
const noRouting = { sortCode: null, routeCode: null, hubCode: null, hubName: null, originCode: null, destinationCode: null };
const EPS = 1e-6;

/** The frame (outer box, zone rules, the tear line) is allowed to sit on zone edges; nothing else is. */
const isFrame = (el: LayoutElement, layout: Layout) =>
  el.kind === 'line' || (el.kind === 'box' && el.w > layout.widthMm - 3);

/** Every element inside the label and inside exactly one zone; every line of text no wider than its box. */
function expectInsideZones(layout: Layout, size: StandardWaybillSize): void {
  const zones = standardWaybillZones(size);
  for (const zone of zones) expect(zone.bottom).toBeLessThanOrEqual(layout.heightMm - 1);
  for (const el of layout.elements) {
    const b = elementBounds(el);
    const where = JSON.stringify(el);
    expect(b.x, where).toBeGreaterThanOrEqual(0);
    expect(b.x + b.w, where).toBeLessThanOrEqual(layout.widthMm - 1 + EPS);
    if (isFrame(el, layout)) continue;
    expect(zones.some((z) => b.y >= z.top - EPS && b.y + b.h <= z.bottom + EPS), `${where} leaves its zone`).toBe(true);
    if (el.kind === 'text') expect(estimateTextWidthMm(el.text, el.heightMm), where).toBeLessThanOrEqual(el.maxWidthMm + EPS);
  }
}

/** The same at the printer's resolution: every element's dots, and every barcode's bars, on the label. */
function expectInsideInDots(layout: Layout, dpi: 203 | 300): void {
  const dpmm = dotsPerMm(dpi);
  const [w, h] = [Math.round(layout.widthMm * dpmm), Math.round(layout.heightMm * dpmm)];
  for (const el of layout.elements) {
    const b = elementBounds(el);
    expect(Math.round((b.x + b.w) * dpmm)).toBeLessThanOrEqual(w);
    expect(Math.round((b.y + b.h) * dpmm)).toBeLessThanOrEqual(h);
    if (el.kind === 'code128') {
      const p = code128Placement(el, dpi);
      const box = Math.round(el.widthMm * dpmm);
      // Both quiet zones of ≥ 10 modules stay inside the element's box.
      expect(p.x - Math.round(el.x * dpmm)).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * p.narrow);
      expect(Math.round(el.x * dpmm) + box - (p.x + p.widthDots)).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * p.narrow);
    }
  }
}

const longText = (max: number) => fc.string({ unit: fc.constantFrom(...'欧阳娜张王路街道号楼室ABCxyz0123456789-— ()（）#'), minLength: 0, maxLength: max, size: 'max' });
const routingCode = (max: number) => fc.option(fc.string({ unit: fc.constantFrom(...'0123456789ABCDJ- 沪西华东'), minLength: 1, maxLength: max, size: 'max' }), { nil: null });
const hostileWaybill: fc.Arbitrary<WaybillLabelData> = fc.record({
  name: longText(40), detail: longText(200), sender: longText(60), senderAddress: longText(150), message: longText(300), items: longText(600),
  mobile: fc.constantFrom('13812345678', '13812345678-1234', '010-12345678', ''),
  carrier: longText(30), privacy: fc.boolean(), weightG: fc.option(fc.integer({ min: 1, max: 99_000 }), { nil: null }),
  sortCode: routingCode(30), routeCode: routingCode(24), hubName: routingCode(40),
  hubCode: fc.option(fc.stringMatching(/^[A-Z0-9]{1,30}$/), { nil: null }),
}).map((r) => sampleWaybill({
  carrierName: r.carrier, privacy: r.privacy, weightG: r.weightG, itemSummary: r.items, buyerMessage: r.message,
  recipient: { name: r.name, mobile: r.mobile, phone: r.mobile, province: '新疆维吾尔自治区', city: '伊犁哈萨克自治州', district: '霍尔果斯市', detail: r.detail },
  sender: { name: r.sender, phone: '0571-12345678', address: r.senderAddress },
  routing: { ...noRouting, sortCode: r.sortCode, routeCode: r.routeCode, hubName: r.hubName, hubCode: r.hubCode },
}));

describe('standardWaybillLayout', () => {
  for (const size of standardWaybillSizes) {
    it(`is ${size} and keeps every element inside its zone and the label (sample)`, () => {
      const layout = standardWaybillLayout(sampleWaybill(), size);
      expect(`${layout.widthMm}x${layout.heightMm}`).toBe(size);
      expectInsideZones(layout, size);
      for (const dpi of [203, 300] as const) expectInsideInDots(layout, dpi);
    });

    it(`overflows nothing at ${size} with long names, addresses, messages and codes (203 and 300 dpi)`, () => {
      fc.assert(
        fc.property(hostileWaybill, (data) => {
          const layout = standardWaybillLayout(data, size);
          expectInsideZones(layout, size);
          for (const dpi of [203, 300] as const) expectInsideInDots(layout, dpi);
        }),
        { numRuns: 150 },
      );
    });

    it(`prints the 大头笔, 三段码, 集包地 and its barcode, the custom area and 已验视 (${size})`, () => {
      const layout = standardWaybillLayout(sampleWaybill(), size);
      const all = texts(layout);
      for (const s of ['顺丰速运', '沪西', '342-081-00 052', '南京市内包', '订单号 3847562910384756291', '留言: 请发顺丰，周末不在家放快递柜', 'T恤 白 XL ×2', '已验视', '包裹 1/2', '重量 1.25kg']) {
        expect(all).toContain(s);
      }
      const route = layout.elements.find((e) => e.kind === 'inverse' && e.text === '沪西');
      expect(route?.kind === 'inverse' && route.heightMm).toBeGreaterThanOrEqual(8); // large type, white on black
      const codes = layout.elements.filter((e) => e.kind === 'code128').map((e) => e.data);
      expect(codes.sort()).toEqual(['J210039', 'SF1234567890123', 'SF1234567890123']);
    });

    it(`keeps every zone where it is when the routing data is missing (${size})`, () => {
      const full = standardWaybillLayout(sampleWaybill(), size);
      const bare = standardWaybillLayout(sampleWaybill({ routing: noRouting }), size);
      const at = (l: Layout, pred: (e: LayoutElement) => boolean) => l.elements.filter(pred).map((e) => [e.x, e.y]);
      expect(at(bare, (e) => e.kind === 'code128')).toEqual(at(full, (e) => e.kind === 'code128' && e.data !== 'J210039'));
      expect(at(bare, (e) => e.kind === 'line')).toEqual(at(full, (e) => e.kind === 'line'));
      expect(at(bare, (e) => e.kind === 'inverse' && e.text === '收')).toEqual(at(full, (e) => e.kind === 'inverse' && e.text === '收'));
      const bareText = texts(bare);
      for (const s of ['沪西', '342-081-00 052', '南京市内包', '集']) expect(bareText).not.toContain(s);
    });

    it(`masks the recipient for 隐私面单 on every part, never the sender (${size})`, () => {
      const all = texts(standardWaybillLayout(sampleWaybill({ privacy: true }), size));
      expect(all).toContain('张*');
      expect(all).toContain('138****5678');
      expect(all).toContain('文三路****');
      for (const s of ['张三', '13812345678', '478', '华星', '88886666']) expect(all).not.toContain(s);
      expect(all).toContain('小店旗舰店');
    });
  }

  it('gives the 100×180 二联单 a tear line and a stub with the number, the parties and the 签收区', () => {
    const layout = standardWaybillLayout(sampleWaybill(), '100x180');
    const dashes = layout.elements.filter((e) => e.kind === 'line' && e.y === 112);
    expect(dashes.length).toBeGreaterThan(20);
    const stub = layout.elements.filter((e) => e.y > 112);
    expect(stub.filter((e) => e.kind === 'code128').map((e) => e.kind === 'code128' && e.data)).toEqual(['SF1234567890123']);
    const stubText = stub.flatMap((e) => (e.kind === 'text' ? [e.text] : [])).join('\n');
    for (const s of ['收  张三', '寄  小店旗舰店', '已验视', '订单号']) expect(stubText).toContain(s);
    expect(texts(layout)).toContain('签收人:');
  });

  it('prints a 集包地 code Code128 cannot carry as text, and still prints the label', () => {
    const layout = standardWaybillLayout(sampleWaybill({ routing: { ...noRouting, hubCode: '集包Ｊ21', hubName: '南京' } }), '76x130');
    expect(layout.elements.filter((e) => e.kind === 'code128')).toHaveLength(2);
    expect(texts(layout)).toContain('集包Ｊ21');
  });

  it('never cuts the tracking number, it shrinks it', () => {
    const layout = standardWaybillLayout(sampleWaybill({ trackingNo: 'JT00012345678901234' }), '76x130');
    expect(texts(layout)).toContain('JT00012345678901234');
    expect(code128Modules('JT00012345678901234')).toBeGreaterThan(0);
  });
});

describe('waybillLayoutFor', () => {
  it("takes the providers' routing as it is (the two types are the same shape)", () => {
    const fromProvider: ProviderRouting = { sortCode: '342-081-00 052', routeCode: '沪西', hubCode: 'J210039', hubName: '南京市内包', originCode: null, destinationCode: '571' };
    const onLabel: WaybillRouting = fromProvider;
    const back: ProviderRouting = onLabel;
    expect(texts(waybillLayoutFor(sampleWaybill({ routing: back }), '76x130'))).toContain('沪西');
  });

  it('prints a pool number (no routing) exactly as before', () => {
    for (const size of ['76x130', '100x180', '100x150'] as const) {
      for (const routing of [null, undefined]) {
        const data = sampleWaybill({ routing });
        expect(waybillLayoutFor(data, size)).toEqual(buildWaybillLayout(data, size));
      }
    }
  });

  it('uses the standard template for a number issued with routing data on standard stock', () => {
    const data = sampleWaybill();
    expect(waybillLayoutFor(data, '76x130')).toEqual(standardWaybillLayout(data, '76x130'));
    expect(waybillLayoutFor(data, '100x180')).toEqual(standardWaybillLayout(data, '100x180'));
    // 100×150 stock has no standard template here: our layout, with the routing printed.
    expect(waybillLayoutFor(data, '100x150')).toEqual(buildWaybillLayout(data, '100x150'));
    expect(texts(waybillLayoutFor(data, '100x150'))).toContain('342-081-00 052');
  });
});

describe('the recipient address', () => {
  it('gets smaller type before it loses its end (the room number is what the courier needs)', () => {
    const detail = '卡拉苏街道亚欧路中哈霍尔果斯国际边境合作中心商贸区B区二号楼三单元1201室';
    const data = sampleWaybill({ recipient: { ...sampleWaybill().recipient, province: '新疆维吾尔自治区', city: '伊犁哈萨克自治州', district: '霍尔果斯市', detail } });
    for (const size of standardWaybillSizes) {
      const lines = standardWaybillLayout(data, size).elements.flatMap((e) => (e.kind === 'text' && e.y > 53 && e.y < 86 ? [e.text] : []));
      expect(lines.join('')).toContain('三单元1201室');
    }
  });
});
