import type { Migration } from '../migrate';

/**
 * Who did an op that rests on a supervisor's or admin's authority, beside whose authority it rests
 * on: the audit showed an admin's own change under 授权人 with 操作人 "—". Additive; rows kept
 * before stay without one.
 */
export const stationAuthorizedOpsUser: Migration = {
  version: 23,
  name: '0023-authorized-ops-user',
  up(db) {
    db.exec('ALTER TABLE authorized_ops ADD COLUMN user_id TEXT');
  },
};
