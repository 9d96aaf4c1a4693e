import type { HubMigration } from '../migrate-hub';

/**
 * Who may pair, and how the hub proves it is itself:
 * - pairing_codes.replaces: a replacement code names the station a new PC takes over (NULL: a
 *   code for a new station, which can never take over an existing id);
 * - pairing_attempts: pairing tries per source address in a fixed window, counted by an atomic
 *   upsert, so concurrent guesses cannot exceed the limit and one client cannot lock out others;
 * - hub_tls: the hub's TLS key and self-signed certificate when it runs on PostgreSQL (a SQLite hub
 *   keeps them as files beside hub.db). Not in backups: a copied backup must not let anyone pose as the hub;
 * - hub_waybills_holder: leases are shared out per station, so the hub counts what each holds.
 */
export const hubIdentity: HubMigration = {
  name: '0003-hub-identity',
  async up(db) {
    await db.schema.alterTable('pairing_codes').addColumn('replaces', 'text').execute();
    await db.schema
      .createTable('pairing_attempts')
      .addColumn('source', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('hub_tls')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('key_pem', 'text', (c) => c.notNull())
      .addColumn('cert_pem', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('hub_waybills_holder').on('hub_waybills').columns(['carrier_code', 'station_id']).execute();
  },
};
