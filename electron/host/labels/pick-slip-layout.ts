import type { LabelSize } from '#shared/contract/devices.contract';
import type { Language } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import type { PickLine, PickListData, PickSlipData } from './label-data';
import {
  code128Element,
  fitHeight,
  fitText,
  HRI_BAND_MM,
  wrapText,
  type Layout,
  type LayoutElement,
} from './label-layout';
import { labelText, type LabelText } from './label-text';
import { beijingTime } from './waybill-layout';

/**
 * Pick slips (one order, its barcode on every page so scanning any page opens the order at the
 * bench) and batch pick lists (grouped by SKU in shelf order, with each order's barcode at the
 * end). Both print on the station's label stock and run onto further pages when long, in the
 * station's language (the buyer's own words stay as written).
 */

const SIZES: Record<LabelSize, { w: number; h: number }> = {
  '100x150': { w: 100, h: 150 },
  '76x130': { w: 76, h: 130 },
  '100x180': { w: 100, h: 180 },
};
const BORDER = 1;
const PAD = 2;
const TEXT = 3.5;
const SMALL = 3;

/** A page being filled top to bottom; `fits` tells a section whether it needs a new page. */
class Pages {
  readonly pages: LayoutElement[][] = [];
  y = 0;
  readonly x0 = BORDER + PAD;
  readonly cw: number;
  readonly bottom: number;
  constructor(
    readonly w: number,
    readonly h: number,
    readonly t: LabelText,
    private readonly header: (p: Pages) => void,
  ) {
    this.cw = w - 2 * this.x0;
    this.bottom = h - BORDER - PAD;
    this.newPage();
  }
  get els(): LayoutElement[] {
    return this.pages[this.pages.length - 1] as LayoutElement[];
  }
  newPage(): void {
    this.pages.push([{ kind: 'box', x: BORDER, y: BORDER, w: this.w - 2 * BORDER, h: this.h - 2 * BORDER, thickness: 0.25 }]);
    this.y = BORDER + 1.5;
    this.header(this);
  }
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }
  text(x: number, y: number, h: number, maxW: number, s: string, extra: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}): void {
    this.els.push({ kind: 'text', x, y, heightMm: h, maxWidthMm: maxW, text: fitText(s, h, maxW), ...extra });
  }
  code(x: number, y: number, h: number, maxW: number, s: string, extra: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}): void {
    const fh = fitHeight(s, h, maxW);
    this.els.push({ kind: 'text', x, y: y + (h - fh) / 2, heightMm: fh, maxWidthMm: maxW, text: s, ...extra });
  }
  rule(thin = false): void {
    this.els.push({ kind: 'line', x: BORDER, y: this.y, w: this.w - 2 * BORDER, h: thin ? 0.15 : 0.25 });
  }
  /** The page count is known only at the end, so "n/m" is stamped on afterwards. */
  layouts(pageLabelY: number): Layout[] {
    const total = this.pages.length;
    return this.pages.map((elements, i) => {
      if (total > 1) {
        elements.push({ kind: 'text', x: this.x0 + this.cw * 0.6, y: pageLabelY, heightMm: SMALL, maxWidthMm: this.cw * 0.4, text: this.t(msg('labelText.page', { page: i + 1, pages: total })), align: 'right', bold: true });
      }
      return { widthMm: this.w, heightMm: this.h, elements };
    });
  }
}

/** Pick slip for one order, on as many pages as its lines need. */
export function buildPickSlipLayouts(data: PickSlipData, size: LabelSize, lang: Language = 'zh-CN'): Layout[] {
  const { w, h } = SIZES[size];
  const t = labelText(lang);
  const orderId = data.orderId.trim();
  const p = new Pages(w, h, t, (pg) => {
    pg.text(pg.x0, pg.y, 6, pg.cw * 0.6, t(msg(pg.pages.length > 1 ? 'labelText.pickSlipMore' : 'labelText.pickSlip')), { bold: true });
    pg.text(pg.x0 + pg.cw * 0.6, pg.y, 2.5, pg.cw * 0.4, beijingTime(data.printedAt), { align: 'right' });
    pg.y += 7.5;
    pg.rule();
    pg.y += 1.5;
    pg.els.push(code128Element(msg('label.what.orderId'), orderId, { x: pg.x0, y: pg.y, widthMm: pg.cw, heightMm: w > 90 ? 12 : 10 }, [0.375, 0.25, 0.125], false));
    pg.y += (w > 90 ? 12 : 10) + 1;
    pg.code(pg.x0, pg.y, 4, pg.cw, t(msg('labelText.order', { id: orderId })), { bold: true, align: 'center' });
    pg.y += 5.5;
    pg.rule();
    pg.y += 1.5;
  });

  if (data.buyerNick.trim()) {
    p.text(p.x0, p.y, TEXT, p.cw, t(msg('labelText.buyer', { nick: data.buyerNick.trim() })));
    p.y += TEXT * 1.3;
  }
  for (const [tag, note] of [[t(msg('labelText.buyerMessageTag')), data.buyerMessage], [t(msg('labelText.sellerMemoTag')), data.sellerMemo]] as const) {
    const clean = note.replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    // Buyer messages and memos change what gets packed ("发白色", "加赠品"): tagged and bold.
    const tagW = TEXT * 2 + 2;
    const lines = wrapText(clean, TEXT, p.cw - tagW - 1.5, 4).lines;
    p.ensure(lines.length * TEXT * 1.3 + 1);
    p.els.push({ kind: 'inverse', x: p.x0, y: p.y - 0.5, w: tagW, h: TEXT + 1, text: tag, heightMm: TEXT * 0.85, align: 'center' });
    for (const line of lines) {
      p.text(p.x0 + tagW + 1.5, p.y, TEXT, p.cw - tagW - 1.5, line, { bold: true });
      p.y += TEXT * 1.3;
    }
    p.y += 1;
  }
  p.rule();
  p.y += 1.5;

  const lines = [...data.lines].sort(byLocation);
  for (const line of lines) itemRow(p, line.location, line.skuCode, `${line.title} ${line.props}`, line.qty);

  const units = lines.reduce((n, l) => n + l.qty, 0);
  p.ensure(6);
  p.text(p.x0, p.bottom - 4.5, 4, p.cw, t(msg('labelText.slipTotal', { units, kinds: lines.length })), { bold: true, align: 'right' });
  return p.layouts(BORDER + 1.5 + 3.5);
}

/** Batch pick list: one row per SKU in shelf order with the orders that need it, then every order's barcode. */
export function buildPickList(data: PickListData, size: LabelSize = '100x150', lang: Language = 'zh-CN'): Layout[] {
  const { w, h } = SIZES[size];
  const t = labelText(lang);
  const p = new Pages(w, h, t, (pg) => {
    pg.text(pg.x0, pg.y, 6, pg.cw * 0.6, [t(msg('labelText.pickList')), data.batchName.trim()].filter(Boolean).join(' '), { bold: true });
    pg.text(pg.x0 + pg.cw * 0.6, pg.y, 2.5, pg.cw * 0.4, beijingTime(data.printedAt), { align: 'right' });
    pg.y += 7.5;
    pg.rule();
    pg.y += 1.5;
  });

  const groups = groupBySku(data.orders);
  const units = groups.reduce((n, g) => n + g.qty, 0);
  p.text(p.x0, p.y, TEXT, p.cw, t(msg('labelText.listTotals', { orders: data.orders.length, kinds: groups.length, units })), { bold: true });
  p.y += TEXT + 1.5;
  p.rule();
  p.y += 1.5;

  for (const g of groups) {
    itemRow(p, g.location, g.skuCode, g.title, g.qty);
    const who = g.orders.map((o) => `${o.orderId}×${o.qty}`).join('  ');
    const wrapped = wrapText(who, SMALL, p.cw, 3);
    const lines = wrapped.truncated ? [...wrapText(who, SMALL, p.cw, 2).lines, t(msg('labelText.orderCount', { count: g.orders.length }))] : wrapped.lines;
    p.ensure(lines.length * SMALL * 1.25);
    for (const line of lines) {
      p.text(p.x0, p.y, SMALL, p.cw, line);
      p.y += SMALL * 1.25;
    }
    p.y += 0.5;
    p.rule(true);
    p.y += 1.5;
  }

  // Every order's barcode, so the packer can open any order from the list.
  const cellW = 46;
  const cols = Math.max(1, Math.floor((p.cw + 2) / (cellW + 2)));
  const colW = (p.cw - (cols - 1) * 2) / cols;
  const rowH = 8 + HRI_BAND_MM + 2;
  p.ensure(TEXT + 1.5 + rowH); // the heading never sits alone at the foot of a page
  p.text(p.x0, p.y, TEXT, p.cw, t(msg('labelText.orderBarcodes')), { bold: true });
  p.y += TEXT + 1.5;
  data.orders.forEach((order, i) => {
    const col = i % cols;
    if (col === 0) p.ensure(rowH);
    p.els.push(code128Element(msg('label.what.orderId'), order.orderId.trim(), { x: p.x0 + col * (colW + 2), y: p.y, widthMm: colW, heightMm: 8 }, [0.25, 0.125], true));
    if (col === cols - 1 || i === data.orders.length - 1) p.y += rowH;
  });
  return p.layouts(BORDER + 1.5 + 3.5);
}

/** Location | title and SKU | quantity; more than one unit goes white-on-black so it is not under-picked. */
function itemRow(p: Pages, location: string, skuCode: string, title: string, qty: number): void {
  const locW = p.w > 90 ? 20 : 15;
  const qtyW = 13;
  const midX = p.x0 + locW + 1.5;
  const midW = p.cw - locW - qtyW - 3;
  const titleLines = wrapText(title.replace(/\s+/g, ' ').trim() || '—', TEXT, midW, 2).lines;
  const rowH = Math.max(titleLines.length * TEXT * 1.25 + SMALL + 0.5, 8);
  p.ensure(rowH + 1);
  const top = p.y;
  p.code(p.x0, top, TEXT + 0.5, locW, location.trim() || '—', { bold: true });
  titleLines.forEach((line, i) => p.text(midX, top + i * TEXT * 1.25, TEXT, midW, line));
  p.code(midX, top + titleLines.length * TEXT * 1.25 + 0.3, SMALL, midW, skuCode.trim() ? `SKU ${skuCode.trim()}` : '');
  const q = `×${qty}`;
  if (qty > 1) {
    p.els.push({ kind: 'inverse', x: p.x0 + p.cw - qtyW, y: top, w: qtyW, h: 7.5, text: q, heightMm: fitHeight(q, 5.5, qtyW - 1.5), align: 'center' });
  } else {
    p.code(p.x0 + p.cw - qtyW, top + 1, 5.5, qtyW, q, { bold: true, align: 'center' });
  }
  p.y = top + rowH + 0.5;
}

type SkuGroup = { key: string; skuCode: string; title: string; location: string; qty: number; orders: Array<{ orderId: string; qty: number }> };

function groupBySku(orders: PickListData['orders']): SkuGroup[] {
  const groups = new Map<string, SkuGroup>();
  for (const order of orders) {
    for (const line of order.lines) {
      // Lines without a SKU code (unbound listings) are grouped by what the picker sees.
      const key = line.skuCode.trim() || `${line.title}|${line.props}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, skuCode: line.skuCode.trim(), title: `${line.title} ${line.props}`.trim(), location: line.location, qty: 0, orders: [] };
        groups.set(key, g);
      }
      g.qty += line.qty;
      if (!g.location && line.location) g.location = line.location;
      const existing = g.orders.find((o) => o.orderId === order.orderId);
      if (existing) existing.qty += line.qty;
      else g.orders.push({ orderId: order.orderId, qty: line.qty });
    }
  }
  return [...groups.values()].sort(byLocation);
}

/** Shelf order: located items first, by location then SKU, so the picker walks the aisles once. */
function byLocation(a: Pick<PickLine, 'location' | 'skuCode'>, b: Pick<PickLine, 'location' | 'skuCode'>): number {
  const la = a.location.trim();
  const lb = b.location.trim();
  if (!la !== !lb) return la ? -1 : 1;
  return la.localeCompare(lb, 'en', { numeric: true }) || a.skuCode.localeCompare(b.skuCode, 'en', { numeric: true });
}
