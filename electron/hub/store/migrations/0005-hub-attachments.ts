import type { HubMigration } from '../migrate-hub';

/**
 * Attachments reach the hub (issue 8): damage photos, their thumbnails, pack videos and SKU
 * pictures, each named by its SHA-256 and sent by the bench that made it in chunks. A row is one
 * station's upload of one file: what it declared, how much arrived (its next chunk must start
 * there), and when it was complete; the bytes are files in the hub's data folder
 * (hub-attachments/). Each station's upload is its own, so no station can spoil another's.
 */
export const hubAttachments: HubMigration = {
  name: '0005-hub-attachments',
  async up(db) {
    await db.schema
      .createTable('hub_attachments')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('received_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      // Let go after the shop's retention (never sooner than 180 days after completion).
      .addColumn('expired_at', 'text')
      .addPrimaryKeyConstraint('hub_attachments_pk', ['sha256', 'station_id'])
      .execute();
    await db.schema.createIndex('hub_attachments_completed').on('hub_attachments').column('completed_at').execute();
  },
};
