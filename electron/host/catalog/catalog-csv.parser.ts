import { SKU_MAX_BARCODES } from '#shared/contract/catalog.contract';
import type { RowError } from '#shared/contract/common';
import { msg, type Message } from '#shared/i18n/message';
import { isNeutralised, unneutralised } from '../csv/csv-writer';
import { walkCsvFile, type NamedBytes } from '../orders/import/csv-file';
import { isWorkbook } from '../orders/import/detect-format';
import { fieldLabel, resolveHeaders } from '../orders/import/header-aliases';
import { at } from '../orders/import/import-common';
import { RowErrors, StopFile, untilStopped } from '../orders/import/row-errors';
import { shown } from '../orders/import/text-guards';
import { parseWeightToGrams } from '#shared/domain/weight-text';
import { SAFETY_STOCK_MAX } from '#shared/ops/sku-saved.op';
import { BARCODE_SEPARATORS, catalogHeaderAliases, type CatalogField } from './catalog-headers';

/**
 * SKU list import. Barcodes decide what a scan means at the bench, so the checks are strict where
 * a mistake would ship the wrong item: one barcode may belong to one SKU only, and a case barcode
 * (箱规条码) must say how many units it stands for.
 */

export type CatalogBarcode = { barcode: string; units: number };
/**
 * `weightG` and `safetyStock` are null, `location` '' (the SKU contract keeps it a string), when the
 * file gives none (no column, or an empty cell): a SKU already in the catalog keeps what it has.
 */
export type CatalogSku = { code: string; name: string; weightG: number | null; location: string; barcodes: CatalogBarcode[]; image: string; safetyStock: number | null };

/** A picture cell: an https address, or an absolute path to a picture file on this computer. */
export function isImageRef(text: string): boolean {
  if (/^https:\/\/[^\s]+$/i.test(text)) {
    try {
      return new URL(text).protocol === 'https:';
    } catch {
      return false;
    }
  }
  return /^(\/|[a-z]:[\\/])[^\0]*\.(png|jpe?g|webp|gif)$/i.test(text);
}
/** `rowsRead`: the data rows read, good or bad (a rejected file was still read). */
/** `unreadColumns`: the file's headers no field reads (库存, 成本…), said so a column is not thought taken in. */
export type ParsedCatalog = { skus: CatalogSku[]; errors: RowError[]; rowsRead: number; unreadColumns: string[] };

// Printable ASCII without spaces; no "*", which marks the inline case quantity.
const BARCODE = /^[\x21-\x29\x2b-\x7e]{1,128}$/;

/**
 * `="690…"` and `'690…` come from Excel users protecting long numbers; scientific notation means
 * damage. Full-width digits (an IME left in full-width mode) are the same digits: NFKC, as the pool import reads them.
 */
function cleanBarcode(raw: string): { ok: true; v: string } | { ok: false; reason: Message } {
  const s = raw.normalize('NFKC').replace(/^="?|"$/g, '').replace(/^'/, '').trim();
  if (/^\d+(?:\.\d+)?E\+?\d+$/i.test(s)) return { ok: false, reason: msg('catalog.import.barcodeScientific', { value: shown(s) }) };
  if (!BARCODE.test(s)) return { ok: false, reason: msg('catalog.import.barcodeChars', { value: shown(raw) }) };
  return { ok: true, v: s };
}

/** The SKU contract caps a barcode's worth at 10 000 units. */
export const MAX_BARCODE_UNITS = 10_000;

function unitsOf(text: string): number | null {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_BARCODE_UNITS ? Number(text) : null;
}

/**
 * A 安全库存 cell: a whole number of units from 0 (full-width digits, leading zeros as a text-formatted
 * cell keeps them, and a trailing 件/个 read too), or null when it is not one. Not 1e3 or 1,000: no ERP
 * writes them, so they are a damaged cell, said as such.
 */
export function readSafetyStock(text: string): number | null {
  const s = text.normalize('NFKC').replace(/\s*[件个]$/, '').trim();
  if (!/^0*\d{1,7}(\.0+)?$/.test(s)) return null;
  const n = Number(s);
  return n <= SAFETY_STOCK_MAX ? n : null;
}

/** Most characters per cell, by field (the SKU contract's caps where it has them). */
const CAPS: Readonly<Record<CatalogField, number>> = { code: 64, name: 200, barcodes: 2000, caseBarcode: 500, caseQty: 16, weight: 32, location: 64, image: 1000, safetyStock: 16 };

/**
 * Reads a SKU list; any row error empties `skus` so a half-read catalogue is never saved. A missing
 * code column, an unterminated quote or bytes that do not decode end the reading with that problem.
 * `ownerOf` names the SKU a barcode belongs to in the catalog: a row giving it to another SKU is refused
 * (a scan of the old product would count as the new one), as the SKU editor refuses it.
 * @throws AppError INVALID_INPUT when the file has no header row
 */
export function parseCatalogCsv(
  file: NamedBytes,
  ownerOf: (barcode: string) => string | null = () => null,
  /** Whether the catalog has a SKU by this code: a barcode may not be another SKU's code (scans and returns read codes too). */
  skuExists: (code: string) => boolean = () => false,
  /** The barcodes the catalog already has for a SKU, which the import keeps beside the file's. */
  storedBarcodes: (code: string) => readonly string[] = () => [],
): ParsedCatalog {
  const errors = new RowErrors();
  // An Excel workbook read as text was reported as a broken GBK file.
  if (isWorkbook(file.bytes)) {
    errors.add(file.name, 1, undefined, msg('catalog.import.excel', { file: file.name }));
    return { skus: [], errors: errors.result(), rowsRead: 0, unreadColumns: [] };
  }
  const skus: CatalogSku[] = [];
  const codeRow = new Map<string, number>();
  const owner = new Map<string, { row: number; code: string; units: number; field: CatalogField }>();
  const A = catalogHeaderAliases;
  const c = {} as Record<CatalogField, number>;
  /** Each field's column as the file spells it, so messages point at a column the user can find. */
  const names: Partial<Record<CatalogField, string>> = {};
  let rowsRead = 0;
  let unreadColumns: string[] = [];

  untilStopped(() => walkCsvFile(
    file,
    errors,
    {
      header: (h, headerNames) => {
        const { index, missingLabels } = resolveHeaders<CatalogField>(h, A, ['code']);
        if (missingLabels.length > 0) {
          errors.add(file.name, 1, fieldLabel(A, 'code'), msg('import.file.columnMissing'));
          throw new StopFile();
        }
        const caps = new Array<number | undefined>(h.length).fill(undefined);
        for (const f of Object.keys(A) as CatalogField[]) {
          const i = index[f];
          c[f] = i ?? -1;
          if (i === undefined) continue;
          names[f] = headerNames[i];
          caps[i] = CAPS[f];
        }
        const read = new Set(Object.values(c));
        unreadColumns = headerNames.filter((n, i) => !read.has(i) && n.trim() !== '').slice(0, 20);
        // A cell our export neutralised (csvCell) is one apostrophe longer than its text.
        return { caps, codes: h.map((_, i) => i === c.code), apostrophe: true };
      },
      row: (f, row) => {
        rowsRead++;
        const err = (field: CatalogField, message: Message): void => errors.add(file.name, row, names[field] ?? fieldLabel(A, field), message);
        /** A text cell as exported: a neutralised one (`'=…`, `'-…`) read back to its text, held to its cap. */
        const text = (field: 'code' | 'name' | 'location'): string => {
          const raw = at(f, c[field]);
          const value = unneutralised(raw);
          // The walk has reported a cell over the cap without its leading apostrophe; this is one kept
          // (an apostrophe the export did not add, so it is part of the text).
          if (value.length > CAPS[field] && raw.replace(/^'/, '').length <= CAPS[field]) err(field, msg('import.cell.tooLong', { length: value.length, max: CAPS[field] }));
          return value;
        };
        // A neutralised code is taken as written: only a code Excel users wrapped as ="…" is unwrapped.
        const codeText = text('code');
        const code = (isNeutralised(at(f, c.code)) ? codeText : codeText.replace(/^="?|"$/g, '')).trim();
        if (code === '') return err('code', msg('catalog.import.codeEmpty'));
        const dup = codeRow.get(code);
        if (dup !== undefined) return err('code', msg('catalog.import.codeDuplicate', { code: shown(code), row: dup }));
        codeRow.set(code, row);
        // A code that is another SKU's barcode: the bench would count that scan as one SKU, a return as the other.
        const codeHeld = ownerOf(code);
        if (codeHeld !== null && codeHeld !== code) return err('code', msg('catalog.codeIsBarcode', { code: shown(code), owner: shown(codeHeld) }));
        const codeClaimed = owner.get(code);
        if (codeClaimed) return err('code', msg('catalog.import.codeIsBarcode', { code: shown(code), row: codeClaimed.row, owner: shown(codeClaimed.code) }));

        const weightText = at(f, c.weight).trim();
        const weightG = weightText === '' ? null : parseWeightToGrams(weightText);
        if (weightText !== '' && weightG === null) err('weight', msg('catalog.import.weight', { value: shown(weightText) }));

        // An empty cell says nothing: the SKU keeps its 安全库存 (clearing one is the editor's).
        const safetyText = at(f, c.safetyStock).trim();
        const safetyStock = safetyText === '' ? null : readSafetyStock(safetyText);
        if (safetyText !== '' && safetyStock === null) err('safetyStock', msg('catalog.import.safetyStock', { value: shown(safetyText), max: SAFETY_STOCK_MAX }));

        const barcodes: CatalogBarcode[] = [];
        const claim = (rawToken: string, units: number, field: CatalogField): void => {
          const b = cleanBarcode(rawToken);
          if (!b.ok) return err(field, b.reason);
          const prev = owner.get(b.v);
          if (prev && prev.code !== code) return err(field, msg('catalog.import.barcodeTaken', { barcode: b.v, row: prev.row, code: shown(prev.code) }));
          if (prev && prev.units !== units) return err(field, msg('catalog.import.barcodeTwice', { barcode: b.v, a: prev.units, b: units }));
          if (prev) return;
          const held = ownerOf(b.v);
          if (held !== null && held !== code) return err(field, msg('catalog.barcodeTaken', { barcode: b.v, owner: shown(held) }));
          if (b.v !== code && skuExists(b.v)) return err(field, msg('catalog.barcodeIsCode', { barcode: b.v }));
          const codeAt = codeRow.get(b.v);
          if (b.v !== code && codeAt !== undefined) return err(field, msg('catalog.import.barcodeIsCode', { barcode: b.v, row: codeAt }));
          owner.set(b.v, { row, code, units, field });
          barcodes.push({ barcode: b.v, units });
        };
        // 'barcode*12' (or '×12') is a case barcode written inline; not 'x', which real barcodes contain.
        for (const token of at(f, c.barcodes).replace(/\s*[*×]\s*/g, '*').split(BARCODE_SEPARATORS)) {
          if (token === '') continue;
          const star = /^(.+?)\*(\d{1,5})$/.exec(token);
          const units = star ? unitsOf(star[2] ?? '') : 1;
          if (units === null) err('barcodes', msg('catalog.import.caseUnitsBad', { value: shown(token) }));
          else claim(star ? (star[1] ?? '') : token, units, 'barcodes');
        }
        const caseCodes = at(f, c.caseBarcode).split(BARCODE_SEPARATORS).filter((t) => t !== '');
        const caseQtyText = at(f, c.caseQty).trim();
        if (caseCodes.length > 0) {
          const units = unitsOf(caseQtyText);
          if (caseQtyText === '') err('caseQty', msg('catalog.import.caseQtyMissing'));
          else if (units === null || units < 2) err('caseQty', msg('catalog.import.caseQtyBad', { value: shown(caseQtyText) }));
          else for (const t of caseCodes) claim(t, units, 'caseBarcode');
        } else if (caseQtyText !== '') {
          err('caseBarcode', msg('catalog.import.caseBarcodeMissing'));
        }
        // The import adds to a SKU's stored barcodes: together they must fit one SKU (the op's cap).
        const together = new Set([...storedBarcodes(code), ...barcodes.map((b) => b.barcode)]).size;
        if (together > SKU_MAX_BARCODES) err('barcodes', msg('catalog.import.tooManyBarcodes', { count: together, max: SKU_MAX_BARCODES }));
        const image = at(f, c.image).trim();
        if (image !== '' && !isImageRef(image)) err('image', msg('catalog.import.imageBad', { value: shown(image) }));
        // Barcodes need no unneutralising: cleanBarcode drops a leading apostrophe from every barcode.
        skus.push({ code, name: text('name').trim(), weightG, location: text('location').trim(), barcodes, image, safetyStock });
      },
    },
    { delimiter: 'auto', width: 'no-extra' },
  ));
  return errors.count > 0 ? { skus: [], errors: errors.result(), rowsRead, unreadColumns } : { skus, errors: [], rowsRead, unreadColumns };
}
