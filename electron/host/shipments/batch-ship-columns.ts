/* eslint-disable no-restricted-syntax -- the platform's 批量发货 upload names its columns in Chinese: data its uploader matches, whatever the UI language */

/** The 批量发货 upload's columns (china-formats §2.1), plus 子订单编号 for split shipments. */
export const BATCH_SHIP_HEADER = ['订单编号', '物流公司', '运单号'] as const;
export const BATCH_SHIP_SUB_ORDER_COLUMN = '子订单编号';
/** The sheet of the XLSX twin and the start of the file name, as the platform calls the upload. */
export const BATCH_SHIP_FILE_NAME = '批量发货';

/** What the 批量发货 uploader takes as an order (or sub-order) number: Taobao's are all digits. */
export const PLATFORM_ORDER_ID = /^\d{6,24}$/;
