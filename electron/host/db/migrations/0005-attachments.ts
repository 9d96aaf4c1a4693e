import type { Migration } from '../migrate';

/**
 * Files kept beside the database (pack videos, SKU images, later damage photos), named by their
 * SHA-256 in `attachments/`. The rows say what each file is and what it belongs to; the files
 * themselves never sync (they stay on the bench that made them).
 */
export const stationAttachments: Migration = {
  version: 5,
  name: '0005-attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- One pack video: the camera from order open to ship or to the next order.
      CREATE TABLE pack_clips (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES attachments (sha256),
        packer_id TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pack_clips_order ON pack_clips (order_id);
      CREATE INDEX pack_clips_created ON pack_clips (created_at);

      -- The scans the clip saw: a dispute about one scan finds its moment in the video.
      CREATE TABLE pack_clip_scans (
        clip_id TEXT NOT NULL REFERENCES pack_clips (id) ON DELETE CASCADE,
        scan_id TEXT NOT NULL,
        offset_ms INTEGER NOT NULL,
        PRIMARY KEY (clip_id, scan_id)
      ) STRICT, WITHOUT ROWID;

      -- A picture per SKU for the bench line: a stored file or the catalog's https address.
      CREATE TABLE sku_images (
        sku_code TEXT PRIMARY KEY,
        sha256 TEXT REFERENCES attachments (sha256),
        url TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((sha256 IS NULL) <> (url IS NULL))
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
