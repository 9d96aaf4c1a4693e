import { AppError } from '#shared/contract/errors';
import type { RowError } from '#shared/contract/common';
import { isBlankRecord } from '../orders/import/csv-records';
import { fieldLabel, normaliseHeader, resolveHeaders } from '../orders/import/header-aliases';
import { at, RowErrors, walkCsvFile, type NamedBytes } from '../orders/import/import-common';

/**
 * SKU list import. Barcodes decide what a scan means at the bench, so the checks are strict where
 * a mistake would ship the wrong item: one barcode may belong to one SKU only, and a case barcode
 * (箱规条码) must say how many units it stands for.
 */

export type CatalogBarcode = { barcode: string; units: number };
/** `location` is '' when the file has none (the SKU contract keeps it a string). */
export type CatalogSku = { code: string; name: string; weightG: number | null; location: string; barcodes: CatalogBarcode[] };
export type ParsedCatalog = { skus: CatalogSku[]; errors: RowError[] };

export const catalogHeaderAliases = {
  code: ['商家编码', 'sku', 'sku编码', 'sku_code', '编码', '货号', 'code'],
  name: ['名称', '商品名称', 'name', 'title', '标题'],
  barcodes: ['条码', '条形码', 'barcode', 'barcodes', 'ean', 'upc'],
  caseBarcode: ['箱规条码', '箱码', 'case barcode', 'case_barcode'],
  caseQty: ['箱规数量', '箱规', 'case qty', 'case_qty', 'units_per_case'],
  weight: ['重量(g)', '重量', '重量(克)', 'weight_g', 'weight', 'weight(g)'],
  location: ['库位', '货位', 'location', 'bin'],
} as const satisfies Record<string, readonly string[]>;
type CatalogField = keyof typeof catalogHeaderAliases;

const BARCODE_SEPARATORS = /[|;,，；、\s]+/;
// Printable ASCII without spaces; no "*", which marks the inline case quantity.
const BARCODE = /^[\x21-\x29\x2b-\x7e]{1,128}$/;

/** '0.35kg', '350g', '350', '350克', '1.2公斤' → grams (rounded), or null when unreadable. */
export function parseWeightToGrams(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,6}))?\s*(kg|千克|公斤|g|克)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[3] ?? 'g').toLowerCase();
  const scale = unit === 'g' || unit === '克' ? 0 : 3;
  // Shift the decimal point in the string so '0.35kg' is exactly 350, then round half up.
  const frac = (m[2] ?? '').padEnd(scale, '0');
  const whole = `${m[1]}${frac.slice(0, scale)}`;
  const rest = frac.slice(scale);
  return Number(whole) + (rest !== '' && Number(rest[0]) >= 5 ? 1 : 0);
}

/** `="690…"` and `'690…` come from Excel users protecting long numbers; scientific notation means damage. */
function cleanBarcode(raw: string): { ok: true; v: string } | { ok: false; reason: string } {
  const s = raw.replace(/^="?|"$/g, '').replace(/^'/, '').trim();
  if (/^\d+(?:\.\d+)?E\+?\d+$/i.test(s)) return { ok: false, reason: `条码被改成了科学计数法 "${s}"（多为 Excel 另存所致），请把该列设为文本` };
  if (!BARCODE.test(s)) return { ok: false, reason: `条码含空格或非法字符: "${raw}"` };
  return { ok: true, v: s };
}

/** The SKU contract caps a barcode's worth at 10 000 units. */
export const MAX_BARCODE_UNITS = 10_000;

function unitsOf(text: string): number | null {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_BARCODE_UNITS ? Number(text) : null;
}

/**
 * Reads a SKU list; any row error empties `skus` so a half-read catalogue is never saved.
 * @throws AppError INVALID_INPUT when the file is empty, cut off, or has no code column
 */
export function parseCatalogCsv(file: NamedBytes): ParsedCatalog {
  const errors = new RowErrors();
  const skus: CatalogSku[] = [];
  const codeRow = new Map<string, number>();
  const owner = new Map<string, { row: number; code: string; units: number }>();
  const A = catalogHeaderAliases;
  const c = {} as Record<CatalogField, number>;
  /** Each field's header as the file spells it, so messages point at a column the user can find. */
  const names: Partial<Record<CatalogField, string>> = {};

  walkCsvFile(
    file,
    {
      header: (h) => {
        const { index, missingLabels } = resolveHeaders<CatalogField>(h.map(normaliseHeader), A, ['code']);
        if (missingLabels.length > 0) {
          throw new AppError('INVALID_INPUT', `${file.name} 缺少列：商家编码（或 sku）`, { file: file.name, missing: ['商家编码'] });
        }
        for (const f of Object.keys(A) as CatalogField[]) {
          c[f] = index[f] ?? -1;
          if (index[f] !== undefined) names[f] = normaliseHeader(h[index[f]] ?? '');
        }
      },
      row: (f, row) => {
        if (isBlankRecord(f)) return;
        const err = (field: CatalogField, message: string): void => errors.add(file.name, row, names[field] ?? fieldLabel(A, field), message);
        const code = at(f, c.code).replace(/^="?|"$/g, '').trim();
        if (code === '') return err('code', '商家编码为空');
        const dup = codeRow.get(code);
        if (dup !== undefined) return err('code', `商家编码 ${code} 重复（第 ${dup} 行已有）`);
        codeRow.set(code, row);

        const weightText = at(f, c.weight).trim();
        const weightG = weightText === '' ? null : parseWeightToGrams(weightText);
        if (weightText !== '' && weightG === null) err('weight', `重量格式错误: "${weightText}"（例：350 或 0.35kg）`);

        const barcodes: CatalogBarcode[] = [];
        const claim = (rawToken: string, units: number, field: CatalogField): void => {
          const b = cleanBarcode(rawToken);
          if (!b.ok) return err(field, b.reason);
          const prev = owner.get(b.v);
          if (prev && prev.code !== code) {
            return err(field, `条码 ${b.v} 同时属于第 ${prev.row} 行（${prev.code}）和第 ${row} 行（${code}）`);
          }
          if (prev && prev.units !== units) return err(field, `条码 ${b.v} 在本行出现两次且数量不同（${prev.units} 与 ${units}）`);
          if (prev) return;
          owner.set(b.v, { row, code, units });
          barcodes.push({ barcode: b.v, units });
        };
        // 'barcode*12' (or '×12') is a case barcode written inline; not 'x', which real barcodes contain.
        for (const token of at(f, c.barcodes).replace(/\s*[*×]\s*/g, '*').split(BARCODE_SEPARATORS)) {
          if (token === '') continue;
          const star = /^(.+?)\*(\d{1,5})$/.exec(token);
          const units = star ? unitsOf(star[2] ?? '') : 1;
          if (units === null) err('barcodes', `箱规数量无效: "${token}"`);
          else claim(star ? (star[1] ?? '') : token, units, 'barcodes');
        }
        const caseCodes = at(f, c.caseBarcode).split(BARCODE_SEPARATORS).filter((t) => t !== '');
        const caseQtyText = at(f, c.caseQty).trim();
        if (caseCodes.length > 0) {
          const units = unitsOf(caseQtyText);
          if (units === null || units < 2) err('caseQty', caseQtyText === '' ? '填写了箱规条码，但没有箱规数量' : `箱规数量无效: "${caseQtyText}"（应为 ≥2 的整数）`);
          else for (const t of caseCodes) claim(t, units, 'caseBarcode');
        } else if (caseQtyText !== '') {
          err('caseBarcode', '填写了箱规数量，但没有箱规条码');
        }
        skus.push({ code, name: at(f, c.name).trim(), weightG, location: at(f, c.location).trim(), barcodes });
      },
    },
    { delimiter: 'auto' },
  );
  return errors.count > 0 ? { skus: [], errors: errors.result() } : { skus, errors: [] };
}
