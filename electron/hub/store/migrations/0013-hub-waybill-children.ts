import type { Kysely, Transaction } from 'kysely';
import type { HubTables } from '../hub-schema';
import type { HubMigration } from '../migrate-hub';

/**
 * The key a 子母件 child's row is filed under: one no request can carry ('#' is outside
 * REQUEST_KEY), so asking again with the parent's key still finds the parent.
 */
export const childRequestKey = (parentKey: string, index: number): string => `${parentKey}#${index}`;

/**
 * 子母件 children the hub fetched get rows of their own (issue 11's loose end): a child left unused
 * when fewer parcels shipped is cancelled by itself, and the hub's cancel worker needs its row to
 * send that cancel (with its parent's references) and write waybill.cancelled. `parent_no` is NULL
 * for a main number. Additive: a nullable column, and rows for the children of numbers fetched
 * before this step, read from their waybill.issued entries (a child of a number already cancelled
 * went with it).
 */
export const hubWaybillChildren: HubMigration = {
  name: '0013-hub-waybill-children',
  async up(db) {
    await db.schema.alterTable('hub_provider_waybills').addColumn('parent_no', 'text').execute();
    await addWaybillChildren(db);
  },
};

/**
 * Rows for the children of every number the hub fetched, from its waybill.issued entry; children
 * that have rows keep them. Also run after restoring a backup taken before this step.
 */
export async function addWaybillChildren(db: Kysely<HubTables> | Transaction<HubTables>): Promise<void> {
  const parents = await db
    .selectFrom('hub_provider_waybills as w')
    .innerJoin('hub_log as l', 'l.hub_seq', 'w.hub_seq')
    .select(['w.carrier_code', 'w.tracking_no', 'w.provider', 'w.order_id', 'w.request_key', 'w.provider_ref', 'w.hub_seq', 'w.issued_at', 'w.cancel_state', 'l.payload'])
    .where('l.type', '=', 'waybill.issued')
    .where('w.parent_no', 'is', null)
    .execute();
  for (const p of parents) {
    const children = childNumbersOf(p.payload);
    for (const [i, child] of children.entries()) {
      await db
        .insertInto('hub_provider_waybills')
        .values({
          carrier_code: p.carrier_code, tracking_no: child, provider: p.provider, order_id: p.order_id, request_key: childRequestKey(p.request_key, i + 1),
          provider_ref: p.provider_ref, hub_seq: p.hub_seq, issued_at: p.issued_at, parent_no: p.tracking_no,
          cancel_state: p.cancel_state === 'cancelled' || p.cancel_state === 'not-found' ? p.cancel_state : null,
          cancel_attempts: 0, cancel_next_at: null, cancel_error: null,
        })
        .onConflict((c) => c.doNothing())
        .execute();
    }
  }
}

/** The children a logged waybill.issued entry names; none when its payload cannot be read as one. */
function childNumbersOf(payload: string): string[] {
  try {
    const children = (JSON.parse(payload) as { childNumbers?: unknown }).childNumbers;
    return Array.isArray(children) ? children.filter((n): n is string => typeof n === 'string' && n.length > 0 && n.length <= 40).slice(0, 19) : [];
  } catch {
    return [];
  }
}
