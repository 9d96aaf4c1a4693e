import { CATALOG_EXPORTER_ROLES, type catalogContract } from '#shared/contract/catalog.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const MANAGERS = ['supervisor', 'admin'] as const;

export const catalogHandlers: Handlers<typeof catalogContract, HostContext> = {
  'catalog.importCsv': ({ file }, ctx) => ctx.catalog.importCsv(file, ctx.session.authorize(MANAGERS)),
  'catalog.list': (input, ctx) => ctx.catalogRepo.list(input),
  // The list screen is open to packers; the whole catalog with stock, as a file that leaves the bench, is a manager's.
  'catalog.exportCsv': (_input, ctx) => (ctx.session.authorize(CATALOG_EXPORTER_ROLES), ctx.catalog.exportCsv()),
  'catalog.unknownCodes': ({ codes }, ctx) => [...new Set(codes)].filter((code) => !ctx.catalogRepo.exists(code)),
  'catalog.saveSku': (input, ctx) => {
    const { create, ...sku } = input;
    const saved = ctx.catalog.save(sku, ctx.session.authorize(MANAGERS), { create });
    if (!saved) throw new AppError('INTERNAL', msg('catalog.notSaved'));
    return saved;
  },
  'stock.adjust': ({ skuCode, delta, kind, note }, ctx) => ctx.catalog.adjustStock(skuCode, delta, { kind, note }, ctx.session.authorize(MANAGERS)),
  'stock.dispose': ({ skuCode, qty, kind, note }, ctx) => ctx.catalog.disposeDamaged(skuCode, qty, { kind, note }, ctx.session.authorize(MANAGERS)),
  'stock.count': ({ skuCode, countedQty }, ctx) => ctx.catalog.countStock(skuCode, countedQty, ctx.session.authorize(MANAGERS)),
};
