import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

// One getrandom() call per 256 ids instead of one per id: id generation sits on the import and scan paths.
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let next = POOL_IDS;

/** A UUIDv7: time-ordered, so ids created at a station sort by creation and index well. */
export function newId(): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next * 16, ++next * 16);
  return uuidv7({ random });
}
