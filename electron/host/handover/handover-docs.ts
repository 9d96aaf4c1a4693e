import type { LabelSize } from '#shared/contract/devices.contract';
import type { HandoverDetail, HandoverParcel } from '#shared/contract/handover.contract';
import { formatBeijing } from '#shared/domain/datetime';
import { sayName, type NameSaid } from '#shared/domain/factory-names';
import { msg, type Message } from '#shared/i18n/message';
import { translatorFor } from '#shared/i18n/translator';
import { code128Element, wrapText, type Layout, type LayoutElement } from '../labels/label-layout';
import type { HandoverSheet } from './handover-pdf';

/** A stored picture's bytes, or null when it is not on this bench (yet). */
export type ReadPicture = (sha256: string) => { mime: string; bytes: Uint8Array } | null;
/** Who ships: the sender every label carries (settings), so the depot knows whose parcels these are. */
export type Shipper = { name: string; phone: string; address: string };

// The 交接单 is read by the courier and the depot, in China: Chinese whatever the bench's language (as the waybill).
const t = (m: Message) => translatorFor('zh-CN').t(m);
const at = (iso: string | null) => (iso ? formatBeijing(iso, { seconds: true }) : t(msg('handoverSheet.notClosed')));
// The courier's copy says which parcel, never why it stayed: a refund's amount or a double shipment is the shop's business.
const line = (p: HandoverParcel) => `${p.trackingNo} · ${t(msg('handoverSheet.order', { order: p.orderExternalId }))}`;
/** A signer's printed name under the line, with the time. */
const signer = (name: NameSaid | null, h: HandoverDetail) => `${name === null ? '—' : sayName(t, name)} · ${at(h.closedAt)}`;

/**
 * What the sheet says, before it is laid out on A4 or on labels: who ships, who took it, who handed
 * it over. Not which bench opened it ("本机" means nothing to a courier; the screens say it).
 */
function facts(h: HandoverDetail, sender: Shipper): [string, string][] {
  const c = h.counts;
  return [
    [t(msg('handoverSheet.carrier')), `${h.carrierName} (${h.carrierCode})`],
    [t(msg('handoverSheet.number')), h.number],
    [t(msg('handoverSheet.sender')), sender.name.trim() || '—'],
    [t(msg('handoverSheet.senderPhone')), sender.phone.trim() || '—'],
    [t(msg('handoverSheet.senderAddress')), sender.address.trim() || '—'],
    [t(msg('handoverSheet.openedAt')), at(h.openedAt)],
    [t(msg('handoverSheet.closedAt')), at(h.closedAt)],
    [t(msg('handoverSheet.count')), t(msg('handoverSheet.pieces', { count: c.accepted }))],
    [t(msg('handoverSheet.courier')), h.courierName ?? '—'],
    [t(msg('handoverSheet.handedBy')), h.closedBy === null ? '—' : sayName(t, h.closedBy)],
    [t(msg('handoverSheet.tallyLabel')), t(msg('handoverSheet.tally', { ...c }))],
  ];
}

/** The 交接单 as a PDF, named on the shop's clock. */
export async function handoverPdf(h: HandoverDetail, read: ReadPicture, sender: Shipper): Promise<{ fileName: string; bytes: Uint8Array }> {
  const signature = h.signatureHash ? read(h.signatureHash) : null;
  const sheet: HandoverSheet = {
    title: t(msg('handoverSheet.title')),
    fields: facts(h, sender),
    parcels: {
      heading: t(msg('handoverSheet.parcels', { count: h.accepted.length })),
      items: h.accepted.map((p) => ({ trackingNo: p.trackingNo, caption: t(msg('handoverSheet.order', { order: p.orderExternalId })) })),
      empty: t(msg('handoverSheet.none')),
    },
    lists: [
      ...(h.state === 'closed' || h.missing.length === 0 ? [{ heading: t(msg('handoverSheet.missing', { count: h.missing.length })), rows: h.missing.map(line) }] : []),
      // Kept back in the shop (still, if it was in an earlier pickup too): the depot sees its label was not collected.
      { heading: t(msg('handoverSheet.intercepted', { count: h.intercepted.length })), rows: h.intercepted.map(line) },
      // Mis-scans (an order number, another carrier's parcel) stay on the screens: the tally counts them.
    ].map((l) => (l.rows.length === 0 ? { ...l, rows: [t(msg('handoverSheet.none'))] } : l)),
    signature: {
      heading: t(msg('handoverSheet.signature')),
      courier: signer(h.courierName, h),
      image: signature?.mime === 'image/png' ? signature.bytes : null,
      missing: t(msg('handoverSheet.noSignature')),
    },
    handedBy: { heading: t(msg('handoverSheet.handedBySignature')), signHere: t(msg('handoverSheet.signHere')), name: signer(h.closedBy, h) },
    photos: { heading: t(msg('handoverSheet.photos')), items: h.photoHashes.map(read).filter((p): p is NonNullable<typeof p> => p !== null) },
    footer: t(msg('handoverSheet.footer', { id: h.id })),
  };
  return { fileName: t(msg('handoverSheet.fileName', { number: h.number })), bytes: await (await import('./handover-pdf')).renderHandoverPdf(sheet) };
}

const SIZES: Record<LabelSize, { w: number; h: number }> = { '100x150': { w: 100, h: 150 }, '76x130': { w: 76, h: 130 }, '100x180': { w: 100, h: 180 } };
const PAD = 3;
const TEXT = 3.2;
const SMALL = 2.6;
const LEADING = 1.2;
const BAR = 9;
/** A barcode with its printed number under it, and the gap to the next. */
const ROW = BAR + 3.5 + 2.5;
const SIGNATURE_MM = 30;
/** Room for a pen on the printed copy. */
const PEN_MM = 14;

/**
 * The 交接单 on the bench's label stock, page after page: the facts on the first, every number as a
 * Code128 the printer draws itself (sharp at its own resolution, on TSPL and ZPL alike), the parcels
 * kept back as lines, the courier's signature as dots and a line for the shop's 交接人 to sign on the
 * last page. It goes through the same layout model and printers as pick slips, so any printer that
 * prints a waybill prints it. Text wraps, never cut; a heading goes over with its first item.
 */
export function handoverLabels(h: HandoverDetail, size: LabelSize, signaturePng: Uint8Array | null, sender: Shipper): Layout[] {
  const { w, h: height } = SIZES[size];
  const cw = w - 2 * PAD;
  const bottom = height - PAD - TEXT - 1;
  const pages: LayoutElement[][] = [];
  let els: LayoutElement[] = [];
  let y = PAD;
  const newPage = () => {
    els = [];
    pages.push(els);
    y = PAD;
  };
  const need = (mm: number) => {
    if (y + mm > bottom) newPage();
  };
  const linesOf = (s: string, size: number) => wrapText(s, size, cw, 12).lines;
  const tall = (s: string, size = TEXT) => linesOf(s, size).length * (size + LEADING);
  /** One block, on one page: the tally or a reason split across two labels reads as two facts. */
  const text = (s: string, size = TEXT, bold = false) => {
    need(tall(s, size));
    for (const l of linesOf(s, size)) {
      els.push({ kind: 'text', x: PAD, y, heightMm: size, maxWidthMm: cw, text: l, bold });
      y += size + LEADING;
    }
  };
  /** A heading never ends a page: it goes with what comes first under it (`firstMm` tall). */
  const heading = (s: string, firstMm: number) => {
    need(tall(s) + firstMm);
    text(s, TEXT, true);
  };
  newPage();
  text(t(msg('handoverSheet.title')), 5, true);
  for (const [label, value] of facts(h, sender)) {
    if (label === t(msg('handoverSheet.number'))) continue; // the number is in the footer; the label is narrow
    text(t(msg('handoverSheet.labelLine', { label, value })));
  }
  els.push({ kind: 'line', x: PAD, y, w: cw, h: 0.3 });
  y += 1.5;
  h.accepted.forEach((p, i) => {
    need(ROW + SMALL + LEADING);
    text(`${i + 1}. ${t(msg('handoverSheet.order', { order: p.orderExternalId }))}`, SMALL);
    els.push(code128Element(msg('label.what.trackingNo'), p.trackingNo, { x: PAD, y, widthMm: cw, heightMm: BAR }, [0.375, 0.25, 0.125], true));
    y += ROW;
  });
  for (const [title, parcels] of [[msg('handoverSheet.missing', { count: h.missing.length }), h.missing], [msg('handoverSheet.intercepted', { count: h.intercepted.length }), h.intercepted]] as const) {
    if (parcels.length === 0 || (title.key === 'handoverSheet.missing' && h.state === 'open')) continue;
    heading(t(title), tall(line(parcels[0]!), SMALL));
    for (const p of parcels) text(line(p), SMALL);
  }
  const courier = signer(h.courierName, h);
  heading(t(msg('handoverSheet.signature')), (signaturePng ? SIGNATURE_MM + 1 : 0) + tall(courier));
  if (signaturePng) {
    els.push({ kind: 'image', x: PAD, y, w: cw, h: SIGNATURE_MM, pngBase64: Buffer.from(signaturePng).toString('base64') });
    y += SIGNATURE_MM + 1;
  }
  text(courier);
  // The shop's side: its 交接人 signs the printed copy by pen, on the line over their name.
  const handedBy = signer(h.closedBy, h);
  heading(t(msg('handoverSheet.handedBySignature')), PEN_MM + 1.5 + tall(handedBy));
  text(t(msg('handoverSheet.signHere')));
  y += PEN_MM - TEXT - LEADING;
  els.push({ kind: 'line', x: PAD, y, w: cw, h: 0.3 });
  y += 1.5;
  text(handedBy);
  return pages.map((elements, i) => ({
    widthMm: w, heightMm: height,
    elements: [...elements, { kind: 'text', x: PAD, y: height - PAD - SMALL, heightMm: SMALL, maxWidthMm: cw, text: `${h.number} · ${i + 1}/${pages.length}`, align: 'right' }],
  }));
}
