import type { HubMigration } from '../migrate-hub';

/**
 * How far the trace the hub last wrote for a parcel reaches: its newest node's time and how many
 * nodes it had. 快递100 pushes carry a signature but no nonce, so a captured push can be replayed
 * over plain HTTP; a push (or a poll answer) whose trace is older than this changes nothing.
 * Both NULL for parcels tracked before this step: their next report sets them. Additive.
 */
export const hubTrackingTraceAge: HubMigration = {
  name: '0012-hub-tracking-trace-age',
  async up(db) {
    await db.schema.alterTable('hub_tracking').addColumn('trace_at', 'text').execute();
    await db.schema.alterTable('hub_tracking').addColumn('trace_nodes', 'integer').execute();
  },
};
