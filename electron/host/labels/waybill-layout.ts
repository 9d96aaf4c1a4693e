import type { LabelSize } from '#shared/contract/devices.contract';
import { maskAddressDetail, maskMobile, maskName } from '#shared/domain/privacy';
import { formatBeijing } from '#shared/domain/datetime';
import { msg } from '#shared/i18n/message';
import type { WaybillLabelData, WaybillRouting } from './label-data';
import { courierText as T } from './label-text';
import {
  code128Element,
  estimateTextWidthMm,
  fitHeight,
  fitText,
  HRI_BAND_MM,
  printable,
  wrapText,
  type Layout,
  type LayoutElement,
} from './label-layout';

/**
 * The waybill (电子面单) in the zone order of the 76×130 carrier templates (china-formats §4.3):
 * header, main barcode, routing (三段码/大头笔, 集包地), recipient, sender, secondary barcode,
 * then order and contents. Zones flow top to bottom, so a label without routing data spends
 * the space on the item list instead of an empty box. Its words are Chinese in every UI language
 * (see courierText).
 */

/** How 隐私面单 masks the recipient; injectable so a shop-specific rule can replace the shared one. */
export type PrivacyMasker = {
  name(name: string): string;
  mobile(mobile: string): string;
  addressDetail(detail: string): string;
};

export type WaybillLayoutOptions = { mask?: PrivacyMasker };

type SizeSpec = {
  widthMm: number;
  heightMm: number;
  pad: number;
  carrier: number;
  number: number;
  barH: number;
  routing: number;
  hub: number;
  marker: number;
  recipient: number;
  address: number;
  sender: number;
  item: number;
};

// Text heights are chosen so TSPL's 24-dot TSS24.BF2 font scales to them by whole multiples
// (6 mm = ×2 at 203 dpi) instead of overflowing into the next line.
const WIDE = { pad: 2.5, carrier: 6, number: 4.5, routing: 9, hub: 4, marker: 8, recipient: 6, address: 4, sender: 3, item: 3 };
const NARROW = { pad: 2, carrier: 6, number: 4, routing: 8, hub: 3.5, marker: 6, recipient: 4.5, address: 3.5, sender: 3, item: 3 };

const SPECS: Record<LabelSize, SizeSpec> = {
  '100x150': { widthMm: 100, heightMm: 150, barH: 14, ...WIDE },
  '76x130': { widthMm: 76, heightMm: 130, barH: 11, ...NARROW },
  '100x180': { widthMm: 100, heightMm: 180, barH: 16, ...WIDE },
};

const BORDER = 1;
const RULE = 0.25;
const MAIN_MODULES_MM = [0.375, 0.25, 0.125];
const SMALL_MODULES_MM = [0.25, 0.125];

export function buildWaybillLayout(data: WaybillLabelData, size: LabelSize, options: WaybillLayoutOptions = {}): Layout {
  const spec = SPECS[size];
  const mask = options.mask ?? defaultMasker;
  const { widthMm: W, heightMm: H, pad } = spec;
  const x0 = BORDER + pad;
  const cw = W - 2 * x0;
  const els: LayoutElement[] = [{ kind: 'box', x: BORDER, y: BORDER, w: W - 2 * BORDER, h: H - 2 * BORDER, thickness: RULE }];
  const rule = (y: number) => els.push({ kind: 'line', x: BORDER, y, w: W - 2 * BORDER, h: RULE });
  const text = (x: number, y: number, h: number, maxW: number, s: string, extra: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}) =>
    els.push({ kind: 'text', x, y, heightMm: h, maxWidthMm: maxW, text: fitText(s, h, maxW), ...extra });
  // Codes shrink to fit and stay vertically centred in the line they were given.
  const code = (x: number, y: number, h: number, maxW: number, s: string, extra: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}) => {
    const fh = fitHeight(s, h, maxW);
    els.push({ kind: 'text', x, y: y + (h - fh) / 2, heightMm: fh, maxWidthMm: maxW, text: s, ...extra });
  };

  // 1. Header: carrier, print time, parcel n/m.
  let y = BORDER + 1.5;
  text(x0, y, spec.carrier, cw * 0.62, data.carrierName, { bold: true });
  text(x0 + cw * 0.62, y, 2.5, cw * 0.38, beijingTime(data.printedAt), { align: 'right' });
  text(x0 + cw * 0.62, y + 3.5, 3, cw * 0.38, T(msg('labelText.parcel', { n: data.parcelNo, count: data.parcelCount })), { align: 'right', bold: true });
  y += spec.carrier + 1.5;
  rule(y);

  // 2. Main barcode with its number; the box spans the whole width so quiet zones stay clear.
  y += 1.5;
  els.push(code128Element(msg('label.what.trackingNo'), data.trackingNo, { x: x0, y, widthMm: cw, heightMm: spec.barH }, MAIN_MODULES_MM, false));
  y += spec.barH + 1;
  code(x0, y, spec.number, cw, data.trackingNo, { bold: true, align: 'center' });
  y += spec.number + 1.5;
  rule(y);

  // 3. Routing: the code sorters read goes white-on-black, 集包地 below it.
  // 三段码 (sortCode) in the black block, 大头笔 (routeCode) beside it; either alone takes the block.
  const r: Partial<WaybillRouting> = data.routing ?? {};
  const primary = clean(r.sortCode) || clean(r.routeCode);
  const secondary = clean(r.sortCode) ? clean(r.routeCode) : '';
  if (primary) {
    const bh = spec.routing + 2.5;
    const bw = secondary ? cw * 0.64 : cw;
    const ph = fitHeight(primary, spec.routing, bw - spec.routing * 0.3);
    els.push({ kind: 'inverse', x: x0, y: y + 1, w: bw, h: bh, text: primary, heightMm: ph, align: 'center' });
    if (secondary) code(x0 + bw + 1.5, y + 1 + 1.25, spec.routing, cw - bw - 1.5, secondary, { bold: true, align: 'center' });
    y += bh + 2;
  }
  const hub = [clean(r.hubName), clean(r.hubCode)].filter(Boolean).join(' ');
  if (hub) {
    const m = spec.hub + 1.5;
    els.push({ kind: 'inverse', x: x0, y: y + 0.5, w: m, h: m, text: T(msg('labelText.hubMark')), heightMm: spec.hub, align: 'center' });
    text(x0 + m + 1.5, y + 1.25, spec.hub, cw - m - 1.5, hub, { bold: true });
    y += m + 1;
  }
  if (primary || hub) rule(y);

  // 4. Recipient (收), masked for 隐私面单 (never before 取号: carriers refuse masked input). The
  // street is masked only on a number fetched at 取号 (it has routing): the carrier holds the whole
  // address then; a pool number's courier has only this label to find the door.
  const rc = data.recipient;
  const name = data.privacy ? mask.name(rc.name) : rc.name;
  const mobile = data.privacy ? mask.mobile(rc.mobile) : rc.mobile;
  const phone = data.privacy ? mask.mobile(rc.phone) : rc.phone;
  const detail = data.privacy && data.routing ? mask.addressDetail(rc.detail) : rc.detail;
  y += 1.5;
  const recipientTop = y;
  const bx = x0 + spec.marker + 2;
  const bw = x0 + cw - bx;
  els.push({ kind: 'inverse', x: x0, y, w: spec.marker, h: spec.marker, text: T(msg('labelText.recipientMark')), heightMm: spec.marker * 0.75, align: 'center' });
  code(bx, y, spec.recipient, bw, contactLine(name, mobile, phone, spec.recipient, bw), { bold: true });
  y += spec.recipient + 1;
  const address = [rc.province, rc.city, rc.district, detail].map(clean).filter(Boolean).join(' ');
  for (const line of wrapText(address, spec.address, bw, 3).lines) {
    text(bx, y, spec.address, bw, line);
    y += spec.address * 1.25;
  }
  y = Math.max(y, recipientTop + spec.marker) + 1;
  rule(y);

  // 5. Sender (寄).
  y += 1.5;
  const senderTop = y;
  const sm = spec.marker * 0.75;
  els.push({ kind: 'inverse', x: x0, y, w: sm, h: sm, text: T(msg('labelText.senderMark')), heightMm: sm * 0.75, align: 'center' });
  const sx = x0 + sm + 2;
  const sw = x0 + cw - sx;
  code(sx, y, spec.sender, sw, contactLine(clean(data.sender.name), clean(data.sender.phone), '', spec.sender, sw));
  y += spec.sender * 1.3;
  for (const line of wrapText(clean(data.sender.address), spec.sender, sw, 2).lines) {
    text(sx, y, spec.sender, sw, line);
    y += spec.sender * 1.3;
  }
  y = Math.max(y, senderTop + sm) + 1;
  rule(y);

  // 6. Secondary barcode (for the courier's handheld at the counter) with weight beside it.
  y += 1.5;
  els.push(code128Element(msg('label.what.trackingNo'), data.trackingNo, { x: x0, y, widthMm: cw * 0.62, heightMm: 7 }, SMALL_MODULES_MM, true));
  if (data.weightG != null && data.weightG > 0) {
    text(x0 + cw * 0.62 + 1, y + 2, 4, cw * 0.38 - 1, T(msg('labelText.weight', { kg: formatKg(data.weightG) })), { bold: true, align: 'right' });
  }
  y += 7 + HRI_BAND_MM + 1.5;
  rule(y);

  // 7. Order id and contents take whatever height is left.
  y += 1.5;
  code(x0, y, spec.item, cw, T(msg('labelText.orderNo', { id: data.orderId })));
  y += spec.item * 1.4;
  const bottom = H - BORDER - 1.5;
  const maxLines = Math.max(1, Math.floor((bottom - y - spec.item * 1.2) / (spec.item * 1.3)));
  const items = summariseItems(T(msg('labelText.items', { items: clean(data.itemSummary) || '—' })), spec.item, cw, maxLines);
  for (const line of items) {
    text(x0, y, spec.item, cw, line);
    y += spec.item * 1.3;
  }
  return { widthMm: W, heightMm: H, elements: els };
}

/**
 * Name and numbers on one line. A number is never cut (the courier has to dial it, and a virtual
 * number's extension is part of it): the second number is dropped when both do not fit, a long
 * name is cut, and the caller shrinks whatever is still too wide.
 */
export function contactLine(name: string, mobile: string, phone: string, h: number, maxW: number): string {
  const numbers = [mobile, phone !== mobile ? phone : ''].map(clean).filter(Boolean);
  const full = [clean(name), ...numbers].join('  ');
  if (estimateTextWidthMm(full, h) <= maxW) return full;
  const first = numbers.slice(0, 1);
  const room = maxW - estimateTextWidthMm(`  ${first.join('')}`, h);
  return [fitText(clean(name), h, Math.max(room, maxW * 0.3)), ...first].join('  ');
}

/** Keeps whole items ("T恤 白 XL ×2") and says how many there were rather than cutting one in half. */
export function summariseItems(summary: string, h: number, maxW: number, maxLines: number): string[] {
  const whole = wrapText(summary, h, maxW, maxLines);
  if (!whole.truncated) return whole.lines;
  const items = summary.split(/;\s*/).filter(Boolean);
  for (let keep = items.length - 1; keep >= 1; keep--) {
    const candidate = T(msg('labelText.itemsMore', { items: items.slice(0, keep).join('; '), count: items.length }));
    const wrapped = wrapText(candidate, h, maxW, maxLines);
    if (!wrapped.truncated) return wrapped.lines;
  }
  return whole.lines;
}

export function clean(s: string | null | undefined): string {
  return printable(s ?? '').replace(/\s+/g, ' ').trim();
}

export function formatKg(grams: number): string {
  return `${(grams / 1000).toFixed(3).replace(/\.?0+$/, '')}kg`;
}

/** Beijing time (UTC+8, no DST) as "YYYY-MM-DD HH:mm"; the label is read in China. */
export function beijingTime(iso: string): string {
  return formatBeijing(iso) || iso.slice(0, 16);
}

/**
 * 隐私面单 masking from the shared privacy rules (王**, 138****5678, street kept and house numbers
 * hidden), the same masks the screens use. A virtual number keeps its extension.
 */
export const defaultMasker: PrivacyMasker = { name: maskName, mobile: maskMobile, addressDetail: maskAddressDetail };
