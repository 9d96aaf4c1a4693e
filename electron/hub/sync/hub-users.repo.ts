import type { Kysely, Transaction } from 'kysely';
import type { StationRole } from '#shared/contract/hub.contract';
import type { HubTables } from '../store/hub-schema';

/** The role of an active user of the shop, or null (unknown, disabled). */
export async function userRole(db: Kysely<HubTables> | Transaction<HubTables>, userId: string): Promise<StationRole | null> {
  const row = await db.selectFrom('hub_users').select(['role', 'active']).where('user_id', '=', userId).executeTakeFirst();
  return row && row.active === 1 ? row.role : null;
}
