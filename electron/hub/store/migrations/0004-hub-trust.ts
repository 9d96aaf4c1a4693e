import type { HubMigration } from '../migrate-hub';

/**
 * Trusting no station (issue 7): refused ops are kept apart from the log (their payload never
 * reaches another station), ops record the user who authorised them, and the shop's users are
 * known to the hub so an authoriser can be checked.
 */
export const hubTrust: HubMigration = {
  name: '0004-hub-trust',
  async up(db) {
    const s = db.schema;
    await s.alterTable('hub_log').addColumn('authorized_by', 'text').execute();
    await s
      .createTable('hub_rejected')
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('station_seq', 'bigint', (c) => c.notNull())
      .addColumn('op_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      // What the station sent, cut to a bounded size: evidence for a supervisor, never replayed.
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('hub_rejected_pk', ['station_id', 'station_seq'])
      .execute();
    await s
      .createTable('hub_users')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('badge_hash', 'text')
      .addColumn('hub_seq', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('hub_users_badge').on('hub_users').column('badge_hash').execute();
  },
};
