/* eslint-disable no-restricted-syntax -- data: the column names, status texts and units that Taobao, 千牛 and ERP exports write, matched as they are spelled. */
/**
 * Headers are matched by name, never by position: Taobao exports have had 41, 45, 54 and 56
 * columns, and several classic headers end in a space (china-formats §0, §1.8). Each canonical
 * field lists its header spellings in priority order; the first spelling is the Chinese name used
 * in error messages.
 */

export const orderHeaderAliases = {
  orderId: ['订单编号', '主订单编号', '订单号', '父订单编号'],
  subOrderId: ['子订单编号'],
  buyerNick: ['买家会员名', '买家昵称'],
  status: ['订单状态'],
  closeReason: ['订单关闭原因'],
  receiverName: ['收货人姓名', '收货人'],
  receiverAddr: ['收货地址', '收货人地址'],
  // Kept apart from receiverAddr: both columns exist in one file and the modified one wins when filled.
  receiverAddrModified: ['修改后的收货地址'],
  province: ['省', '省份', '收货省份', '所在省'],
  city: ['市', '城市', '收货城市', '所在市'],
  district: ['区', '区县', '收货区县', '所在区'],
  detail: ['详细地址', '街道地址', '收货详细地址'],
  zip: ['邮编', '邮政编码'],
  mobile: ['联系手机', '手机', '手机号', '收货人手机'],
  phone: ['联系电话', '电话', '固定电话'],
  createdAt: ['订单创建时间', '买家下单时间', '创建时间', '下单时间'],
  paidAt: ['订单付款时间', '买家付款时间', '付款时间'],
  shipDeadline: ['应发货时间', '最晚发货时间'],
  shippedAt: ['发货时间'],
  title: ['宝贝标题', '商品标题', '标题', '商品名称'],
  qty: ['宝贝总数量', '购买数量', '数量'],
  price: ['价格', '商品价格', '单价'],
  skuProps: ['商品属性', '商品属性SKU', '宝贝规格', '销售属性'],
  outerSku: ['商家编码', '外部系统编号', 'SKU编码'],
  // 外部系统编号 is the fallback for lines whose 商家编码 is blank.
  externalCode: ['外部系统编号'],
  paid: ['买家实际支付金额', '买家实付金额', '实付金额'],
  postage: ['买家应付邮费', '邮费', '运费'],
  trackingNo: ['物流单号', '运单号', '快递单号'],
  carrierName: ['物流公司', '快递公司'],
  sellerMemo: ['订单备注', '商家备注', '卖家备注'],
  buyerMessage: ['买家留言', '主订单买家留言'],
  refundStatus: ['退款状态', '售后状态'],
  refundAmount: ['退款金额'],
} as const satisfies Record<string, readonly string[]>;

export type OrderField = keyof typeof orderHeaderAliases;

/** Headers that only the classic 订单报表 (one row per order) and 宝贝报表 (one row per item) carry together. */
export const classicSignature = {
  order: { all: ['订单编号', '订单状态', '宝贝标题'], any: ['收货人姓名', '收货地址'] },
  detail: { all: ['订单编号', '标题', '购买数量'], none: ['收货人姓名'] },
} as const;

/** 退款状态 texts that mean no refund was ever asked for. */
export const noRefundTexts: ReadonlySet<string> = new Set(['', '没有申请退款']);

/** The unit some exports append to quantities: '2件'. */
export const qtyUnit = /件$/;
export type AliasTable = Readonly<Record<string, readonly string[]>>;

/** Trims ASCII and full-width spaces, a stray BOM and zero-width characters: '收货地址 ' → '收货地址'. */
export function normaliseHeader(text: string): string {
  return text.replace(/^[\s\u3000\uFEFF\u200B]+|[\s\u3000\uFEFF\u200B]+$/g, '');
}

/** Case- and spacing-insensitive key, so 'Weight_g', 'weight g' and 'WEIGHT-G' meet. */
function headerKey(text: string): string {
  return normaliseHeader(text).toLowerCase().replace(/[\s_\-（）()]+/g, (m) => (/[（(]/.test(m) ? '(' : /[）)]/.test(m) ? ')' : ''));
}

export type HeaderResolution<F extends string> = {
  /** Column index per field found in the file. */
  index: Partial<Record<F, number>>;
  /** Required fields with no matching column. */
  missing: F[];
  /** The Chinese names of the missing columns, for the error message. */
  missingLabels: string[];
};

/**
 * Maps each canonical field to the first column whose header matches one of its spellings, in
 * the spellings' priority order (so 商家编码 beats 外部系统编号 when a file has both).
 */
export function resolveHeaders<F extends string>(
  headerRow: readonly string[],
  aliases: Readonly<Record<F, readonly string[]>>,
  required: readonly F[] = [],
): HeaderResolution<F> {
  const positions = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const k = headerKey(h);
    if (k !== '' && !positions.has(k)) positions.set(k, i);
  });
  const index: Partial<Record<F, number>> = {};
  for (const field of Object.keys(aliases) as F[]) {
    for (const spelling of aliases[field]) {
      const at = positions.get(headerKey(spelling));
      if (at !== undefined) {
        index[field] = at;
        break;
      }
    }
  }
  const missing = required.filter((f) => index[f] === undefined);
  return { index, missing, missingLabels: missing.map((f) => aliases[f][0] ?? f) };
}

/** The Chinese column name of a field, for messages. */
export function fieldLabel<F extends string>(aliases: Readonly<Record<F, readonly string[]>>, field: F): string {
  return aliases[field][0] ?? field;
}

/** Finds one header by exact (normalised) text, for user-made column mappings. */
export function findHeader(headerRow: readonly string[], text: string): number {
  const want = headerKey(text);
  return headerRow.findIndex((h) => headerKey(h) === want);
}
