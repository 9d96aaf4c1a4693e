import { msg } from '#shared/i18n/message';
import { skuSavedOp } from '#shared/ops/sku-saved.op';
import { flagUnseenOverwrite } from './concurrent-save';
import type { Rule } from './rule-context';

/** The hub_meta row remembering a SKU's last change (a save, or a barcode bound to it). */
export const SKU_SAVE = (code: string) => `sku_saved:${code}`;

/** The last save of a SKU the hub orders stands everywhere; one that overwrote another bench's change unseen is flagged. */
export const skuSaved: Rule<'sku.saved'> = async (ctx, { seenHubSeq, ...sku }) => {
  await flagUnseenOverwrite(ctx, SKU_SAVE(sku.code), seenHubSeq, sku, 'sku.concurrent-edit', msg(skuSavedOp.messages.concurrent, { sku: sku.code, name: sku.name }));
};
