import type { HubMigration } from '../migrate-hub';

/** Who did it (the user logged in at the station), kept with each op and handed to every station on pull. Additive. */
export const hubLogUser: HubMigration = {
  name: '0011-hub-log-user',
  async up(db) {
    await db.schema.alterTable('hub_log').addColumn('user_id', 'text').execute();
  },
};
