import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { HubTableName, HubTables } from '../store/hub-schema';
import { hubMigrations } from '../store/migrations/index';
import { addWaybillChildren, hubWaybillChildren } from '../store/migrations/0013-hub-waybill-children';

/**
 * Every table a backup carries, in primary-key order so two dumps of one state are identical.
 * hub_attachments stays out: its rows describe files in the data folder, which a JSON dump does not
 * carry, and a restore leaves rows and files as they are (the bytes are their names: never stale).
 */
const TABLES = {
  hub_meta: ['key'],
  hub_counter: ['id'],
  stations: ['station_id'],
  pairing_codes: ['code_hash'],
  hub_log: ['hub_seq'],
  hub_orders: ['order_id'],
  hub_shipments: ['shipment_id'],
  hub_voids: ['shipment_id'],
  hub_stock: ['delta_id'],
  hub_sku_balance: ['sku_code'],
  hub_waybills: ['carrier_code', 'number'],
  hub_flags: ['flag_id'],
  hub_damage: ['report_id'],
  hub_returns: ['return_id'],
  hub_decisions: ['decision_id'],
  hub_claim_settlements: ['settlement_id'],
  hub_handovers: ['handover_id'],
  hub_handed_over: ['shipment_id'],
  hub_rejected: ['station_id', 'station_seq'],
  hub_users: ['user_id'],
  // The tracking schedule and fingerprints match the log they are restored with.
  hub_tracking: ['shipment_id'],
  hub_tracking_phones: ['order_id'],
  // Fetched e-waybill numbers and their cancel queue match the waybill.issued entries restored with them.
  hub_provider_waybills: ['carrier_code', 'tracking_no'],
} as const satisfies Partial<Record<HubTableName, readonly string[]>>;
type BackedUpTable = keyof typeof TABLES;
const BACKED_UP = Object.keys(TABLES) as BackedUpTable[];

export type HubBackup = {
  format: 'packdesk-hub-backup';
  /** The schema the rows were read with: a hub refuses a backup from a newer schema. */
  migrations: string[];
  hubId: string;
  epoch: string;
  head: number;
  takenAt: string;
  tables: { [T in BackedUpTable]: Record<string, unknown>[] };
};

/** A plain-JSON dump through Kysely: the same code for SQLite and PostgreSQL, and it moves between them. */
export async function backupHub(db: Kysely<HubTables>, now: () => Date): Promise<HubBackup> {
  // One transaction: the dump is one consistent moment of the hub (the counter lock keeps writers out).
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('hub_counter').set((eb) => ({ value: eb.ref('value') })).where('id', '=', 1).execute();
    const tables = {} as HubBackup['tables'];
    for (const name of BACKED_UP) {
      let query = trx.selectFrom(name).selectAll();
      for (const column of TABLES[name]) query = query.orderBy(column as never);
      tables[name] = (await query.execute()) as Record<string, unknown>[];
    }
    const meta = (key: string) => String(tables.hub_meta.find((r) => r['key'] === key)?.['value'] ?? '');
    const migrations = (await trx.selectFrom('hub_migrations').select('name').where('name', '!=', '~lock').orderBy('name').execute()).map((r) => r.name);
    return {
      format: 'packdesk-hub-backup', migrations, hubId: meta('hub_id'), epoch: meta('epoch'),
      head: Number(tables.hub_counter[0]?.['value'] ?? 0), takenAt: now().toISOString(), tables,
    };
  });
}

/**
 * Puts the hub back to a backup. The epoch rotates, so every station notices the hub went back
 * in time and pushes again what it lost; each station's last_seq is reseeded from the ops the
 * backup holds, so re-pushed ops the backup already has are answered from the log.
 * Stations paired after the backup keep their current tokens (they stay paired).
 */
/** The lease id of numbers set aside by a restore (see restoreHub). */
export const QUARANTINE = 'quarantine:';

export async function restoreHub(db: Kysely<HubTables>, dump: HubBackup): Promise<string> {
  if (dump?.format !== 'packdesk-hub-backup' || typeof dump.tables !== 'object' || dump.tables === null) {
    throw new Error('Not a Packdesk hub backup (format packdesk-hub-backup).');
  }
  const known = hubMigrations.map((m) => m.name);
  const newer = (dump.migrations ?? []).filter((m) => !known.includes(m));
  if (newer.length > 0) throw new Error(`This backup comes from a newer Packdesk hub (${newer.join(', ')}). Update Packdesk first.`);
  const epoch = uuidv7();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('hub_counter').set((eb) => ({ value: eb.ref('value') })).where('id', '=', 1).execute();
    const current = await trx.selectFrom('stations').selectAll().execute();
    for (const name of [...BACKED_UP].reverse()) await trx.deleteFrom(name).execute();
    for (const name of BACKED_UP) {
      const rows = dump.tables[name] ?? [];
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto(name).values(rows.slice(i, i + 200) as never).execute();
    }
    // A backup from before hub migration 0013 holds no rows for 子母件 children: given as 0013 gave them.
    if (!(dump.migrations ?? []).includes(hubWaybillChildren.name)) await addWaybillChildren(trx);
    for (const s of current) {
      const { station_id: _key, last_seq: _seq, ...credentials } = s;
      await trx.insertInto('stations').values(s).onConflict((oc) => oc.column('station_id').doUpdateSet(credentials)).execute();
    }
    await trx
      .updateTable('stations')
      .set({
        last_seq: sql<number>`COALESCE((SELECT MAX(s.seq) FROM (SELECT l.station_seq AS seq FROM hub_log l WHERE l.station_id = stations.station_id
          UNION ALL SELECT r.station_seq FROM hub_rejected r WHERE r.station_id = stations.station_id) s), 0)`,
      })
      .execute();
    // A hand-edited backup must not make the hub hand out a hub_seq it already holds.
    const top = await trx.selectFrom('hub_log').select((eb) => eb.fn.max('hub_seq').as('m')).executeTakeFirst();
    const head = Math.max(Number(top?.m ?? 0), Number(dump.tables.hub_counter?.[0]?.['value'] ?? 0));
    await trx.insertInto('hub_counter').values({ id: 1, value: head }).onConflict((oc) => oc.column('id').doUpdateSet({ value: head })).execute();
    await trx.insertInto('hub_meta').values({ key: 'epoch', value: epoch }).onConflict((oc) => oc.column('key').doUpdateSet({ value: epoch })).execute();
    // Numbers free in the backup may have been leased after it was taken: the hub can no longer
    // tell, so none of them is leased again. A station that holds one reports it (or ships with
    // it) and it becomes that station's; the rest stay out of circulation.
    await trx
      .updateTable('hub_waybills')
      .set({ lease_id: `${QUARANTINE}${epoch}` })
      .where('lease_id', 'is', null)
      .where('station_id', 'is', null)
      .execute();
  });
  return epoch;
}
