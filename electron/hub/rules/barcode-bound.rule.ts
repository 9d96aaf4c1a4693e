import { msg } from '#shared/i18n/message';
import { barcodeBoundOp } from '#shared/ops/barcode-bound.op';
import { flagUnseenOverwrite, noteChange } from './concurrent-save';
import { SKU_SAVE } from './sku-saved.rule';
import type { Rule } from './rule-context';

/**
 * The last bind of a barcode the hub orders stands; one that replaced another bench's bind unseen is
 * flagged. The SKU it binds to changed too: a later save of that SKU from a bench that had not seen
 * the bind (its barcode list without it) drops the barcode, and is flagged as an unseen overwrite.
 */
export const barcodeBound: Rule<'barcode.bound'> = async (ctx, { seenHubSeq, ...bind }) => {
  const message = msg(barcodeBoundOp.messages.concurrent, { barcode: bind.barcode, sku: bind.skuCode });
  await flagUnseenOverwrite(ctx, `barcode_bound:${bind.barcode}`, seenHubSeq, bind, 'sku.concurrent-edit', message);
  await noteChange(ctx, SKU_SAVE(bind.skuCode));
};
