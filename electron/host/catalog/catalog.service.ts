import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { newId } from '../db/new-id';
import type { FileInput } from '#shared/contract/common';
import { inTransaction, type Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';
import type { Actor } from '../session/session.service';
import { parseCatalogCsv } from './catalog-csv.parser';
import type { CatalogRepo, SkuInput } from './catalog.repo';

/** SKUs and stock. Every change is one transaction with its outbox op; stock only moves by deltas. */
export function createCatalogService(deps: { db: Db; repo: CatalogRepo; outbox: OutboxRepo; syncCursor: () => number }) {
  const { db, repo, outbox } = deps;
  const unconfirmed = db.prepare('SELECT id FROM stock_ledger WHERE sku_code = ? AND hub_seq IS NULL').pluck();
  return {
    importCsv(file: FileInput) {
      const parsed = parseCatalogCsv({ name: file.name, bytes: Buffer.from(file.base64, 'base64') });
      const base = { skusRead: parsed.skus.length, errors: parsed.errors, barcodes: 0, created: 0, updated: 0 };
      if (parsed.errors.length > 0) return { ...base, rejected: true };
      const at = new Date().toISOString();
      const counts = inTransaction(db, () => {
        let created = 0;
        let barcodes = 0;
        for (const sku of parsed.skus) {
          if (!repo.exists(sku.code)) created++;
          repo.save(sku, at, false);
          barcodes += sku.barcodes.length;
          outbox.append('sku.saved', sku, at, `sku:${sku.code}`);
        }
        return { created, updated: parsed.skus.length - created, barcodes };
      });
      return { ...base, ...counts, rejected: false };
    },
    save(sku: SkuInput) {
      inTransaction(db, () => {
        for (const b of sku.barcodes) {
          const owner = repo.lookupBarcode(b.barcode);
          if (owner && owner.skuCode !== sku.code) {
            throw new AppError('CONFLICT', msg('catalog.barcodeTaken', { barcode: b.barcode, owner: owner.skuCode }));
          }
        }
        repo.save(sku, new Date().toISOString());
        outbox.append('sku.saved', sku, undefined, `sku:${sku.code}`);
      });
      return repo.get(sku.code);
    },
    adjustStock(skuCode: string, delta: number, reason: string, actor: Actor) {
      if (!repo.exists(skuCode)) throw new AppError('NOT_FOUND', msg('catalog.skuNotFound', { code: skuCode }));
      const at = new Date().toISOString();
      inTransaction(db, () => {
        const id = repo.addStock({ skuCode, delta, reason, ref: null, userId: actor.userId, at });
        outbox.append('stock.delta', { id, skuCode, delta, reason }, at);
      });
      return { skuCode, onHand: repo.onHand(skuCode) };
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
        const id = newId();
        const knownQty = repo.onHand(skuCode);
        const adjust = countedQty - knownQty;
        const basis = { cursor: deps.syncCursor(), pendingDeltaIds: unconfirmed.all(skuCode) as string[] };
        outbox.append('stock.counted', { id, skuCode, countedQty, knownQty, basis }, at);
        if (adjust !== 0) repo.addStock({ id: `${id}:adjust`, skuCode, delta: adjust, reason: 'count', ref: id, userId: actor.userId, at });
        return adjust;
      });
      return { skuCode, onHand: repo.onHand(skuCode), adjustment };
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
