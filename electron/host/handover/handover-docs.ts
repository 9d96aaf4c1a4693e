import type { LabelSize } from '#shared/contract/devices.contract';
import type { HandoverDetail, HandoverParcel } from '#shared/contract/handover.contract';
import { formatBeijing } from '#shared/domain/datetime';
import { msg, type Message } from '#shared/i18n/message';
import { translatorFor } from '#shared/i18n/translator';
import { code128Element, fitText, type Layout, type LayoutElement } from '../labels/label-layout';
import type { HandoverSheet } from './handover-pdf';

/** A stored picture's bytes, or null when it is not on this bench (yet). */
export type ReadPicture = (sha256: string) => { mime: string; bytes: Uint8Array } | null;

// The 交接单 is read by the courier and the depot, in China: Chinese whatever the bench's language (as the waybill).
const t = (m: Message) => translatorFor('zh-CN').t(m);
const at = (iso: string | null) => (iso ? formatBeijing(iso, { seconds: true }) : t(msg('handoverSheet.notClosed')));
const line = (p: HandoverParcel) => `${p.trackingNo} · ${t(msg('handoverSheet.order', { order: p.orderExternalId }))}${p.reason ? ` · ${t(p.reason)}` : ''}`;

/** What the sheet says, before it is laid out on A4 or on labels. */
function facts(h: HandoverDetail, benchName: string): [string, string][] {
  const c = h.counts;
  return [
    [t(msg('handoverSheet.carrier')), `${h.carrierName} (${h.carrierCode})`],
    [t(msg('handoverSheet.number')), h.number],
    [t(msg('handoverSheet.openedAt')), at(h.openedAt)],
    [t(msg('handoverSheet.closedAt')), at(h.closedAt)],
    [t(msg('handoverSheet.bench')), benchName],
    [t(msg('handoverSheet.count')), t(msg('handoverSheet.pieces', { count: c.accepted }))],
    [t(msg('handoverSheet.courier')), h.courierName ?? '—'],
    [t(msg('handoverSheet.tallyLabel')), t(msg('handoverSheet.tally', { ...c }))],
  ];
}

const benchOf = (h: HandoverDetail) => (h.openedAtBench.thisBench ? t(msg('handoverSheet.thisBench')) : h.openedAtBench.name);

/** The 交接单 as a PDF, named on the shop's clock. */
export async function handoverPdf(h: HandoverDetail, read: ReadPicture): Promise<{ fileName: string; bytes: Uint8Array }> {
  const signature = h.signatureHash ? read(h.signatureHash) : null;
  const sheet: HandoverSheet = {
    title: t(msg('handoverSheet.title')),
    fields: facts(h, benchOf(h)),
    parcels: {
      heading: t(msg('handoverSheet.parcels', { count: h.accepted.length })),
      items: h.accepted.map((p) => ({ trackingNo: p.trackingNo, caption: t(msg('handoverSheet.order', { order: p.orderExternalId })) })),
      empty: t(msg('handoverSheet.none')),
    },
    lists: [
      ...(h.state === 'closed' || h.missing.length === 0 ? [{ heading: t(msg('handoverSheet.missing', { count: h.missing.length })), rows: h.missing.map(line) }] : []),
      { heading: t(msg('handoverSheet.intercepted', { count: h.intercepted.length })), rows: h.intercepted.map(line) },
      {
        heading: t(msg('handoverSheet.unexpected', { count: h.unexpected.length })),
        rows: h.unexpected.map((s) => `${s.code} · ${t(msg(`handover.outcomes.${s.outcome}`))}${s.detail ? ` · ${t(s.detail)}` : ''}`),
      },
    ].map((l) => (l.rows.length === 0 ? { ...l, rows: [t(msg('handoverSheet.none'))] } : l)),
    signature: {
      heading: t(msg('handoverSheet.signature')),
      courier: `${h.courierName ?? '—'} · ${at(h.closedAt)}`,
      image: signature?.mime === 'image/png' ? signature.bytes : null,
      missing: t(msg('handoverSheet.noSignature')),
    },
    photos: { heading: t(msg('handoverSheet.photos')), items: h.photoHashes.map(read).filter((p): p is NonNullable<typeof p> => p !== null) },
    footer: t(msg('handoverSheet.footer', { id: h.id })),
  };
  return { fileName: t(msg('handoverSheet.fileName', { number: h.number })), bytes: await (await import('./handover-pdf')).renderHandoverPdf(sheet) };
}

const SIZES: Record<LabelSize, { w: number; h: number }> = { '100x150': { w: 100, h: 150 }, '76x130': { w: 76, h: 130 }, '100x180': { w: 100, h: 180 } };
const PAD = 3;
const TEXT = 3.2;
const BAR = 9;
/** A barcode with its printed number under it, and the gap to the next. */
const ROW = BAR + 3.5 + 2.5;
const SIGNATURE_MM = 30;

/**
 * The 交接单 on the bench's label stock, page after page: the facts on the first, every number as a
 * Code128 the printer draws itself (sharp at its own resolution, on TSPL and ZPL alike), the parcels
 * kept back as lines, and the signature as dots on the last page. It goes through the same layout
 * model and printers as pick slips, so any printer that prints a waybill prints it.
 */
export function handoverLabels(h: HandoverDetail, size: LabelSize, signaturePng: Uint8Array | null): Layout[] {
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
  const text = (s: string, size = TEXT, bold = false) => {
    need(size + 1.2);
    els.push({ kind: 'text', x: PAD, y, heightMm: size, maxWidthMm: cw, text: fitText(s, size, cw), bold });
    y += size + 1.2;
  };
  newPage();
  text(t(msg('handoverSheet.title')), 5, true);
  for (const [label, value] of facts(h, benchOf(h))) {
    if (label === t(msg('handoverSheet.number'))) continue; // the number is in the footer; the label is narrow
    text(t(msg('handoverSheet.labelLine', { label, value })));
  }
  els.push({ kind: 'line', x: PAD, y, w: cw, h: 0.3 });
  y += 1.5;
  h.accepted.forEach((p, i) => {
    need(ROW + TEXT);
    text(`${i + 1}. ${t(msg('handoverSheet.order', { order: p.orderExternalId }))}`, 2.6);
    els.push(code128Element(msg('label.what.trackingNo'), p.trackingNo, { x: PAD, y, widthMm: cw, heightMm: BAR }, [0.375, 0.25, 0.125], true));
    y += ROW;
  });
  for (const [heading, parcels] of [[msg('handoverSheet.missing', { count: h.missing.length }), h.missing], [msg('handoverSheet.intercepted', { count: h.intercepted.length }), h.intercepted]] as const) {
    if (parcels.length === 0 || (heading.key === 'handoverSheet.missing' && h.state === 'open')) continue;
    text(t(heading), TEXT, true);
    for (const p of parcels) text(line(p), 2.6);
  }
  need(SIGNATURE_MM + 2 * TEXT + 3);
  text(t(msg('handoverSheet.signature')), TEXT, true);
  if (signaturePng) {
    els.push({ kind: 'image', x: PAD, y, w: cw, h: SIGNATURE_MM, pngBase64: Buffer.from(signaturePng).toString('base64') });
    y += SIGNATURE_MM + 1;
  }
  text(`${h.courierName ?? '—'} · ${at(h.closedAt)}`);
  return pages.map((elements, i) => ({
    widthMm: w, heightMm: height,
    elements: [...elements, { kind: 'text', x: PAD, y: height - PAD - 2.6, heightMm: 2.6, maxWidthMm: cw, text: `${h.number} · ${i + 1}/${pages.length}`, align: 'right' }],
  }));
}
