import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';
import { stationRoleSchema } from './hub.contract';

/** What the status bar shows at all times: is this bench in touch with the hub, and what is waiting. */
export const syncStatusSchema = z.object({
  stationId: z.string(),
  paired: z.boolean(),
  hubUrl: z.string().nullable(),
  stationName: z.string().nullable(),
  role: stationRoleSchema.nullable(),
  /**
   * unpaired: works alone. offline: the hub cannot be reached (work goes on, ops wait). revoked: the
   * hub refused this bench's token (revoked, or the hub no longer knows it): nothing reaches the hub until it pairs again.
   */
  state: z.enum(['unpaired', 'online', 'offline', 'syncing', 'revoked']),
  /** When the state was last found (the end of the last round, possibly in another process); null before any round. */
  stateAt: z.string().nullable(),
  /** Ops recorded here and not yet confirmed by the hub. */
  pendingOps: z.number().int(),
  lastSyncAt: z.string().nullable(),
  /** Why the last round failed, as a catalog message (the hub's identity changed, unreachable, refused…). */
  lastError: messageSchema.nullable(),
  /** The hub certificate's SHA-256 fingerprint this station pinned at pairing (null: a plain-HTTP hub). */
  hubFingerprint: z.string().nullable(),
  /** Hub clock minus this PC's clock; shown, never used for ordering. */
  clockOffsetMs: z.number().nullable(),
  hubEpoch: z.string().nullable(),
  cursor: z.number().int(),
  /** The hub's log head as last seen: cursor < hubHead while catching up. */
  hubHead: z.number().int(),
  /** Entries from a newer Packdesk this version cannot apply yet; kept and applied after an update. */
  parkedOps: z.number().int(),
  openFlags: z.number().int(),
  /** Photos and videos made here the hub does not have whole yet (0 when not paired). */
  pendingFiles: z.number().int(),
  /** The attachments' disk budget is nearly full and nothing may be let go (the hub lacks them): said under the top bar. */
  storageWarning: messageSchema.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const flagSchema = z.object({
  flagId: z.string(),
  kind: z.string(),
  orderId: z.string().nullable(),
  orderExternalId: z.string().nullable(),
  stationIds: z.array(z.string()),
  /** Station names where known (same order as stationIds). */
  stationNames: z.array(z.string()),
  /** What happened, in the reader's language (a catalog key and its parameters). */
  message: messageSchema,
  raisedAt: z.string(),
  hubSeq: z.number().int(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Flag = z.infer<typeof flagSchema>;

/** A code as the hosting panel shows it: with the hub's fingerprint, and the station a replacement code takes over. */
export const pairingCodeSchema = z.object({
  code: z.string(),
  role: stationRoleSchema,
  expiresAt: z.string(),
  replaces: z.string().nullable(),
  fingerprint: z.string(),
});
export const hostingStatusSchema = z.object({
  enabled: z.boolean(),
  running: z.boolean(),
  port: z.number().int(),
  /** Addresses other PCs use to reach this hub. */
  urls: z.array(z.string()),
  /** Where supervisors' phones open the desk pages (absent or empty: this hub serves none). */
  phoneUrls: z.array(z.string()).optional(),
  /** The hub's certificate fingerprint while it runs (stations type it when pairing). */
  fingerprint: z.string().nullable(),
  error: messageSchema.nullable(),
  stations: z.array(
    z.object({ stationId: z.string(), name: z.string(), role: stationRoleSchema, lastSeen: z.string().nullable(), appVersion: z.string().nullable() }),
  ),
});
export type HostingStatus = z.infer<typeof hostingStatusSchema>;

export const syncContract = {
  'sync.status': procedure(z.object({}), syncStatusSchema),
  /** Joins a hub with the one-time code it shows (admin). */
  'sync.pair': procedure(
    z.object({
      hubUrl: z.string().url().max(200),
      code: z.string().regex(/^\d{8}$/),
      stationName: z.string().min(1).max(60),
      /** The certificate fingerprint the hub shows (https:// hubs): whole or its first 20 hex digits, any separators. */
      fingerprint: z.string().max(200).optional(),
      /** An http:// hub (started with --insecure-http): the admin accepts that nothing is encrypted. */
      insecureHttp: z.boolean().default(false),
    }),
    syncStatusSchema,
  ),
  /** Leaves the hub (admin). Ops not yet pushed stay in the outbox and go out after pairing again. */
  'sync.unpair': procedure(z.object({}), syncStatusSchema),
  /** Syncs now and answers with the status after that round. */
  'sync.now': procedure(z.object({}), syncStatusSchema),
  'flags.list': procedure(z.object({ open: z.boolean().default(true) }), z.object({ flags: z.array(flagSchema) })),
  /** A supervisor closes a flag with what was done about it; every station sees it. */
  'flags.resolve': procedure(z.object({ flagId: z.string(), resolution: z.string().min(1).max(500) }), flagSchema),
  /** This PC hosting the shop's hub (Settings → host the hub on this PC). */
  'hub.hosting': procedure(z.object({}), hostingStatusSchema),
  'hub.setHosting': procedure(z.object({ enabled: z.boolean(), port: z.number().int().min(1024).max(65535).default(5180) }), hostingStatusSchema),
  'hub.newPairingCode': procedure(z.object({ role: stationRoleSchema }), pairingCodeSchema),
  /** A code for a new PC that replaces a lost or broken station: it takes over that station's id and sequence (admin). */
  'hub.newReplacementCode': procedure(z.object({ stationId: z.string().min(1).max(64) }), pairingCodeSchema),
  /** A lost or stolen PC: its token stops working at once; its ops and waybill leases stay (admin). */
  'hub.revokeStation': procedure(z.object({ stationId: z.string().min(1) }), hostingStatusSchema),
} as const;
