import type { Migration } from '../migrate';

/**
 * TODO(integrator): 0015 belongs to another branch of issue 10; this empty step only keeps the list
 * contiguous on the tracking-station branch (the migrator refuses gaps). Drop it when merging.
 */
export const stationReserved15: Migration = { version: 15, name: '0015-reserved', up() {} };
