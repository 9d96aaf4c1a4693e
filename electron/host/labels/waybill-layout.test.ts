import { describe, expect, it } from 'vitest';
import { labelSizes } from '#shared/contract/devices.contract';
import { AppError } from '#shared/contract/errors';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import { code128Modules, elementBounds, QUIET_ZONE_MODULES, type Layout, type TextElement } from './label-layout';
import { beijingTime, buildWaybillLayout, defaultMasker } from './waybill-layout';

const texts = (layout: Layout) =>
  layout.elements.flatMap((e) => (e.kind === 'text' || e.kind === 'inverse' ? [e.text] : [])).join('\n');

const variants = {
  full: sampleWaybill(),
  private: sampleWaybill({ privacy: true }),
  'no routing, no weight': sampleWaybill({ routing: undefined, weightG: null }),
  'long everything': sampleWaybill({
    trackingNo: 'JT00012345678901234',
    carrierName: '极兔速递 J&T Express 标准快递',
    recipient: {
      name: '欧阳娜娜娜娜',
      mobile: '13812345678-1234',
      phone: '010-12345678',
      province: '新疆维吾尔自治区',
      city: '伊犁哈萨克自治州',
      district: '霍尔果斯市',
      detail: '卡拉苏街道亚欧路中哈霍尔果斯国际边境合作中心商贸区B区二号楼三单元一千二百零一号房间 请放快递柜',
    },
    itemSummary: Array.from({ length: 30 }, (_, i) => `商品${i} 超长的规格名称 ×${i + 1}`).join('; '),
  }),
};

describe('buildWaybillLayout', () => {
  for (const size of labelSizes) {
    for (const [name, data] of Object.entries(variants)) {
      it(`keeps every element inside the ${size} label (${name})`, () => {
        const layout = buildWaybillLayout(data, size);
        expect(`${layout.widthMm}x${layout.heightMm}`).toBe(size);
        for (const el of layout.elements) {
          const b = elementBounds(el);
          expect(b.x, JSON.stringify(el)).toBeGreaterThanOrEqual(0);
          expect(b.y, JSON.stringify(el)).toBeGreaterThanOrEqual(0);
          expect(b.x + b.w, JSON.stringify(el)).toBeLessThanOrEqual(layout.widthMm);
          expect(b.y + b.h, JSON.stringify(el)).toBeLessThanOrEqual(layout.heightMm);
        }
      });
    }

    it(`gives both ${size} barcodes ≥ ${QUIET_ZONE_MODULES} modules of quiet zone, nothing beside them`, () => {
      const layout = buildWaybillLayout(sampleWaybill(), size);
      const codes = layout.elements.filter((e) => e.kind === 'code128');
      expect(codes.map((c) => c.data)).toEqual(['SF1234567890123', 'SF1234567890123']);
      for (const code of codes) {
        expect((code128Modules(code.data) + 2 * QUIET_ZONE_MODULES) * code.moduleMm).toBeLessThanOrEqual(code.widthMm);
        const band = elementBounds(code);
        const intruders = layout.elements.filter((e) => {
          if (e === code || e.kind === 'box' || e.kind === 'line') return false;
          const b = elementBounds(e);
          return b.y < band.y + code.heightMm && b.y + b.h > band.y && b.x < band.x + band.w && b.x + b.w > band.x;
        });
        expect(intruders).toEqual([]);
      }
    });
  }

  it('prints the routing code, 集包地, order id, parcel n/m, weight and the items', () => {
    const all = texts(buildWaybillLayout(sampleWaybill(), '100x150'));
    for (const s of ['顺丰速运', '342-081-00 052', '沪西', '南京市内包 J210039', '订单号 3847562910384756291', '包裹 1/2', '重量 1.25kg', 'T恤 白 XL ×2', 'SF1234567890123', '2024-05-01 14:03']) {
      expect(all).toContain(s);
    }
  });

  it('masks the recipient for 隐私面单 but keeps 省市区 and leaves the sender alone', () => {
    const all = texts(buildWaybillLayout(sampleWaybill({ privacy: true }), '76x130'));
    expect(all).toContain('张*');
    expect(all).toContain('138****5678');
    expect(all).toContain('浙江省 杭州市 西湖区 文三路****');
    expect(all).not.toContain('张三');
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('478');
    expect(all).not.toContain('华星');
    expect(all).not.toContain('88886666');
    expect(all).toContain('小店旗舰店');
    const plain = texts(buildWaybillLayout(sampleWaybill(), '76x130'));
    expect(plain).toContain('张三');
    expect(plain).toContain('文三路');
  });

  it('prints the whole street on a pool number even for 隐私面单: the courier has no other copy of the address', () => {
    const all = texts(buildWaybillLayout(sampleWaybill({ privacy: true, routing: null }), '76x130'));
    expect(all).toContain('张*');
    expect(all).toContain('138****5678');
    expect(all).toContain('文三路478号');
  });

  it('uses an injected masker (the shared privacy rules) when given one', () => {
    const mask = { name: () => 'NAME', mobile: () => 'PHONE', addressDetail: () => 'ADDR' };
    const all = texts(buildWaybillLayout(sampleWaybill({ privacy: true }), '100x150', { mask }));
    expect(all).toContain('NAME  PHONE');
    expect(all).toContain('ADDR');
  });

  it('masks with the shared privacy rules by default', () => {
    expect(defaultMasker.name('王小明')).toBe('王**');
    expect(defaultMasker.mobile('13112341907')).toBe('131****1907');
    expect(defaultMasker.mobile('13812345678-1234')).toBe('138****5678-1234'); // the courier needs the extension
    expect(defaultMasker.addressDetail('文三路478号')).toBe('文三路****');
  });

  it('keeps whole items and says how many there were when the list is too long', () => {
    const layout = buildWaybillLayout(variants['long everything'], '76x130');
    const items = layout.elements.filter((e): e is TextElement => e.kind === 'text' && /商品|等/.test(e.text));
    const last = items[items.length - 1]?.text ?? '';
    expect(last).toMatch(/等30项$/);
  });

  it('never cuts the tracking number or the routing code, it shrinks them', () => {
    const layout = buildWaybillLayout(sampleWaybill({ routing: { sortCode: '342-081-00 052 A1', routeCode: '华东分拨中心', hubCode: null, hubName: null, originCode: null, destinationCode: null } }), '76x130');
    const all = texts(layout);
    expect(all).toContain('342-081-00 052 A1');
    expect(all).toContain('SF1234567890123');
  });

  it('refuses a tracking number Code128 cannot carry', () => {
    for (const trackingNo of ['SF12345６', '']) {
      const attempt = () => buildWaybillLayout(sampleWaybill({ trackingNo }), '100x150');
      expect(attempt).toThrow(AppError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it('prints times in Beijing time', () => {
    expect(beijingTime('2024-12-31T17:30:00Z')).toBe('2025-01-01 01:30');
  });
});

describe('contact lines', () => {
  it('never cuts a phone number, not even a long virtual number', () => {
    const layout = buildWaybillLayout(variants['long everything'], '76x130');
    expect(texts(layout)).toContain('13812345678-1234');
    const sender = buildWaybillLayout(sampleWaybill({ sender: { name: '一个名字特别特别特别特别长的旗舰店', phone: '0571-12345678', address: '' } }), '76x130');
    expect(texts(sender)).toContain('0571-12345678');
  });
});
