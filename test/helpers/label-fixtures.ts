import type { PickSlipData, WaybillLabelData } from '../../electron/host/labels/label-data';

/** A realistic waybill: SF number, full routing, a long Hangzhou address, four items, two parcels. */
export function sampleWaybill(overrides: Partial<WaybillLabelData> = {}): WaybillLabelData {
  return {
    trackingNo: 'SF1234567890123',
    carrierCode: 'SF',
    carrierName: '顺丰速运',
    routing: { sortCode: '342-081-00 052', routeCode: '沪西', hubCode: 'J210039', hubName: '南京市内包', originCode: null, destinationCode: null },
    buyerMessage: '请发顺丰，周末不在家放快递柜',
    recipient: {
      name: '张三',
      mobile: '13812345678',
      phone: '0571-88886666',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路478号华星时代广场A座1201室（前台代收）',
    },
    sender: { name: '小店旗舰店', phone: '0571-12345678', address: '浙江省杭州市余杭区仓前街道梦想小镇5号仓' },
    itemSummary: 'T恤 白 XL ×2; 袜子 ×1; 帆布包 米色 ×1; 鸭舌帽 黑 ×3',
    orderId: '3847562910384756291',
    parcelNo: 1,
    parcelCount: 2,
    weightG: 1250,
    printedAt: '2024-05-01T06:03:00Z',
    privacy: false,
    ...overrides,
  };
}

export function samplePickSlip(lineCount = 3, overrides: Partial<PickSlipData> = {}): PickSlipData {
  return {
    orderId: '3847562910384756291',
    buyerNick: 'tb_小明',
    buyerMessage: '请发白色的，谢谢！',
    sellerMemo: '加赠品 贴纸×1',
    lines: Array.from({ length: lineCount }, (_, i) => ({
      skuCode: `TS-WH-XL-${i}`,
      title: i % 2 ? '纯棉圆领短袖T恤 男女同款' : '棉袜',
      props: '颜色:白;尺码:XL',
      qty: (i % 3) + 1,
      location: `A-0${i % 4}-${String(i).padStart(2, '0')}`,
    })),
    printedAt: '2024-05-01T06:03:00Z',
    ...overrides,
  };
}
