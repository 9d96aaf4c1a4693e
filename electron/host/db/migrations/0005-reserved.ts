import type { Migration } from '../migrate';

/**
 * Placeholder for migration 5, reserved for another part of issue 9 (built on its own branch): the
 * list must be contiguous for 0006 to run here. When that branch merges, its 0005 replaces this file.
 */
export const stationReserved5: Migration = { version: 5, name: '0005-reserved', up() {} };
