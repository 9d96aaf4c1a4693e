import type { Migration } from '../migrate';

/**
 * Attachments travel to the hub (issue 8): per stored file, whether it was made at this bench or
 * fetched from the hub, whether the hub has confirmed the whole of it, how far an upload got and
 * when to try again, and whether the local copy was let go to stay in the disk budget (the hub
 * holds it; it comes back on demand). Files stored before this step were all made here.
 */
export const stationAttachmentUploads: Migration = {
  version: 9,
  name: '0009-attachment-uploads',
  up(db) {
    db.exec(`
      CREATE TABLE attachment_uploads (
        sha256 TEXT PRIMARY KEY REFERENCES attachments (sha256) ON DELETE CASCADE,
        made_here INTEGER NOT NULL CHECK (made_here IN (0, 1)),
        -- pending: the hub does not have all of it yet; confirmed: it does; failed: it never will
        -- (the local file is damaged or gone), said in last_error.
        state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'failed')),
        uploaded_bytes INTEGER NOT NULL DEFAULT 0 CHECK (uploaded_bytes >= 0),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        -- A catalog message as JSON.
        last_error TEXT,
        confirmed_at TEXT,
        -- Set when the local copy was deleted to stay within the budget (only ever once confirmed).
        evicted_at TEXT,
        CHECK (evicted_at IS NULL OR state = 'confirmed')
      ) STRICT, WITHOUT ROWID;
      INSERT INTO attachment_uploads (sha256, made_here, state) SELECT sha256, 1, 'pending' FROM attachments;
      CREATE INDEX attachment_uploads_state ON attachment_uploads (state, next_attempt_at);
    `);
  },
};
