import { PDFDocument, rgb, type PDFImage, type PDFPage } from 'pdf-lib';
import { embedPdfText, type PdfText } from '../labels/pdf-font-chain';
import { code128Bars } from '../labels/raster';

/** The 交接单 as text to lay out, every string already in the reader's language. */
export type HandoverSheet = {
  title: string;
  fields: [label: string, value: string][];
  parcels: { heading: string; items: { trackingNo: string; caption: string }[]; empty: string };
  /** Missing and kept back: numbers with a line each, no barcode (nobody scans them off this sheet). */
  lists: { heading: string; rows: string[] }[];
  signature: { heading: string; courier: string; image: Uint8Array | null; missing: string };
  /** The shop's 交接人: a line to sign by pen on the printed copy, their name under it. */
  handedBy: { heading: string; signHere: string; name: string };
  photos: { heading: string; items: { mime: string; bytes: Uint8Array }[] };
  footer: string;
};

const A4 = [595.28, 841.89] as const;
const MARGIN = 40;
const WIDTH = A4[0] - 2 * MARGIN;
const BOTTOM = MARGIN + 16;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.42, 0.42, 0.45);
const RULE = rgb(0.8, 0.8, 0.82);
/** Two barcodes a row: a Code128 of a 15-character number at 1 pt a module is ~160 pt wide with its quiet zones. */
const COLUMNS = 2;
const MODULE_PT = 1;
const BAR_HEIGHT = 30;
const CELL_HEIGHT = 62;
const QUIET_PT = 10;
const LAYOUT_CHARS = '0123456789/ ·…:.';

/**
 * One A4 PDF per handover: the facts, every handed-over number as real text with its Code128 drawn
 * as vector bars (a courier's scanner reads it off paper or a screen), the parcels kept back or
 * missing listed apart, then the courier's signature. Text is the labels' font chain subset to the
 * sheet's characters (as the damage evidence PDF does), so it stays searchable and copyable, and a
 * courier's 🚚 prints as itself.
 */
export async function renderHandoverPdf(sheet: HandoverSheet): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('Packdesk');
  doc.setCreator('Packdesk');
  doc.setTitle(sheet.title);
  const w = writer(doc, await embedPdfText(doc, textOf(sheet)));

  w.text(sheet.title, 18, INK, 8);
  for (const [label, value] of sheet.fields) w.field(label, value);
  w.heading(sheet.parcels.heading);
  if (sheet.parcels.items.length === 0) w.text(sheet.parcels.empty, 9.5, MUTED);
  w.barcodes(sheet.parcels.items);
  for (const list of sheet.lists) {
    w.heading(list.heading);
    for (const row of list.rows) w.text(row, 9.5);
  }
  // Both signatures on one page, under their headings (about 270 pt with a drawn one): a sheet signed across a page break reads as two.
  w.keep(sheet.signature.image ? 280 : 190);
  w.heading(sheet.signature.heading);
  const signature = sheet.signature.image ? await embed(doc, 'image/png', sheet.signature.image) : null;
  if (signature) w.image(signature, 220, 100);
  else w.text(sheet.signature.missing, 9.5, MUTED);
  w.text(sheet.signature.courier, 11, INK, 6);
  w.heading(sheet.handedBy.heading);
  w.signLine(sheet.handedBy.signHere);
  w.text(sheet.handedBy.name, 11, INK, 6);
  if (sheet.photos.items.length > 0) {
    w.heading(sheet.photos.heading);
    for (const photo of sheet.photos.items) {
      const image = await embed(doc, photo.mime, photo.bytes);
      if (image) w.image(image, WIDTH, 300);
    }
  }
  w.finish(sheet.footer);
  return doc.save();
}

function textOf(sheet: HandoverSheet): string {
  const parts = [sheet.title, sheet.footer, LAYOUT_CHARS, sheet.parcels.heading, sheet.parcels.empty, sheet.signature.heading, sheet.signature.courier];
  parts.push(sheet.signature.missing, sheet.photos.heading, ...sheet.fields.flat(), ...Object.values(sheet.handedBy));
  for (const p of sheet.parcels.items) parts.push(p.trackingNo, p.caption);
  for (const l of sheet.lists) parts.push(l.heading, ...l.rows);
  return [...new Set(parts.join(''))].join('');
}

async function embed(doc: PDFDocument, mime: string, bytes: Uint8Array): Promise<PDFImage | null> {
  try {
    const copy = new Uint8Array(bytes);
    if (mime === 'image/jpeg') return await doc.embedJpg(copy);
    if (mime === 'image/png') return await doc.embedPng(copy);
    return null;
  } catch {
    return null;
  }
}

/** A cursor down the pages: a block that does not fit starts a new page. */
function writer(doc: PDFDocument, font: PdfText) {
  const safe = font.clean;
  const widthOf = font.widthOf;
  const pages: PDFPage[] = [];
  let page: PDFPage | undefined;
  let y = 0;
  const newPage = () => {
    page = doc.addPage([...A4]);
    pages.push(page);
    y = A4[1] - MARGIN;
    return page;
  };
  const room = (h: number): PDFPage => (page === undefined || y - h < BOTTOM ? newPage() : page);
  const fit = (text: string, size: number, width: number) => {
    // By code point: an emoji is never cut in half.
    let s = Array.from(safe(text));
    while (s.length > 1 && widthOf(s.join(''), size) > width) s = [...s.slice(0, -2), '…'];
    return s.join('');
  };
  const wrap = (text: string, size: number, width: number): string[] => {
    const out: string[] = [];
    let line = '';
    for (const ch of safe(text)) {
      if (line !== '' && widthOf(line + ch, size) > width) {
        out.push(line);
        line = '';
      }
      line += ch;
    }
    out.push(line);
    return out;
  };
  const draw = (p: PDFPage, s: string, x: number, size: number, color = INK) => font.draw(p, s, { x, y: y - size, size, color });

  return {
    text(text: string, size: number, color = INK, gap = 2) {
      for (const line of wrap(text, size, WIDTH)) {
        draw(room(size * 1.4), line, MARGIN, size, color);
        y -= size * 1.4;
      }
      y -= gap;
    },
    /** Starts a new page unless `height` is left on this one: what follows stays together. */
    keep(height: number) {
      room(height);
    },
    /** A label and its value, the value wrapped (an address, the tally) rather than cut. */
    field(label: string, value: string) {
      const size = 10.5;
      const labelWidth = 130;
      const lines = wrap(value || '—', size, WIDTH - labelWidth);
      const p = room(size * 1.5 * lines.length);
      draw(p, fit(label, size, labelWidth - 8), MARGIN, size, MUTED);
      for (const line of lines) {
        draw(p, line, MARGIN + labelWidth, size);
        y -= size * 1.5;
      }
    },
    /** Room for a pen, ruled at its foot, with the label before it: signed on paper. */
    signLine(label: string) {
      const size = 10.5;
      const p = room(48);
      y -= 30;
      draw(p, fit(label, size, 80), MARGIN, size);
      p.drawLine({ start: { x: MARGIN + 60, y: y - size - 2 }, end: { x: MARGIN + 300, y: y - size - 2 }, thickness: 0.8, color: INK });
      y -= size + 12;
    },
    heading(text: string) {
      const p = room(44);
      y -= 10;
      draw(p, fit(text, 12.5, WIDTH), MARGIN, 12.5);
      y -= 12.5 * 1.3;
      p.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + WIDTH, y }, thickness: 0.6, color: RULE });
      y -= 8;
    },
    /** Numbered cells, two a row: the number and its order above, the bars below (with their quiet zones). */
    barcodes(items: { trackingNo: string; caption: string }[]) {
      const cellWidth = WIDTH / COLUMNS;
      for (let i = 0; i < items.length; i += COLUMNS) {
        const p = room(CELL_HEIGHT);
        items.slice(i, i + COLUMNS).forEach((item, col) => {
          const x = MARGIN + col * cellWidth;
          draw(p, fit(`${i + col + 1}. ${item.trackingNo}`, 10.5, cellWidth - 8), x, 10.5);
          font.draw(p, fit(item.caption, 8, cellWidth - 8), { x, y: y - 21, size: 8, color: MUTED });
          let bx = x + QUIET_PT;
          const top = y - 26;
          const bars = code128Bars(item.trackingNo);
          // A long number narrows its modules to stay inside its cell (and out of the next one's quiet zone).
          const total = bars.reduce((n, m) => n + m, 0);
          const unit = Math.min(MODULE_PT, (cellWidth - 3 * QUIET_PT) / total);
          bars.forEach((modules, k) => {
            // Even entries are bars, odd ones spaces.
            if (k % 2 === 0) p.drawRectangle({ x: bx, y: top - BAR_HEIGHT, width: modules * unit, height: BAR_HEIGHT, color: rgb(0, 0, 0) });
            bx += modules * unit;
          });
        });
        y -= CELL_HEIGHT;
      }
    },
    image(image: PDFImage, maxWidth: number, maxHeight: number) {
      const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1.5);
      const width = image.width * scale;
      const height = image.height * scale;
      const p = room(height + 6);
      p.drawRectangle({ x: MARGIN, y: y - height - 2, width: width + 4, height: height + 4, borderColor: RULE, borderWidth: 0.6 });
      p.drawImage(image, { x: MARGIN + 2, y: y - height, width, height });
      y -= height + 8;
    },
    finish(footer: string) {
      pages.forEach((p, i) => {
        font.draw(p, fit(`${footer} · ${i + 1}/${pages.length}`, 7.5, WIDTH), { x: MARGIN, y: MARGIN - 18, size: 7.5, color: MUTED });
      });
    },
  };
}
