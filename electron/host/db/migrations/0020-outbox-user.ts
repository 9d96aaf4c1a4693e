import type { Migration } from '../migrate';

/**
 * Who did it travels with the op (the user logged in when it was recorded): without it every other
 * station showed "—" for who reported a damage, decided it, counted stock or received a return.
 * Additive; older ops stay without one.
 */
export const stationOutboxUser: Migration = {
  version: 20,
  name: '0020-outbox-user',
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN user_id TEXT');
  },
};
