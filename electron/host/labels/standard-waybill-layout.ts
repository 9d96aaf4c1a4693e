import type { LabelSize } from '#shared/contract/devices.contract';
import { msg } from '#shared/i18n/message';
import type { WaybillLabelData } from './label-data';
import { courierText as T } from './label-text';
import { code128Element, fitHeight, fitText, wrapText, type Code128Element, type Layout, type LayoutElement } from './label-layout';
import { beijingTime, buildWaybillLayout, clean, contactLine, defaultMasker, formatKg, summariseItems, type PrivacyMasker } from './waybill-layout';

/**
 * The standard e-waybill templates (标准电子面单) for numbers issued with routing data: the 76×130
 * 一联单 and the 100×180 二联单, with the zones of GB/T 41833 (码号区, 目的地信息区, 收件人/寄件人信息区,
 * 内件信息区, 签收区) where the carriers' own templates put them (china-formats §4.3). Unlike our
 * flowing layout, every zone sits at a fixed place: sorters and scanning tunnels look for the
 * barcode and the 大头笔 at the same spot on every parcel, so a missing field leaves its zone blank.
 */

export const standardWaybillSizes = ['76x130', '100x180'] as const satisfies readonly LabelSize[];
export type StandardWaybillSize = (typeof standardWaybillSizes)[number];
export const isStandardWaybillSize = (size: LabelSize): size is StandardWaybillSize => (standardWaybillSizes as readonly string[]).includes(size);

export type ZoneName = 'header' | 'code' | 'destination' | 'hub' | 'recipient' | 'sender' | 'code2' | 'sign' | 'stubCode' | 'stubParties' | 'custom';
export type Zone = { name: ZoneName; top: number; bottom: number };

type Spec = {
  W: number; H: number; x0: number;
  zones: Zone[];
  text: { carrier: number; number: number; route: number; sort: number; hub: number; marker: number; recipient: number; address: number; sender: number; custom: number };
  barH: number; hubBarH: number;
};

const z = (name: ZoneName, top: number, bottom: number): Zone => ({ name, top, bottom });

// Zone edges in mm from the top of the label; the 76×130 ones follow the measured carrier template.
const SPECS: Record<StandardWaybillSize, Spec> = {
  '76x130': {
    W: 76, H: 130, x0: 2.5,
    zones: [z('header', 1, 11), z('code', 11, 27.5), z('destination', 27.5, 42.5), z('hub', 42.5, 53), z('recipient', 53, 73.5), z('sender', 73.5, 86), z('code2', 86, 99), z('custom', 99, 129)],
    text: { carrier: 6, number: 4, route: 8, sort: 4.5, hub: 3.5, marker: 6, recipient: 4.5, address: 3.5, sender: 3, custom: 3 },
    barH: 9.5, hubBarH: 5.5,
  },
  '100x180': {
    W: 100, H: 180, x0: 3.5,
    zones: [
      z('header', 1, 13), z('code', 13, 33), z('destination', 33, 50.5), z('hub', 50.5, 62), z('recipient', 62, 86), z('sender', 86, 99.5), z('sign', 99.5, 111),
      z('stubCode', 113, 126.5), z('stubParties', 126.5, 142), z('custom', 142, 179),
    ],
    text: { carrier: 6, number: 4.5, route: 9, sort: 5, hub: 4, marker: 8, recipient: 6, address: 4, sender: 3, custom: 3 },
    barH: 12, hubBarH: 6.5,
  },
};

/** Where the 二联单 is torn: the first part (派件联) stays on the parcel, the stub (收件联) goes to the receiver. */
const TEAR_Y = 112;
const BORDER = 1;
const RULE = 0.25;
const MAIN_MODULES_MM = [0.375, 0.25, 0.125];
const SMALL_MODULES_MM = [0.25, 0.125];
const STAMP = { w: 14, h: 6, text: 3.5 };

/**
 * The layout a parcel's waybill gets: the standard template when its number came with routing data
 * (a provider's 取号) and the stock is a standard size; otherwise (pool numbers, 100×150 stock) our
 * own layout as before, which still prints whatever routing it is given.
 */
export function waybillLayoutFor(data: WaybillLabelData, size: LabelSize): Layout {
  return data.routing && isStandardWaybillSize(size) ? standardWaybillLayout(data, size) : buildWaybillLayout(data, size);
}

export function standardWaybillZones(size: StandardWaybillSize): Zone[] {
  return SPECS[size].zones.map((zone) => ({ ...zone }));
}

type Align = 'left' | 'center' | 'right';

export function standardWaybillLayout(data: WaybillLabelData, size: StandardWaybillSize, options: { mask?: PrivacyMasker } = {}): Layout {
  const spec = SPECS[size];
  const { W, H, x0, text: t } = spec;
  const cw = W - 2 * x0;
  const mask = options.mask ?? defaultMasker;
  const zone = (name: ZoneName) => spec.zones.find((z) => z.name === name) as Zone;
  const els: LayoutElement[] = [{ kind: 'box', x: BORDER, y: BORDER, w: W - 2 * BORDER, h: H - 2 * BORDER, thickness: RULE }];
  const rule = (y: number) => els.push({ kind: 'line', x: BORDER, y, w: W - 2 * BORDER, h: RULE });
  const text = (x: number, y: number, h: number, maxW: number, s: string, extra: { bold?: boolean; align?: Align } = {}) => {
    if (s) els.push({ kind: 'text', x, y, heightMm: h, maxWidthMm: maxW, text: fitText(s, h, maxW), ...extra });
  };
  // Codes and numbers shrink to fit (a cut code is a wrong code) and stay centred in their line.
  const code = (x: number, y: number, h: number, maxW: number, s: string, extra: { bold?: boolean; align?: Align } = {}) => {
    const fh = fitHeight(s, h, maxW);
    if (s) els.push({ kind: 'text', x, y: y + (h - fh) / 2, heightMm: fh, maxWidthMm: maxW, text: s, ...extra });
  };
  const marker = (key: 'recipientMark' | 'senderMark' | 'hubMark', y: number, m: number) =>
    els.push({ kind: 'inverse', x: x0, y, w: m, h: m, text: T(msg(`labelText.${key}`)), heightMm: m * 0.75, align: 'center' });
  for (const z of spec.zones.slice(1)) if (z.top !== TEAR_Y + 1) rule(z.top);

  const r = data.routing ?? null;
  const rc = data.recipient;
  const masked = {
    name: data.privacy ? mask.name(rc.name) : rc.name,
    mobile: data.privacy ? mask.mobile(rc.mobile) : rc.mobile,
    phone: data.privacy ? mask.mobile(rc.phone) : rc.phone,
    // Masked only with routing from 取号 (the carrier holds the whole address), as on our own layout.
    address: [rc.province, rc.city, rc.district, data.privacy && data.routing ? mask.addressDetail(rc.detail) : rc.detail].map(clean).filter(Boolean).join(' '),
  };
  const parcel = T(msg('labelText.parcel', { n: data.parcelNo, count: data.parcelCount }));

  // 码号区 header: carrier, print time, parcel n/m (子母件).
  let y = zone('header').top + 1.5;
  text(x0, y, t.carrier, cw * 0.6, clean(data.carrierName), { bold: true });
  text(x0 + cw * 0.6, y, 2.5, cw * 0.4, beijingTime(data.printedAt), { align: 'right' });
  text(x0 + cw * 0.6, y + 3.5, 3, cw * 0.4, parcel, { align: 'right', bold: true });
  // The 二联单 has no second barcode row, so its weight goes in the header.
  if (size === '100x180' && data.weightG != null && data.weightG > 0) text(x0 + cw * 0.6, y + 7, 3, cw * 0.4, T(msg('labelText.weight', { kg: formatKg(data.weightG) })), { align: 'right', bold: true });

  // 码号区: the main Code128 across the whole width (its quiet zones need it) and the number under it.
  y = zone('code').top + 1.5;
  els.push(code128Element(msg('label.what.trackingNo'), data.trackingNo, { x: x0, y, widthMm: cw, heightMm: spec.barH }, MAIN_MODULES_MM, false));
  code(x0, y + spec.barH + 0.75, t.number, cw, data.trackingNo, { bold: true, align: 'center' });

  // 目的地信息区: 大头笔 white on black for the sorter at arm's length, the 三段码 large below it.
  y = zone('destination').top + 0.75;
  const route = clean(r?.routeCode);
  const blockH = t.route + 1;
  if (route) els.push({ kind: 'inverse', x: x0, y, w: cw, h: blockH, text: route, heightMm: fitHeight(route, t.route, cw - t.route * 0.3 - 1), align: 'center' });
  code(x0, y + blockH + 0.5, t.sort, cw, clean(r?.sortCode), { bold: true, align: 'center' });

  // 集包地: "集" mark and name on the left, its code as a Code128 on the right (china-formats §4.4).
  const hub = zone('hub');
  const hubName = clean(r?.hubName);
  const hubCode = clean(r?.hubCode);
  const split = cw * 0.46;
  if (hubName || hubCode) {
    const m = t.hub + 1.5;
    marker('hubMark', hub.top + 1, m);
    const hx = x0 + m + 1.5;
    const lines = wrapText(hubName || hubCode, t.hub, split - m - 2, 2).lines;
    lines.forEach((line, i) => text(hx, hub.top + 1 + i * t.hub * 1.2, t.hub, split - m - 2, line, { bold: true }));
  }
  const hubBar = hubCode ? hubBarcode(hubCode, { x: x0 + split, y: hub.top + 1, widthMm: cw - split, heightMm: spec.hubBarH }) : null;
  if (hubBar) els.push(hubBar);
  else if (hubCode) code(x0 + split, hub.top + 1, t.hub, cw - split, hubCode, { bold: true, align: 'center' });

  // 收件人信息区 (masked for 隐私面单; never before 取号, carriers refuse masked input).
  const rz = zone('recipient');
  y = rz.top + 1.5;
  marker('recipientMark', y, t.marker);
  const bx = x0 + t.marker + 2;
  const bw = x0 + cw - bx;
  code(bx, y, t.recipient, bw, contactLine(masked.name, masked.mobile, masked.phone, t.recipient, bw), { bold: true });
  y += t.recipient + 1;
  const address = fitAddress(masked.address, t.address, bw, rz.bottom - y);
  for (const line of address.lines) {
    text(bx, y, address.h, bw, line);
    y += address.h * 1.25;
  }

  // 寄件人信息区.
  const sz = zone('sender');
  y = sz.top + 1.25;
  const sm = t.marker * 0.75;
  marker('senderMark', y, sm);
  const sx = x0 + sm + 2;
  const sw = x0 + cw - sx;
  code(sx, y, t.sender, sw, contactLine(clean(data.sender.name), clean(data.sender.phone), '', t.sender, sw));
  y += t.sender * 1.3;
  for (const line of wrapText(clean(data.sender.address), t.sender, sw, linesIn(sz.bottom - y, t.sender * 1.3)).lines) {
    text(sx, y, t.sender, sw, line);
    y += t.sender * 1.3;
  }

  if (size === '76x130') {
    // The counter's handheld reads the second barcode; weight beside it.
    y = zone('code2').top + 1.5;
    els.push(code128Element(msg('label.what.trackingNo'), data.trackingNo, { x: x0, y, widthMm: cw * 0.66, heightMm: 7 }, SMALL_MODULES_MM, true));
    if (data.weightG != null && data.weightG > 0) text(x0 + cw * 0.66 + 1, y + 2, 3.5, cw * 0.34 - 1, T(msg('labelText.weight', { kg: formatKg(data.weightG) })), { bold: true, align: 'right' });
  } else {
    // 签收区 on the part that stays with the courier, then the tear line and the receiver's stub.
    const sign = zone('sign');
    text(x0, sign.top + 2, 3.5, cw * 0.5, T(msg('labelText.signedBy')));
    text(x0 + cw * 0.5, sign.top + 2, 3.5, cw * 0.5, T(msg('labelText.signedAt')));
    for (let x = BORDER; x < W - BORDER; x += 3) els.push({ kind: 'line', x, y: TEAR_Y, w: Math.min(1.5, W - BORDER - x), h: RULE });
    const sc = zone('stubCode');
    els.push(code128Element(msg('label.what.trackingNo'), data.trackingNo, { x: x0, y: sc.top + 1, widthMm: cw * 0.62, heightMm: 8 }, SMALL_MODULES_MM, true));
    text(x0 + cw * 0.62 + 1, sc.top + 1.5, 4.5, cw * 0.38 - 1, clean(data.carrierName), { bold: true, align: 'right' });
    text(x0 + cw * 0.62 + 1, sc.top + 7, 3, cw * 0.38 - 1, parcel, { align: 'right' });
    const pz = zone('stubParties');
    y = pz.top + 1.25;
    code(x0, y, 3.5, cw, `${T(msg('labelText.recipientMark'))}  ${contactLine(masked.name, masked.mobile, masked.phone, 3.5, cw - 7)}`, { bold: true });
    text(x0, y + 4, 3, cw, masked.address);
    code(x0, y + 8, 3, cw, `${T(msg('labelText.senderMark'))}  ${contactLine(clean(data.sender.name), clean(data.sender.phone), '', 3, cw - 6)}`);
  }

  // 内件信息区 / custom area: order id beside the "已验视" stamp, then the items, then the buyer's message.
  const cz = zone('custom');
  y = cz.top + 1.5;
  const stampX = x0 + cw - STAMP.w;
  els.push({ kind: 'box', x: stampX, y, w: STAMP.w, h: STAMP.h, thickness: 0.4 });
  code(stampX, y + (STAMP.h - STAMP.text) / 2, STAMP.text, STAMP.w, T(msg('labelText.inspected')), { bold: true, align: 'center' });
  code(x0, y + (STAMP.h - t.custom) / 2, t.custom, cw - STAMP.w - 2, T(msg('labelText.orderNo', { id: data.orderId })));
  y += STAMP.h + 1;
  const step = t.custom * 1.3;
  const room = linesIn(cz.bottom - 0.5 - y, step);
  const message = clean(data.buyerMessage) ? T(msg('labelText.buyerMessage', { text: clean(data.buyerMessage) })) : '';
  const messageLines = message ? wrapText(message, t.custom, cw, Math.min(size === '76x130' ? 2 : 3, Math.max(1, room - 1))).lines : [];
  const itemLines = summariseItems(T(msg('labelText.items', { items: clean(data.itemSummary) || '—' })), t.custom, cw, Math.max(1, room - messageLines.length));
  for (const line of [...itemLines, ...messageLines].slice(0, room)) {
    text(x0, y, t.custom, cw, line);
    y += step;
  }
  return { widthMm: W, heightMm: H, elements: els };
}

/**
 * The recipient's address at the largest size (down to 3 mm, what TSPL's 24-dot font prints at
 * 203 dpi) at which all of it fits its zone: the courier delivers to the end of it, so a long
 * address gets smaller type before it loses its room number. Only past 3 mm is it cut.
 */
function fitAddress(address: string, h: number, maxW: number, room: number): { h: number; lines: string[] } {
  for (let size = h; size >= 3; size -= 0.5) {
    const wrapped = wrapText(address, size, maxW, linesIn(room, size * 1.25));
    if (!wrapped.truncated) return { h: size, lines: wrapped.lines };
  }
  return { h: 3, lines: wrapText(address, 3, maxW, linesIn(room, 3 * 1.25)).lines };
}

/** How many lines of `step` fit in `height` (never negative). */
function linesIn(height: number, step: number): number {
  return Math.max(0, Math.floor((height + 1e-9) / step));
}

/**
 * The 集包地 code as a Code128 with its number under it. A code Code128 cannot carry or that is too
 * long for the column prints as text instead: the label still goes out, the sorter reads the name.
 */
function hubBarcode(code: string, box: { x: number; y: number; widthMm: number; heightMm: number }): Code128Element | null {
  try {
    return code128Element(msg('label.what.hubCode'), code, box, SMALL_MODULES_MM, true);
  } catch {
    return null;
  }
}
