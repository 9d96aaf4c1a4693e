import type { Migration } from '../migrate';
import { stationCore } from './0001-station-core';
import { stationSync } from './0002-sync';
import { stationTrustedOps } from './0003-trusted-ops';
import { stationMessages } from './0004-messages';
import { stationAttachments } from './0005-attachments';
import { stationPrintQueue } from './0006-print-queue';
import { stationStockBuckets } from './0007-stock-buckets';
import { stationDamageDesk } from './0008-damage-desk';
import { stationAttachmentUploads } from './0009-attachment-uploads';
import { stationOrdersSort } from './0010-orders-sort';
import { stationDamageEffects } from './0011-damage-effects';
import { stationReturnsPhotos } from './0012-returns-photos';
import { stationInbox } from './0013-inbox';
import { stationHandoverColumns } from './0014-handover-columns';
import { stationHandovers } from './0015-handovers';
import { stationTracking } from './0016-tracking';
import { stationProviderWaybills } from './0017-provider-waybills';
import { stationBenchExceptionOrders } from './0018-bench-exception-orders';
import { stationWaybillsPrinted } from './0019-waybills-printed';
import { stationOutboxUser } from './0020-outbox-user';
import { stationWaybillsHeldElsewhere } from './0021-waybills-held-elsewhere';
import { stationFlagsByOrder } from './0022-flags-by-order';
import { stationAuthorizedOpsUser } from './0023-authorized-ops-user';
import { stationFetchedPrintJobs } from './0024-fetched-print-jobs';
import { stationAuthorizedOpsDetail } from './0025-authorized-ops-detail';
import { stationOrdersLiveParcel } from './0026-orders-live-parcel';
import { stationHandoverAbandoned } from './0027-handover-abandoned';
import { stationVoidHolds } from './0028-void-holds';
import { stationSafetyStock } from './0029-safety-stock';

/** Listed explicitly (not scanned from disk) so bundling cannot drop or reorder one. */
export const migrations: readonly Migration[] = [stationCore, stationSync, stationTrustedOps, stationMessages, stationAttachments, stationPrintQueue, stationStockBuckets,
  stationDamageDesk, stationAttachmentUploads, stationOrdersSort, stationDamageEffects, stationReturnsPhotos, stationInbox,
  stationHandoverColumns, stationHandovers, stationTracking, stationProviderWaybills, stationBenchExceptionOrders, stationWaybillsPrinted,
  stationOutboxUser, stationWaybillsHeldElsewhere, stationFlagsByOrder, stationAuthorizedOpsUser, stationFetchedPrintJobs,
  stationAuthorizedOpsDetail, stationOrdersLiveParcel, stationHandoverAbandoned, stationVoidHolds, stationSafetyStock];
