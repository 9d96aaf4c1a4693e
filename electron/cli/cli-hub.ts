import { APP_VERSION } from '../host/create-host';
import { createHubHosting } from '../hub/hub-hosting';
import { deskFor } from './cli-host';
// The hub's side of the CLI: only the commands that run or administer the hub load it (its web
// server, PostgreSQL client and services), not a bench's one-shot commands.
export { createHub, type Hub, type HubBackup } from '../hub/create-hub';
export { startHubServer } from '../hub/hub-server';
export { deskLink } from '../hub/desk-mount';
export { lanAddresses } from '../hub/hub-hosting';
export { scheduleBackups } from '../hub/backup/backup-schedule';
export { writePrivateFile } from '../hub/store/private-files';
export { PAIRING_TTL_MINUTES } from '../hub/stations/pairing.service';
export { saveTrackingKeys, TRACKING_KEYS_FILE } from '../hub/tracking/tracking-keys';
export { startTrackingCallbackServer } from '../hub/tracking/tracking-callback-server';
export { saveHubWaybillKeys, waybillProviderLabel } from '../hub/waybills/hub-waybill-keys';
export { checkHubWaybillAccounts } from '../hub/waybills/hub-waybills.service';
export { waybillProviderNames, WAYBILL_KEYS_MAX_BYTES, type WaybillProviderName } from '../hub/providers.port';

/** What a serving station needs to host the shop's hub when its admin turns that on. */
export const serveHubHosting = (log: (line: string, error?: unknown) => void) => createHubHosting({ appVersion: APP_VERSION, log, desk: deskFor(log) });
