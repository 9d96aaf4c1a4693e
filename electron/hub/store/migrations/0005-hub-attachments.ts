import type { HubMigration } from '../migrate-hub';

/**
 * Attachments reach the hub (issue 8): damage photos, their thumbnails, pack videos and SKU
 * pictures, each named by its SHA-256 and sent by the bench that made it in chunks. A row says
 * what was declared, how much arrived (the next chunk must start there), from which station, and
 * when it was complete; the bytes are files in the hub's data folder (hub-attachments/).
 */
export const hubAttachments: HubMigration = {
  name: '0005-hub-attachments',
  async up(db) {
    await db.schema
      .createTable('hub_attachments')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('received_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      // Let go after the shop's retention (never sooner than 180 days after completion).
      .addColumn('expired_at', 'text')
      .execute();
    await db.schema.createIndex('hub_attachments_completed').on('hub_attachments').column('completed_at').execute();
  },
};
