import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { newId } from '../db/new-id';
import { NOT_READ_BACK_NAMED } from '#shared/contract/catalog.contract';
import type { FileInput } from '#shared/contract/common';
import type { AdjustKind, DisposeKind, StockBucket } from '#shared/ops/stock-delta.op';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';
import { beijingStamp } from '#shared/domain/datetime';
import { parseCatalogCsv } from './catalog-csv.parser';
import { notReadBack, toCatalogCsv } from './catalog-csv.writer';
import { CATALOG_FILE_NAME } from './catalog-headers';
import type { CatalogRepo, SkuInput } from './catalog.repo';

const barcodeSet = (bs: readonly { barcode: string; units: number }[]) => bs.map((b) => `${b.barcode}*${b.units}`).sort().join('|');
/** Whether a save would leave the stored SKU as it is. */
const sameSku = (a: Omit<SkuInput, 'code'>, b: Omit<SkuInput, 'code'>) =>
  a.name === b.name && a.weightG === b.weightG && a.location === b.location && a.safetyStock === b.safetyStock && barcodeSet(a.barcodes) === barcodeSet(b.barcodes);

/** SKUs and stock. Every change is one transaction with its op; stock only moves by deltas. */
export function createCatalogService(deps: {
  db: Db; repo: CatalogRepo; recorder: OpRecorder;
  /** How far this bench has pulled the shop's log: a save says what it had seen (the hub flags an unseen overwrite). */
  syncCursor: () => number;
  /** Keeps a SKU's picture named by the import (an https address or a local file); runs after the SKUs are saved. */
  saveImage?: (skuCode: string, ref: string) => void;
}) {
  const { db, repo, recorder } = deps;
  return {
    /**
     * Adds the file's SKUs; a SKU already here keeps its other barcodes (the op carries the whole
     * list), and its 重量, 库位 and 安全库存 where the file gives none (no such column, or an empty
     * cell): a blank cell never wipes what was kept; a value is cleared in the SKU editor.
     */
    importCsv(file: FileInput, actor: Actor | null) {
      const parsed = parseCatalogCsv({ name: file.name, bytes: Buffer.from(file.base64, 'base64') }, (barcode) => repo.lookupBarcode(barcode)?.skuCode ?? null, (code) => repo.exists(code),
        (code) => repo.barcodesOf(code));
      // Rows read, also when a bad row rejects the file (its SKUs are then not kept).
      const base = { skusRead: parsed.rowsRead, errors: parsed.errors, barcodes: 0, created: 0, updated: 0, unchanged: 0, unreadColumns: parsed.unreadColumns };
      if (parsed.errors.length > 0) return { ...base, rejected: true };
      const at = new Date().toISOString();
      const seenHubSeq = deps.syncCursor();
      const counts = inTransaction(db, () => {
        let created = 0;
        let unchanged = 0;
        let barcodes = 0;
        for (const sku of parsed.skus) {
          const before = repo.get(sku.code);
          if (!before) created++;
          const added = new Map(sku.barcodes.map((b) => [b.barcode, b.units]));
          const kept = (before?.barcodes ?? []).filter((b) => !added.has(b.barcode));
          const { image: _image, ...saved } = sku;
          const next = {
            ...saved,
            name: sku.name !== '' ? sku.name : (before?.name ?? ''),
            weightG: sku.weightG ?? before?.weightG ?? null,
            location: sku.location !== '' ? sku.location : (before?.location ?? ''),
            safetyStock: sku.safetyStock ?? before?.safetyStock ?? null,
            barcodes: [...kept, ...sku.barcodes],
          };
          // The SKU as stored already (an exported list imported back): no op, no audit line, no sync for it.
          if (before && sameSku(before, next)) {
            unchanged++;
            continue;
          }
          recorder.record('sku.saved', { ...next, seenHubSeq }, { at, actor });
          barcodes += sku.barcodes.length;
        }
        return { created, updated: parsed.skus.length - created - unchanged, unchanged, barcodes };
      });
      // Pictures stay on this bench (they do not sync); a file that cannot be read leaves the line without one.
      for (const sku of parsed.skus) if (sku.image !== '') deps.saveImage?.(sku.code, sku.image);
      return { ...base, ...counts, rejected: false };
    },
    /**
     * Every SKU as the CSV the import reads (库存 added, which it does not read), and the SKUs it
     * would read back otherwise (named, so the keeper knows before editing and importing the file).
     */
    exportCsv(now = new Date()) {
      const skus = repo.all();
      const bytes = toCatalogCsv(skus);
      const changed = notReadBack(skus, bytes);
      return {
        fileName: `${CATALOG_FILE_NAME}-${beijingStamp(now.toISOString())}.csv`,
        base64: bytes.toString('base64'),
        skus: skus.length,
        notReadBack: { count: changed.length, codes: changed.slice(0, NOT_READ_BACK_NAMED) },
      };
    },
    /**
     * Saves a SKU whole; `create` refuses a code the catalog has (a new SKU must not replace one).
     * A `safetyStock` left out keeps the SKU's own.
     */
    save(input: Omit<SkuInput, 'safetyStock'> & { safetyStock?: number | null }, actor: Actor, options: { create?: boolean } = {}) {
      inTransaction(db, () => {
        const sku: SkuInput = { ...input, safetyStock: input.safetyStock === undefined ? repo.safetyStockOf(input.code) : input.safetyStock };
        if (options.create && repo.exists(sku.code)) throw new AppError('CONFLICT', msg('catalog.codeExists', { code: sku.code }));
        for (const b of sku.barcodes) {
          const owner = repo.lookupBarcode(b.barcode);
          if (owner && owner.skuCode !== sku.code) {
            throw new AppError('CONFLICT', msg('catalog.barcodeTaken', { barcode: b.barcode, owner: owner.skuCode }));
          }
          // Scans, returns and damage reports read SKU codes too: a barcode that is another SKU's code means two products.
          if (b.barcode !== sku.code && repo.exists(b.barcode)) throw new AppError('CONFLICT', msg('catalog.barcodeIsCode', { barcode: b.barcode }));
        }
        const codeHeld = repo.lookupBarcode(sku.code);
        if (codeHeld && codeHeld.skuCode !== sku.code) throw new AppError('CONFLICT', msg('catalog.codeIsBarcode', { code: sku.code, owner: codeHeld.skuCode }));
        recorder.record('sku.saved', { ...sku, seenHubSeq: deps.syncCursor() }, { actor });
      });
      return repo.get(input.code);
    },
    /**
     * A supervisor's adjustment of the shelf, with why as a kind and their own words. Damaged units
     * are kept apart as a damage decision keeps them: off the shelf and into the damaged bucket,
     * two movements of one moment that the audit reads as one line.
     */
    adjustStock(skuCode: string, delta: number, why: { kind: AdjustKind; note: string }, actor: Actor) {
      if (!repo.exists(skuCode)) throw new AppError('NOT_FOUND', msg('catalog.skuNotFound', { code: skuCode }));
      if (why.kind === 'damaged' && delta > 0) throw new AppError('INVALID_INPUT', msg('catalog.damagedOffShelf'));
      const at = new Date().toISOString();
      const move = (bucket: StockBucket, units: number) =>
        recorder.record('stock.delta', { id: newId(), skuCode, delta: units, cause: 'adjust', ref: null, note: why.note, bucket, kind: why.kind }, { at, actor });
      inTransaction(db, () => {
        move('sellable', delta);
        if (why.kind === 'damaged') move('damaged', -delta);
      });
      return { skuCode, onHand: repo.onHand(skuCode), damaged: repo.damaged(skuCode) };
    },
    /** 报废: damaged units thrown away or sent back to the supplier; refused beyond what the damaged bucket holds. */
    disposeDamaged(skuCode: string, qty: number, why: { kind: DisposeKind; note: string }, actor: Actor) {
      if (!repo.exists(skuCode)) throw new AppError('NOT_FOUND', msg('catalog.skuNotFound', { code: skuCode }));
      const at = new Date().toISOString();
      inTransaction(db, () => {
        const damaged = repo.damaged(skuCode);
        if (qty > damaged) throw new AppError('CONFLICT', msg('catalog.disposeTooMany', { code: skuCode, qty, damaged: Math.max(0, damaged) }));
        recorder.record('stock.delta', { id: newId(), skuCode, delta: -qty, cause: 'dispose', ref: null, note: why.note, bucket: 'damaged', kind: why.kind }, { at, actor });
      });
      return { skuCode, onHand: repo.onHand(skuCode), damaged: repo.damaged(skuCode) };
    },
    /**
     * A cycle count. The adjustment is booked here at once as counted − on hand; the op carries that
     * on-hand figure, so the hub books the same difference and keeps the picks other stations made
     * that this station had not seen yet.
     */
    countStock(skuCode: string, countedQty: number, actor: Actor) {
      if (!repo.exists(skuCode)) throw new AppError('NOT_FOUND', msg('catalog.skuNotFound', { code: skuCode }));
      const at = new Date().toISOString();
      const adjustment = inTransaction(db, () => {
        const knownQty = repo.onHand(skuCode);
        recorder.record('stock.counted', { id: newId(), skuCode, countedQty, knownQty }, { at, actor });
        return countedQty - knownQty;
      });
      return { skuCode, onHand: repo.onHand(skuCode), adjustment };
    },
    /** Counts every SKU that has never had stock to `qty` (the samples' shelf), in one transaction; returns how many. */
    openingStock(qty: number, actor: Actor | null): number {
      const at = new Date().toISOString();
      return inTransaction(db, () => {
        const codes = repo.neverStocked();
        for (const skuCode of codes) recorder.record('stock.counted', { id: newId(), skuCode, countedQty: qty, knownQty: 0 }, { at, actor });
        return codes.length;
      });
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
