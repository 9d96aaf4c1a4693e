import { msg } from '#shared/i18n/message';
import { skuSavedOp } from '#shared/ops/sku-saved.op';
import { flagUnseenOverwrite } from './concurrent-save';
import type { Rule } from './rule-context';

/** The last save of a SKU the hub orders stands everywhere; one that overwrote another bench's change unseen is flagged. */
export const skuSaved: Rule<'sku.saved'> = async (ctx, { seenHubSeq, ...sku }) => {
  await flagUnseenOverwrite(ctx, `sku_saved:${sku.code}`, seenHubSeq, sku, 'sku.concurrent-edit', msg(skuSavedOp.messages.concurrent, { sku: sku.code, name: sku.name }));
};
