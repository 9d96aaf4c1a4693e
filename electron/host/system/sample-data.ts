/* eslint-disable no-restricted-syntax -- the bundled sample files' names and the sample shop's sender are data (a Chinese shop, as the samples are) */

/** The bundled samples, by the start of their file names in resources/samples. */
export const SAMPLE_FILES = {
  catalog: '商品资料',
  pool: '圆通单号池',
  orders: 'ExportOrderList',
  details: 'ExportOrderDetailList',
} as const;

/** The sender printed on sample waybills until the shop enters its own. */
export const SAMPLE_SENDER = { name: '示例小店', phone: '0571-88886666', address: '浙江省杭州市余杭区文一西路969号' } as const;

/** Units of each sample SKU on the shelf when the samples load (a SKU that already has stock movements keeps its count). */
export const SAMPLE_OPENING_STOCK = 100;
