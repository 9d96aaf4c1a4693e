import type { Kysely, Transaction } from 'kysely';
import { encodeMessage, type Message } from '#shared/i18n/message';
import type { HubTables } from '../store/hub-schema';
import { childRequestKey } from '../store/migrations/0013-hub-waybill-children';

type Db = Kysely<HubTables> | Transaction<HubTables>;
export type ProviderWaybillRow = HubTables['hub_provider_waybills'];

/** Cancels tried in one round at most: a backlog drains over a few rounds, never in one burst. */
const CANCEL_ROUND_MAX = 100;

/** The number a provider issued for this request key, cancelled or not (a key is asked with once). */
export const rowByKey = (db: Db, provider: string, requestKey: string) =>
  db.selectFrom('hub_provider_waybills').selectAll().where('provider', '=', provider).where('request_key', '=', requestKey).where('parent_no', 'is', null).executeTakeFirst();

export const rowByNumber = (db: Db, carrierCode: string, trackingNo: string) =>
  db.selectFrom('hub_provider_waybills').selectAll().where('carrier_code', '=', carrierCode).where('tracking_no', '=', trackingNo).executeTakeFirst();

/**
 * A number the hub fetched, and its 子母件 children: each child a row of its own under its parent
 * (filed with a key no request uses, cancelled with its parent's references), as a bench keeps them.
 */
export async function insertIssued(
  trx: Transaction<HubTables>,
  row: Pick<ProviderWaybillRow, 'carrier_code' | 'tracking_no' | 'provider' | 'order_id' | 'request_key' | 'provider_ref' | 'hub_seq' | 'issued_at'>,
  childNumbers: readonly string[],
): Promise<void> {
  const live = { cancel_state: null, cancel_attempts: 0, cancel_next_at: null, cancel_error: null };
  await trx.insertInto('hub_provider_waybills').values({ ...row, ...live, parent_no: null }).execute();
  for (const [i, child] of childNumbers.entries()) {
    await trx
      .insertInto('hub_provider_waybills')
      .values({ ...row, ...live, tracking_no: child, request_key: childRequestKey(row.request_key, i + 1), parent_no: row.tracking_no })
      // A child number the hub already holds (a provider repeating itself) keeps its first row.
      .onConflict((c) => c.doNothing())
      .execute();
  }
}

/** The request key and reference a cancel of this number is sent with: a child's are its parent's. */
export async function cancelReferences(db: Db, row: ProviderWaybillRow): Promise<{ requestKey: string; providerRef: string | null }> {
  const parent = row.parent_no === null ? null : await rowByNumber(db, row.carrier_code, row.parent_no);
  return parent ? { requestKey: parent.request_key, providerRef: parent.provider_ref } : { requestKey: row.request_key, providerRef: row.provider_ref };
}

/**
 * A bench asked to cancel a number (waybill.cancel-requested): a live row the hub issued is queued,
 * due now. Numbers the hub did not issue, or already cancelled or queued, are left as they are.
 * True when a row was queued.
 */
export async function queueCancel(trx: Transaction<HubTables>, trackingNo: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('hub_provider_waybills')
    .set({ cancel_state: 'queued', cancel_next_at: now, cancel_attempts: 0, cancel_error: null })
    .where('tracking_no', '=', trackingNo)
    .where('cancel_state', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Queued cancels due at `now`, oldest first. */
export const dueCancels = (db: Db, now: string) =>
  db
    .selectFrom('hub_provider_waybills')
    .selectAll()
    .where('cancel_state', '=', 'queued')
    .where('cancel_next_at', '<=', now)
    .orderBy('cancel_next_at')
    .orderBy('tracking_no')
    .limit(CANCEL_ROUND_MAX)
    .execute();

export async function markCancelled(trx: Transaction<HubTables>, row: ProviderWaybillRow, outcome: 'cancelled' | 'not-found'): Promise<void> {
  await trx
    .updateTable('hub_provider_waybills')
    .set({ cancel_state: outcome, cancel_next_at: null, cancel_error: null, cancel_attempts: row.cancel_attempts + 1 })
    .where('carrier_code', '=', row.carrier_code)
    .where('tracking_no', '=', row.tracking_no)
    .execute();
  // A main number's children go with it at the provider (and at every bench, by the same waybill.cancelled).
  await trx
    .updateTable('hub_provider_waybills')
    .set({ cancel_state: outcome, cancel_next_at: null, cancel_error: null })
    .where('carrier_code', '=', row.carrier_code)
    .where('parent_no', '=', row.tracking_no)
    .where((eb) => eb.or([eb('cancel_state', 'is', null), eb('cancel_state', '=', 'queued')]))
    .execute();
}

export async function recordCancelFailure(db: Db, row: ProviderWaybillRow, error: Message, nextAt: string): Promise<void> {
  await db
    .updateTable('hub_provider_waybills')
    .set({ cancel_attempts: row.cancel_attempts + 1, cancel_next_at: nextAt, cancel_error: encodeMessage(error) })
    .where('carrier_code', '=', row.carrier_code)
    .where('tracking_no', '=', row.tracking_no)
    .where('cancel_state', '=', 'queued')
    .execute();
}
