/**
 * Canonical order fields a "any CSV" column mapping can fill, in editor order. They mirror the
 * host's import field names (electron/host/orders/import/header-aliases.ts); the contract types
 * `columns` as a free record, so the list lives here until it moves to shared/contract.
 */
export const mappingFields = [
  'orderId',
  'subOrderId',
  'status',
  'buyerNick',
  'receiverName',
  'mobile',
  'phone',
  'province',
  'city',
  'district',
  'detail',
  'receiverAddr',
  'zip',
  'title',
  'skuProps',
  'outerSku',
  'qty',
  'price',
  'paid',
  'postage',
  'createdAt',
  'paidAt',
  'shipDeadline',
  'buyerMessage',
  'sellerMemo',
  'carrierName',
  'trackingNo',
  'refundStatus',
] as const;
export type MappingField = (typeof mappingFields)[number];

/** Fields a mapping cannot do without. */
export const requiredMappingFields: readonly MappingField[] = ['orderId', 'receiverName', 'title', 'qty'];

/** Splits a CSV header line (quotes honoured) into column names. */
export function parseHeaderLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line.charAt(i + 1) === '"') {
        cur += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\t') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.filter((h) => h !== '');
}

/** Reads the header row of a CSV's first bytes, trying UTF-8 then GBK (Taobao exports are GBK). */
export function decodeHeaderRow(bytes: Uint8Array): string[] {
  const nl = bytes.indexOf(0x0a);
  const head = nl >= 0 ? bytes.subarray(0, nl) : bytes;
  let text = new TextDecoder('utf-8').decode(head);
  if (text.includes('\uFFFD')) {
    try {
      text = new TextDecoder('gbk').decode(head);
    } catch {
      // this runtime has no GBK decoder: keep the UTF-8 reading
    }
  }
  return parseHeaderLine(text.replace(/^\uFEFF/, '').replace(/\r$/, ''));
}
