import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { CarriersService } from '../carriers/carriers.service';
import type { CatalogRepo } from '../catalog/catalog.repo';
import type { CatalogService } from '../catalog/catalog.service';
import type { Actor } from '../session/session.service';
import type { Db } from '../db/open-database';
import type { OrdersRepo } from '../orders/orders.repo';
import type { ImportProgress, OrdersService } from '../orders/orders.service';
import type { SettingsService } from '../settings/settings.service';
import { SAMPLE_FILES, SAMPLE_OPENING_STOCK, SAMPLE_SENDER } from './sample-data';
import { freshenSampleExport } from './sample-dates';

/** The app's resources folder, found by walking up from the running code (source tree or build output). */
export function findResourcesDir(start = import.meta.dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources', 'samples'))) return join(dir, 'resources');
    if (dirname(dir) === dir) throw new Error(`resources/ not found above ${start}`);
  }
}

/** Station facts, and the bundled samples that let a new station be tried before real data exists. */
export function createSystemService(deps: {
  db: Db; dataDir: string; stationId: () => string; version: string; resourcesDir: string;
  orders: OrdersService; ordersRepo: OrdersRepo; catalog: CatalogService; catalogRepo: CatalogRepo;
  carriers: CarriersService; settings: SettingsService;
}) {
  return {
    info: () => ({
      version: deps.version,
      dataDir: deps.dataDir,
      schemaVersion: deps.db.pragma('user_version', { simple: true }) as number,
      orders: deps.ordersRepo.count(),
      skus: deps.catalogRepo.count(),
      stationId: deps.stationId(),
    }),
    async loadSamples(progress: ImportProgress, actor: Actor | null) {
      const folder = join(deps.resourcesDir, 'samples');
      const files = readdirSync(folder);
      const pick = (prefix: string) => {
        const name = files.find((f) => f.startsWith(prefix));
        if (!name) throw new AppError('NOT_FOUND', msg('system.sampleMissing', { name: prefix, folder }));
        return { name, bytes: readFileSync(join(folder, name)) };
      };
      const catalogFile = pick(SAMPLE_FILES.catalog);
      const skus = deps.catalog.importCsv({ name: catalogFile.name, base64: catalogFile.bytes.toString('base64') }, actor);
      // The shop's own data may now contradict the sample list (a sample barcode bound to another
      // SKU): stop before the numbers and the orders, naming the first problem.
      const refused = skus.rejected ? skus.errors[0] : undefined;
      if (refused) throw new AppError('CONFLICT', msg('system.samplesRefused', { file: refused.file, row: refused.row, problem: refused.msg }), { errors: skus.errors.slice(0, 20) });
      const waybills = deps.carriers.importPool('YTO', pick(SAMPLE_FILES.pool).bytes.toString('utf8'), actor).added;
      const orderFile = pick(SAMPLE_FILES.orders);
      const detailFile = pick(SAMPLE_FILES.details);
      const [orderBytes, detailBytes] = freshenSampleExport(orderFile.bytes, detailFile.bytes);
      const report = await deps.orders.import(
        [{ name: orderFile.name, bytes: orderBytes }, { name: detailFile.name, bytes: detailBytes }],
        undefined,
        progress,
        actor,
      );
      if (report.rejected) throw new AppError('INTERNAL', msg('system.samplesFailed'), { report });
      // A shelf to pack from: without it the first sample parcel already drove every SKU below zero.
      deps.catalog.openingStock(SAMPLE_OPENING_STOCK, actor);
      const rules = deps.carriers.getRules();
      if (!rules.defaultCarrier) deps.carriers.saveRules({ ...rules, defaultCarrier: 'YTO' }, actor);
      const current = deps.settings.get();
      if (!current.sender.name) {
        deps.settings.update({ sender: SAMPLE_SENDER });
      }
      return { orders: report.ordersRead, skus: skus.skusRead, waybills };
    },
  };
}
export type SystemService = ReturnType<typeof createSystemService>;
