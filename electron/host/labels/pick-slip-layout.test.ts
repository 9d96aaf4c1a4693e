import { describe, expect, it } from 'vitest';
import { labelSizes } from '#shared/contract/devices.contract';
import { decodeBarcodes } from '../../../test/helpers/barcode-decode';
import { samplePickSlip } from '../../../test/helpers/label-fixtures';
import { elementBounds, type Layout } from './label-layout';
import { buildPickList, buildPickSlipLayouts } from './pick-slip-layout';
import { renderPng } from './raster';

const texts = (layout: Layout) => layout.elements.flatMap((e) => (e.kind === 'text' || e.kind === 'inverse' ? [e.text] : [])).join('\n');
const codes = (layout: Layout) => layout.elements.flatMap((e) => (e.kind === 'code128' ? [e.data] : []));

function expectInside(layout: Layout) {
  for (const el of layout.elements) {
    const b = elementBounds(el);
    expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= layout.widthMm && b.y + b.h <= layout.heightMm, JSON.stringify(el)).toBe(true);
  }
}

describe('pick slips', () => {
  it('puts the order id barcode, the buyer message and the seller memo on the slip', async () => {
    const [page, ...rest] = buildPickSlipLayouts(samplePickSlip(3), '100x150');
    expect(rest).toEqual([]);
    expect(codes(page!)).toEqual(['3847562910384756291']);
    const all = texts(page!);
    for (const s of ['请发白色的，谢谢！', '加赠品 贴纸×1', '留言', '备注', 'SKU TS-WH-XL-0', 'A-00-00', '×2', '共 6 件 / 3 种']) expect(all).toContain(s);
    // Scanning the slip at the bench opens the order: the barcode must read back as the order id.
    expect(await decodeBarcodes(renderPng(page!, 203))).toContainEqual({ format: 'Code128', text: '3847562910384756291' });
  });

  it('speaks the station language, keeping the buyer\'s own words, and still fits the label', () => {
    for (const size of labelSizes) {
      const pages = buildPickSlipLayouts(samplePickSlip(3), size, 'en');
      const all = texts(pages[0]!);
      for (const s of ['Pick slip', 'Note', 'Memo', '请发白色的，谢谢！', '6 units / 3 SKUs']) expect(all).toContain(s);
      expect(all).not.toMatch(/拣货单|留言|共 6 件/);
      pages.forEach(expectInside);
    }
    const list = texts(buildPickList({ batchName: '', printedAt: '2024-05-01T06:03:00Z', orders: [{ orderId: '3847562910384756291', lines: samplePickSlip(2).lines }] }, '100x150', 'en')[0]!);
    expect(list).toContain('Batch pick list');
    expect(list).toContain('Order barcodes');
  });

  it('lists lines in shelf order', () => {
    const data = samplePickSlip(0);
    data.lines = [
      { skuCode: 'B', title: '乙', props: '', qty: 1, location: 'B-02' },
      { skuCode: 'X', title: '无库位', props: '', qty: 1, location: '' },
      { skuCode: 'A', title: '甲', props: '', qty: 1, location: 'A-10' },
      { skuCode: 'C', title: '丙', props: '', qty: 1, location: 'A-9' },
    ];
    const order = texts(buildPickSlipLayouts(data, '76x130')[0]!).split('\n').filter((t) => /^SKU /.test(t));
    expect(order).toEqual(['SKU C', 'SKU A', 'SKU B', 'SKU X']);
  });

  for (const size of labelSizes) {
    it(`runs a long order onto more ${size} pages, each with the order barcode and page n/m`, () => {
      const pages = buildPickSlipLayouts(samplePickSlip(40), size);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, i) => {
        expectInside(page);
        expect(codes(page)).toEqual(['3847562910384756291']);
        expect(texts(page)).toContain(`第${i + 1}/${pages.length}页`);
      });
      const skus = pages.flatMap((p) => texts(p).split('\n').filter((t) => t.startsWith('SKU ')));
      expect(new Set(skus).size).toBe(40);
    });
  }
});

describe('batch pick list', () => {
  const orders = Array.from({ length: 12 }, (_, i) => ({
    orderId: `38475629103847562${String(i).padStart(2, '0')}`,
    lines: samplePickSlip(4).lines.slice(i % 3, (i % 3) + 2),
  }));

  it('groups by SKU with total quantity, location and the orders that need it', () => {
    const pages = buildPickList({ batchName: '0512-A', printedAt: '2024-05-01T06:03:00Z', orders }, '100x150');
    const all = pages.map(texts).join('\n');
    expect(all).toContain('拣货汇总 0512-A');
    // TS-WH-XL-1 (qty 2) is in orders 0,1,3,4,6,7,9,10 → 8 orders × 2 = 16
    expect(all).toContain('×16');
    expect(all).toContain('订单 12   商品 4 种');
    expect(all).toContain('3847562910384756201×2');
  });

  for (const size of labelSizes) {
    it(`prints every order's barcode, readable, on ${size} pages`, async () => {
      const pages = buildPickList({ batchName: '', printedAt: '2024-05-01T06:03:00Z', orders }, size);
      pages.forEach(expectInside);
      expect(pages.flatMap(codes).sort()).toEqual(orders.map((o) => o.orderId).sort());
      const decoded = (await Promise.all(pages.map((p) => decodeBarcodes(renderPng(p, 203))))).flat().map((d) => d.text);
      expect(decoded.sort()).toEqual(orders.map((o) => o.orderId).sort());
    });
  }
});
