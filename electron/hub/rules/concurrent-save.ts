import type { FlagKind } from '#shared/ops/index';
import type { Message } from '#shared/i18n/message';
import { sha256 } from '../stations/stations.repo';
import type { RuleContext } from './rule-context';

/**
 * A shop record saved whole at one bench (the carrier rules, the inbox thresholds, one SKU, one
 * barcode's bind): the last save the hub orders stands everywhere. A save from a bench that had not
 * yet pulled another bench's change of the same record (it came after the position the editor had
 * seen) overwrote that change unseen: flagged, naming both benches. A bench saving twice offline
 * overwrites only its own change, and a save equal to the one it replaces loses nothing (two benches
 * importing the same catalog).
 *
 * `metaKey` is the hub_meta row that remembers the last change (`hub_seq|station|content hash`).
 */
export async function flagUnseenOverwrite(
  ctx: RuleContext, metaKey: string, seenHubSeq: number, content: unknown, kind: FlagKind, message: Message,
): Promise<void> {
  const last = await ctx.w.trx.selectFrom('hub_meta').select('value').where('key', '=', metaKey).executeTakeFirst();
  const hash = sha256(JSON.stringify(content));
  await noteChange(ctx, metaKey, hash);
  // Rows written before the content hash have none: any difference counts.
  const [lastSeq, lastStation, lastHash] = (last?.value ?? '0|').split('|');
  if (lastStation === undefined || lastStation === '' || lastStation === ctx.op.stationId) return;
  if (Number(lastSeq) <= seenHubSeq || lastHash === hash) return;
  await ctx.raise(kind, { orderId: null, stationIds: [ctx.op.stationId, lastStation], opIds: [ctx.op.opId], message });
}

/**
 * Remembers a change of the record made by this op (`hash`: its content; empty for a change made by
 * another kind of op, such as a barcode bound to a SKU, which any later save that had not seen it loses).
 */
export async function noteChange(ctx: RuleContext, metaKey: string, hash = ''): Promise<void> {
  const value = `${ctx.op.hubSeq}|${ctx.op.stationId}|${hash}`;
  await ctx.w.trx.insertInto('hub_meta').values({ key: metaKey, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
