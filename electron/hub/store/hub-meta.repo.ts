import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { HubTables } from './hub-schema';

export type HubIdentity = { hubId: string; epoch: string };

/** A new hub gets its id and first epoch once; later starts keep them. */
export async function ensureIdentity(db: Kysely<HubTables>): Promise<HubIdentity> {
  await db
    .insertInto('hub_meta')
    .values([
      { key: 'hub_id', value: uuidv7() },
      { key: 'epoch', value: uuidv7() },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return readIdentity(db);
}

export async function readIdentity(db: Kysely<HubTables>): Promise<HubIdentity> {
  const rows = await db.selectFrom('hub_meta').select(['key', 'value']).where('key', 'in', ['hub_id', 'epoch']).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const hubId = value('hub_id');
  const epoch = value('epoch');
  if (!hubId || !epoch) throw new Error('The hub database has no identity (hub_meta is missing hub_id or epoch).');
  return { hubId, epoch };
}

export async function readEpoch(db: Kysely<HubTables>): Promise<string> {
  return (await readIdentity(db)).epoch;
}
