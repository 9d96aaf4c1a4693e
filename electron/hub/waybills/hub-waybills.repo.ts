import type { Kysely, Transaction } from 'kysely';
import { encodeMessage, type Message } from '#shared/i18n/message';
import type { HubTables } from '../store/hub-schema';

type Db = Kysely<HubTables> | Transaction<HubTables>;
export type ProviderWaybillRow = HubTables['hub_provider_waybills'];

/** Cancels tried in one round at most: a backlog drains over a few rounds, never in one burst. */
const CANCEL_ROUND_MAX = 100;

/** The number a provider issued for this request key, cancelled or not (a key is asked with once). */
export const rowByKey = (db: Db, provider: string, requestKey: string) =>
  db.selectFrom('hub_provider_waybills').selectAll().where('provider', '=', provider).where('request_key', '=', requestKey).executeTakeFirst();

export const rowByNumber = (db: Db, carrierCode: string, trackingNo: string) =>
  db.selectFrom('hub_provider_waybills').selectAll().where('carrier_code', '=', carrierCode).where('tracking_no', '=', trackingNo).executeTakeFirst();

export async function insertIssued(
  trx: Transaction<HubTables>,
  row: Pick<ProviderWaybillRow, 'carrier_code' | 'tracking_no' | 'provider' | 'order_id' | 'request_key' | 'provider_ref' | 'hub_seq' | 'issued_at'>,
): Promise<void> {
  await trx.insertInto('hub_provider_waybills').values({ ...row, cancel_state: null, cancel_attempts: 0, cancel_next_at: null, cancel_error: null }).execute();
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
