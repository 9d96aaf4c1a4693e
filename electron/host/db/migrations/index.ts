import type { Migration } from '../migrate';
import { stationCore } from './0001-station-core';
import { stationSync } from './0002-sync';
import { stationTrustedOps } from './0003-trusted-ops';
import { stationMessages } from './0004-messages';
import { stationAttachments } from './0005-attachments';
import { stationPrintQueue } from './0006-print-queue';
import { stationStockBuckets } from './0007-stock-buckets';
import { stationDamageDesk } from './0008-damage-desk';
import { stationInbox } from './0012-inbox';

// MERGE: 0009–0011 belong to other parts of issue 8; on this branch empty steps hold their places so
// the list stays contiguous. Replace them with the real ones (or renumber 0012) at merge.
const reserved = (version: number): Migration => ({ version, name: `${String(version).padStart(4, '0')}-reserved`, up() {} });

/** Listed explicitly (not scanned from disk) so bundling cannot drop or reorder one. */
export const migrations: readonly Migration[] = [stationCore, stationSync, stationTrustedOps, stationMessages, stationAttachments, stationPrintQueue, stationStockBuckets, stationDamageDesk,
  reserved(9), reserved(10), reserved(11), stationInbox];
