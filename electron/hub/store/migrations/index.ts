import type { HubMigration } from '../migrate-hub';
import { hubCore } from './0001-hub-core';
import { hubVoids } from './0002-hub-voids';
import { hubIdentity } from './0003-hub-identity';
import { hubTrust } from './0004-hub-trust';
import { hubAttachments } from './0005-hub-attachments';
import { hubDamageEffects } from './0006-hub-damage-effects';
import { hubReturns } from './0007-hub-returns';
import { hubTracking } from './0008-hub-tracking';
import { hubHandovers } from './0009-hub-handovers';
import { hubProviderWaybills } from './0010-hub-provider-waybills';
import { hubLogUser } from './0011-hub-log-user';
import { hubTrackingTraceAge } from './0012-hub-tracking-trace-age';
import { hubWaybillChildren } from './0013-hub-waybill-children';

/**
 * Listed explicitly so bundling cannot drop or reorder one. Forward-only and additive (new
 * tables, nullable or defaulted columns, new indexes): a hub one version behind still reads the
 * data, and a backup restores into a newer hub. store/migrations.test.ts checks it.
 */
export const hubMigrations: readonly HubMigration[] = [hubCore, hubVoids, hubIdentity, hubTrust, hubAttachments, hubDamageEffects, hubReturns, hubTracking, hubHandovers, hubProviderWaybills, hubLogUser, hubTrackingTraceAge, hubWaybillChildren];
