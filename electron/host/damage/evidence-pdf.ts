import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, rgb, type PDFImage, type PDFPage } from 'pdf-lib';
import { embedPdfText, type PdfText } from '../labels/pdf-font-chain';

/** The evidence pack as text to lay out: every string already in the carrier's language. */
export type EvidenceSheet = {
  title: string;
  /** Facts as label/value pairs under a heading (the report, the parcels, the claim). */
  sections: { heading: string; rows: [label: string, value: string][] }[];
  scanLog: { heading: string; columns: string[]; rows: string[][]; empty: string };
  photos: { heading: string; items: EvidencePhoto[] };
  footer: string;
};
/** A photo full size, or (not on this bench yet, unreadable) the line that says so instead. */
export type EvidencePhoto = { caption: string; image: { mime: string; bytes: Uint8Array } | null; missing: string };

const A4 = [595.28, 841.89] as const;
const MARGIN = 42;
const WIDTH = A4[0] - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.42, 0.42, 0.45);
const RULE = rgb(0.8, 0.8, 0.82);
/** Relative widths of the scan log's columns: time, packer, code, outcome, SKU × units. */
const LOG_COLUMNS = [0.22, 0.15, 0.3, 0.15, 0.18];
/** Where text stops: the footer sits below. */
const BOTTOM = MARGIN + 14;

/** Characters the layout adds itself: page numbers, the ellipsis of a cut cell. */
const LAYOUT_CHARS = '0123456789/ ·…:';

/**
 * One A4 PDF a carrier's claims desk can read: real text (searchable, copyable) in the labels' font
 * chain, embedded as subsets of just the characters it holds (pdf-font-chain.ts); the facts, the scan
 * log as a table repeated over pages, then each photo on a page of its own, scaled to fit. A character
 * no bundled font has is left out, never a box or a code.
 */
export async function renderEvidencePdf(sheet: EvidenceSheet): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('Packdesk');
  doc.setCreator('Packdesk');
  doc.setTitle(sheet.title);
  const w = writer(doc, await embedPdfText(doc, textOf(sheet)), sheet.footer);

  w.text(sheet.title, 18, { gap: 10 });
  for (const section of sheet.sections) {
    w.heading(section.heading);
    for (const [label, value] of section.rows) w.field(label, value);
  }

  w.heading(sheet.scanLog.heading);
  if (sheet.scanLog.rows.length === 0) w.text(sheet.scanLog.empty, 9, { color: MUTED });
  else w.table(sheet.scanLog.columns, sheet.scanLog.rows);

  w.heading(sheet.photos.heading);
  const shown: { caption: string; image: PDFImage }[] = [];
  for (const photo of sheet.photos.items) {
    const image = photo.image && (await embedImage(doc, photo.image));
    if (image) shown.push({ caption: photo.caption, image });
    else w.text(`${photo.caption}: ${photo.missing}`, 9.5, { color: MUTED });
  }
  for (const { caption, image } of shown) w.photo(caption, image);
  w.finish();
  return doc.save();
}

/** Every character the sheet will draw. */
function textOf(sheet: EvidenceSheet): string {
  const parts = [sheet.title, sheet.footer, LAYOUT_CHARS, sheet.scanLog.heading, sheet.scanLog.empty, sheet.photos.heading, ...sheet.scanLog.columns];
  for (const s of sheet.sections) parts.push(s.heading, ...s.rows.flat());
  for (const row of sheet.scanLog.rows) parts.push(...row);
  for (const p of sheet.photos.items) parts.push(p.caption, p.missing);
  return [...new Set(parts.join(''))].join('');
}

/** A cursor over pages: text flows down and onto a new page when the page is full. */
function writer(doc: PDFDocument, font: PdfText, footer: string) {
  const safe = font.clean;
  const widthOf = font.widthOf;
  let page: PDFPage | undefined;
  let y = 0;
  const pages: PDFPage[] = [];
  const newPage = (): PDFPage => {
    const added = doc.addPage([...A4]);
    pages.push(added);
    page = added;
    y = A4[1] - MARGIN;
    return added;
  };
  /** The page to draw the next `h` points on: this one, or a new one when it is full. */
  const room = (h: number): PDFPage => (page === undefined || y - h < BOTTOM ? newPage() : page);
  /** Breaks a text into lines no wider than `width` (by character: Chinese has no spaces to break at). */
  const wrap = (text: string, size: number, width: number): string[] => {
    const out: string[] = [];
    for (const para of text.split(/\r?\n/)) {
      let line = '';
      for (const ch of safe(para)) {
        if (line !== '' && widthOf(line + ch, size) > width) {
          out.push(line);
          line = '';
        }
        line += ch;
      }
      out.push(line);
    }
    return out;
  };
  const fit = (text: string, size: number, width: number) => {
    // By code point: an emoji is never cut in half.
    let s = Array.from(safe(text));
    while (s.length > 1 && widthOf(s.join(''), size) > width) s = [...s.slice(0, -2), '…'];
    return s.join('');
  };
  const draw = (p: PDFPage, s: string, x: number, size: number, color = INK) => font.draw(p, s, { x, y: y - size, size, color });

  return {
    text(text: string, size: number, opts: { color?: ReturnType<typeof rgb>; gap?: number } = {}) {
      for (const line of wrap(text, size, WIDTH)) {
        draw(room(size * 1.4), line, MARGIN, size, opts.color);
        y -= size * 1.4;
      }
      y -= opts.gap ?? 2;
    },
    heading(text: string) {
      const p = room(40);
      y -= 8;
      draw(p, safe(text), MARGIN, 12.5);
      y -= 12.5 * 1.3;
      p.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + WIDTH, y }, thickness: 0.6, color: RULE });
      y -= 6;
    },
    field(label: string, value: string) {
      const size = 10;
      const labelWidth = 118;
      const lines = wrap(value === '' ? '—' : value, size, WIDTH - labelWidth);
      lines.forEach((line, i) => {
        const p = room(size * 1.45);
        if (i === 0) draw(p, fit(label, size, labelWidth - 8), MARGIN, size, MUTED);
        draw(p, line, MARGIN + labelWidth, size);
        y -= size * 1.45;
      });
    },
    table(columns: string[], rows: string[][]) {
      const size = 8.5;
      const xs = LOG_COLUMNS.reduce<number[]>((acc, f, i) => [...acc, (acc[i] ?? MARGIN) + f * WIDTH], [MARGIN]);
      const head = () => {
        const p = room(size * 2.2);
        columns.forEach((c, i) => draw(p, fit(c, size, (LOG_COLUMNS[i] ?? 0.2) * WIDTH - 4), xs[i] ?? MARGIN, size, MUTED));
        y -= size * 1.6;
      };
      head();
      for (const row of rows) {
        if (y - size * 1.5 < BOTTOM) {
          newPage();
          head();
        }
        const p = room(size * 1.5);
        row.forEach((cell, i) => draw(p, fit(cell, size, (LOG_COLUMNS[i] ?? 0.2) * WIDTH - 4), xs[i] ?? MARGIN, size));
        y -= size * 1.5;
      }
    },
    /** A photo on its own page, as large as the page allows (never enlarged past its pixels ×2). */
    photo(caption: string, image: PDFImage) {
      const p = newPage();
      draw(p, fit(caption, 11, WIDTH), MARGIN, 11);
      y -= 22;
      const scale = Math.min(WIDTH / image.width, (y - MARGIN - 14) / image.height, 2);
      const width = image.width * scale;
      const height = image.height * scale;
      p.drawImage(image, { x: MARGIN + (WIDTH - width) / 2, y: y - height, width, height });
      y -= height;
    },
    /** Page numbers and the footer on every page. */
    finish() {
      pages.forEach((p, i) => {
        const text = fit(`${footer} · ${i + 1}/${pages.length}`, 7.5, WIDTH);
        font.draw(p, text, { x: MARGIN, y: MARGIN - 18, size: 7.5, color: MUTED });
      });
    },
  };
}

/** JPEG and PNG go in as they are; other pictures (WebP, GIF) are decoded and re-encoded as PNG. Null: unreadable. */
async function embedImage(doc: PDFDocument, photo: { mime: string; bytes: Uint8Array }): Promise<PDFImage | null> {
  // A copy of its own: pdf-lib reads a JPEG through its whole ArrayBuffer, and a small file's Buffer is a slice of a shared pool.
  const bytes = new Uint8Array(photo.bytes);
  try {
    if (photo.mime === 'image/jpeg') return await doc.embedJpg(bytes);
    if (photo.mime === 'image/png') return await doc.embedPng(bytes);
    const decoded = await loadImage(Buffer.from(bytes));
    const canvas = createCanvas(decoded.width, decoded.height);
    canvas.getContext('2d').drawImage(decoded, 0, 0);
    return await doc.embedPng(canvas.toBuffer('image/png'));
  } catch {
    return null;
  }
}
